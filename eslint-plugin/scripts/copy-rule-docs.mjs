// Part of the build: copies the rule pages (docs/rules/ at the repository root, reached through
// the eslint-plugin/docs link) into dist/docs/rules/, so that the published package carries them:
// npm pack leaves symbolic links out. The root's pages stay the one source; this copy is output.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pluginDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(pluginDir, 'docs', 'rules');
const target = join(pluginDir, 'dist', 'docs', 'rules');

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const file of readdirSync(source)) {
  if (file.endsWith('.md')) copyFileSync(join(source, file), join(target, file));
}
