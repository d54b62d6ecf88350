// `npm start`: the demo. Lints examples/ with every rule of the plugin through the command line;
// `npm start -- <args>` passes its own arguments (and paths) instead.
// Findings are the demo's expected output, so exit code 1 (findings) counts as success here;
// a usage error (2) or a crash fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'eslint-plugin', 'bin', 'async-pitfalls.js');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// `npm ci` builds the plugin (prepare); build here too when it has not run.
if (!existsSync(join(root, 'eslint-plugin', 'dist', 'cli.js'))) {
  const build = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 2);
}

const args = process.argv.slice(2);
const cliArgs = args.length > 0 ? args : ['--config', 'all', join(root, 'examples')];
// npm runs scripts from the repository root; paths given by the user are relative to where they are.
const run = spawnSync(process.execPath, [cli, ...cliArgs], { cwd: process.env.INIT_CWD ?? process.cwd(), stdio: 'inherit' });
if (run.error) throw run.error;
const code = run.status ?? 2;
process.exit(code === 1 ? 0 : code);
