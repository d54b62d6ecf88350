// Bundles the extension: dist/client.js (the VS Code side, kept small because loading it counts as
// activation), dist/language-client.js (vscode-languageclient, which the client loads after
// activation) and dist/server.js (the language server, with ESLint, the parser and the plugin);
// copies next to them the TypeScript the server falls back to when the workspace has none (or is
// untrusted).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const production = !process.argv.includes('--dev');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  legalComments: 'none',
  logLevel: 'warning',
  // ESLint's package.json is read through a computed require; the bundle keeps it working.
  mainFields: ['module', 'main'],
  plugins: [
    {
      // esquery's `module` build has only a default export, but ESLint `require`s it and calls
      // `.parse`: take its CommonJS build.
      name: 'esquery-commonjs',
      setup(build) {
        const require = createRequire(import.meta.url);
        build.onResolve({ filter: /^esquery$/ }, () => ({ path: require.resolve('esquery') }));
      },
    },
  ],
};

fs.rmSync(dist, { recursive: true, force: true });

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: [path.join(here, 'src/client/extension.ts')],
    outfile: path.join(dist, 'client.js'),
    external: ['vscode'],
  }),
  esbuild.build({
    ...common,
    entryPoints: [path.join(here, 'src/client/language-client.ts')],
    outfile: path.join(dist, 'language-client.js'),
    external: ['vscode'],
  }),
  esbuild.build({
    ...common,
    entryPoints: [path.join(here, 'src/server/server.ts')],
    outfile: path.join(dist, 'server.js'),
    // Resolved at run time to the workspace's TypeScript or to dist/typescript (typescript-loader.ts).
    // jiti: only ESLint's config loader (TypeScript config files) asks for it; the server never loads config files through it.
    external: ['typescript', 'typescript/*', 'jiti', 'jiti/package.json'],
  }),
]);

// The bundled TypeScript: its compiler, the server library entry and the lib.*.d.ts files that
// type-aware linting needs. Locales, tsc and tsserver are left out.
const typescriptSource = path.dirname(fileURLToPath(import.meta.resolve('typescript/package.json')));
const typescriptTarget = path.join(dist, 'typescript');
fs.mkdirSync(path.join(typescriptTarget, 'lib'), { recursive: true });
for (const file of ['package.json', 'LICENSE.txt']) {
  fs.copyFileSync(path.join(typescriptSource, file), path.join(typescriptTarget, file));
}
for (const file of fs.readdirSync(path.join(typescriptSource, 'lib'))) {
  if (file === 'typescript.js' || file === 'tsserverlibrary.js' || /^lib\..*\.d\.ts$/.test(file) || file === 'lib.d.ts') {
    fs.copyFileSync(path.join(typescriptSource, 'lib', file), path.join(typescriptTarget, 'lib', file));
  }
}
const sizes = ['client.js', 'language-client.js', 'server.js'].map(file => `${file} ${(fs.statSync(path.join(dist, file)).size / 1024).toFixed(0)} KiB`);
console.log(`extension/dist: ${sizes.join(', ')}, typescript ${JSON.parse(fs.readFileSync(path.join(typescriptTarget, 'package.json'), 'utf8')).version}`);
