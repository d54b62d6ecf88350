import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

import type { ESLint } from 'eslint';

import { REPOSITORY_ROOT } from './examples-sections';

// The plugin as users get it: the tarball of `npm pack`, unpacked into the node_modules of a
// project placed under the repository (so that the plugin's own dependencies and ESLint resolve
// from the repository's node_modules without the network), linted by the real `eslint` binary.

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const PACKAGE_NAME = 'eslint-plugin-async-pitfalls';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pluginPackage = require('../eslint-plugin/package.json') as { name: string; version: string };

const ESLINT_BINARIES: [string, string][] = [
  ['ESLint 10', path.join(REPOSITORY_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js')],
  ['ESLint 9', path.join(REPOSITORY_ROOT, 'node_modules', 'eslint-v9', 'bin', 'eslint.js')],
];

const PITFALL_SOURCE = `import { readFileSync } from 'node:fs';

export async function loadConfig(path) {
  const text = readFileSync(path, 'utf8');
  return JSON.parse(text);
}
`;
const PITFALL_LINE = 4;

/** The `eslint.config.mjs` blocks of README.md, each after a `<!-- config:<name> -->` marker. */
function readmeConfigs(): Map<string, string> {
  const readme = fs.readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
  const configs = new Map<string, string>();
  for (const match of readme.matchAll(/<!-- config:([\w-]+) -->\n```js\n([\s\S]*?)```/g)) {
    configs.set(match[1] ?? '', match[2] ?? '');
  }
  return configs;
}

interface PackedFile {
  path: string;
}

describe('the published package', function () {
  this.timeout(300_000);

  let workDir: string;
  let project: string;
  let packedFiles: string[];

  before(() => {
    fs.mkdirSync(path.join(REPOSITORY_ROOT, '.tmp'), { recursive: true });
    workDir = fs.mkdtempSync(path.join(REPOSITORY_ROOT, '.tmp', 'package-'));
    const packOutput = execFileSync(
      NPM,
      ['pack', '--workspace', 'eslint-plugin', '--pack-destination', workDir, '--json', '--ignore-scripts'],
      { cwd: REPOSITORY_ROOT, encoding: 'utf8' },
    );
    const [packed] = JSON.parse(packOutput) as { filename: string; files: PackedFile[] }[];
    assert.ok(packed, 'npm pack printed no tarball');
    packedFiles = packed.files.map(file => file.path).sort();

    project = path.join(workDir, 'project');
    const installed = path.join(project, 'node_modules', PACKAGE_NAME);
    fs.mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(workDir, packed.filename), '-C', installed, '--strip-components=1']);

    // As `npm init -y` writes it today.
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', type: 'commonjs' }));
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', types: [] }, include: ['*.ts'] }),
    );
    fs.writeFileSync(path.join(project, 'pitfall.js'), PITFALL_SOURCE);
    fs.writeFileSync(path.join(project, 'pitfall.ts'), PITFALL_SOURCE.replace('(path)', '(path: string)'));
  });

  after(() => {
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('holds dist/ (with the rule pages), bin/, package.json, README and LICENSE, and nothing else', () => {
    for (const required of ['package.json', 'README.md', 'LICENSE', 'bin/async-pitfalls.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli.js']) {
      assert.ok(packedFiles.includes(required), `${required} is missing from the tarball`);
    }
    const unexpected = packedFiles.filter(
      file =>
        !['package.json', 'README.md', 'LICENSE'].includes(file) &&
        !/^bin\/[^/]+\.js$/.test(file) &&
        !/^dist\/.+\.(?:js|d\.ts)$/.test(file) &&
        !/^dist\/docs\/rules\/[\w-]+\.md$/.test(file),
    );
    assert.deepEqual(unexpected, [], 'files a user does not need are in the tarball');
    assert.ok(!packedFiles.some(file => file.endsWith('.tsbuildinfo') || file.startsWith('src/') || /(?:^|\/)tests?\/|\.test\./.test(file)));
  });

  it("ships each rule's page, the same as docs/rules/, while docs.url points at the repository", () => {
    const pages = fs.readdirSync(path.join(REPOSITORY_ROOT, 'docs', 'rules')).sort();
    assert.deepEqual(
      packedFiles.filter(file => file.startsWith('dist/docs/rules/')).map(file => path.basename(file)),
      pages,
    );
    const installed = path.join(project, 'node_modules', PACKAGE_NAME);
    for (const page of pages) {
      assert.equal(
        fs.readFileSync(path.join(installed, 'dist', 'docs', 'rules', page), 'utf8'),
        fs.readFileSync(path.join(REPOSITORY_ROOT, 'docs', 'rules', page), 'utf8'),
        page,
      );
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const plugin = require(installed) as { rules: Record<string, { meta: { docs: { url: string } } }> };
    for (const [name, rule] of Object.entries(plugin.rules)) {
      assert.equal(rule.meta.docs.url, `https://github.com/async-pitfalls/async-pitfalls/blob/main/docs/rules/${name}.md`);
      assert.ok(pages.includes(`${name}.md`), `${name} has no page`);
    }
    // What an editor shows over a finding, read from the shipped page through the public export.
    const ruleDocs = createRequire(path.join(project, 'package.json'))(`${PACKAGE_NAME}/rule-docs`) as typeof import('../eslint-plugin/src/rule-docs');
    assert.equal(fs.realpathSync(ruleDocs.RULE_DOCS_DIRECTORY), fs.realpathSync(path.join(installed, 'dist', 'docs', 'rules')));
    for (const name of Object.keys(plugin.rules)) assert.ok(ruleDocs.readRuleGuide(name)?.lesson, `${name}: no lesson read from the package`);
  });

  it('exports what the language server uses, and nothing of its internals', () => {
    const requireFromProject = createRequire(path.join(project, 'package.json'));
    const defaultConfig = requireFromProject(`${PACKAGE_NAME}/default-config`) as typeof import('../eslint-plugin/src/default-config');
    assert.equal(typeof defaultConfig.createDefaultConfig, 'function');
    assert.equal(typeof defaultConfig.ruleOptionsFromTunables, 'function');
    const tunables = requireFromProject(`${PACKAGE_NAME}/tunable-options`) as typeof import('../eslint-plugin/src/tunable-options');
    assert.deepEqual(Object.keys(tunables.TUNABLE_RULE_OPTIONS).sort(), ['allowBlockingCalls', 'blockingCalls', 'knownSafeCalls', 'resources']);
    const typescriptPackage = requireFromProject(`${PACKAGE_NAME}/typescript-package`) as typeof import('../eslint-plugin/src/typescript-package');
    // The project's TypeScript (the repository's, found from the project placed under it) has the compiler API.
    assert.equal(typescriptPackage.chooseTypeScriptPackage([project]).usable?.origin, 'typescript');
    assert.throws(() => requireFromProject(`${PACKAGE_NAME}/dist/rules/no-missing-await.js`), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
  });

  it('declares ranges for its dependencies and no TypeScript that npm would install', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', PACKAGE_NAME, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    for (const [name, range] of Object.entries(manifest.dependencies)) {
      assert.match(range, /^\^|\|\|/, `${name}@${range} is pinned`);
      assert.ok(!/typescript$|^@typescript-eslint\/(?:utils|parser|typescript-estree)$/.test(name), `${name} brings a required typescript peer`);
    }
    for (const name of Object.keys(manifest.peerDependencies)) {
      if (name !== 'eslint') assert.equal(manifest.peerDependenciesMeta[name]?.optional, true, `${name} is a required peer`);
    }
  });

  it('resolves to the unpacked tarball, by require() and by import, with meta matching package.json', () => {
    const script = `
      const required = require('${PACKAGE_NAME}');
      import('${PACKAGE_NAME}').then(imported => {
        console.log(JSON.stringify({
          resolved: require.resolve('${PACKAGE_NAME}'),
          requiredMeta: required.meta,
          importedMeta: imported.default.meta,
          configs: Object.keys(imported.default.configs).sort(),
          rules: Object.keys(required.rules),
        }));
      });`;
    const output = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' })) as {
      resolved: string;
      requiredMeta: unknown;
      importedMeta: unknown;
      configs: string[];
      rules: string[];
    };
    assert.equal(fs.realpathSync(output.resolved), fs.realpathSync(path.join(project, 'node_modules', PACKAGE_NAME, 'dist', 'index.js')));
    const expectedMeta = { name: pluginPackage.name, version: pluginPackage.version, namespace: 'async-pitfalls' };
    assert.deepEqual(output.requiredMeta, expectedMeta);
    assert.deepEqual(output.importedMeta, expectedMeta);
    assert.deepEqual(output.configs, [
      'all',
      'all-type-checked',
      'flat/all',
      'flat/all-type-checked',
      'flat/recommended',
      'flat/recommended-type-checked',
      'flat/strict',
      'flat/strict-type-checked',
      'recommended',
      'recommended-type-checked',
      'strict',
      'strict-type-checked',
    ]);
    assert.ok(output.rules.includes('no-blocking-in-async'));
  });

  it("runs its command line from the tarball's bin", () => {
    const bin = path.join(project, 'node_modules', PACKAGE_NAME, 'bin', 'async-pitfalls.js');
    const run = spawnSync(process.execPath, [bin, '--format', 'json', 'pitfall.js'], { cwd: project, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    const [result] = JSON.parse(run.stdout) as ESLint.LintResult[];
    assert.deepEqual(
      result?.messages.map(message => [message.ruleId, message.line]),
      [['async-pitfalls/no-blocking-in-async', PITFALL_LINE]],
    );
  });

  describe("type-checks with ESLint's own types", () => {
    const TYPESCRIPT_CONFIG = `import type { ESLint, Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import asyncPitfalls from 'eslint-plugin-async-pitfalls';

const plugin: ESLint.Plugin = asyncPitfalls;
const configs: Linter.Config[] = [asyncPitfalls.configs.recommended, asyncPitfalls.configs['flat/strict'], ...asyncPitfalls.configs['recommended-type-checked']];

export default defineConfig(
  [asyncPitfalls.configs.recommended],
  asyncPitfalls.configs['strict-type-checked'],
  { files: ['src/**/*.ts'], extends: [asyncPitfalls.configs.strict] },
  { extends: [asyncPitfalls.configs['recommended-type-checked']] },
  { plugins: { 'async-pitfalls': plugin }, rules: { 'async-pitfalls/no-missing-await': 'warn' } },
  configs,
);
`;
    const CHECKED_JAVASCRIPT = `// @ts-check
import { defineConfig } from 'eslint/config';
import asyncPitfalls from 'eslint-plugin-async-pitfalls';

/** @type {import('eslint').ESLint.Plugin} */
const plugin = asyncPitfalls;
/** @type {import('eslint').Linter.Config[]} */
const configs = [asyncPitfalls.configs.all, ...asyncPitfalls.configs['all-type-checked']];

export default defineConfig(
  [asyncPitfalls.configs.recommended],
  { extends: [asyncPitfalls.configs.strict, asyncPitfalls.configs['flat/recommended-type-checked']] },
  { plugins: { 'async-pitfalls': plugin } },
  configs,
);
`;
    // typescript-eslint's own helper accepts them too.
    const WITH_TYPESCRIPT_ESLINT = `import asyncPitfalls from 'eslint-plugin-async-pitfalls';
import tseslint from 'typescript-eslint';

export default tseslint.config(asyncPitfalls.configs.recommended, { extends: [asyncPitfalls.configs.strict] }, ...asyncPitfalls.configs['recommended-type-checked']);
`;

    /** A project holding the unpacked package, with `eslint` resolving to `eslintPackage`, checked by the repository's tsc. */
    function typeCheck(name: string, eslintPackage: string, files: Record<string, string>): string {
      const dir = path.join(workDir, name);
      fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
      // A copy, not a link: TypeScript resolves the package's own `eslint` import from its real path.
      fs.cpSync(path.join(project, 'node_modules', PACKAGE_NAME), path.join(dir, 'node_modules', PACKAGE_NAME), { recursive: true });
      fs.symlinkSync(eslintPackage, path.join(dir, 'node_modules', 'eslint'));
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
      for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
      fs.writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', allowJs: true, checkJs: true, noEmit: true, types: [] },
          include: Object.keys(files),
        }),
      );
      const run = spawnSync(process.execPath, [path.join(REPOSITORY_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
      return `${run.stdout}${run.stderr}`;
    }

    it('defineConfig, extends, Linter.Config[] and ESLint.Plugin in eslint.config.ts and a // @ts-check file, with ESLint 10', () => {
      const files = { 'eslint.config.ts': TYPESCRIPT_CONFIG, 'checked.mjs': CHECKED_JAVASCRIPT, 'typescript-eslint.config.ts': WITH_TYPESCRIPT_ESLINT };
      assert.equal(typeCheck('types-eslint-10', path.join(REPOSITORY_ROOT, 'node_modules', 'eslint'), files), '');
    });

    it('the same with ESLint 9', () => {
      const files = { 'eslint.config.ts': TYPESCRIPT_CONFIG, 'checked.mjs': CHECKED_JAVASCRIPT };
      assert.equal(typeCheck('types-eslint-9', path.join(REPOSITORY_ROOT, 'node_modules', 'eslint-v9'), files), '');
    });

    it('fails where a config is misused, so that the checks above mean something', () => {
      const misuse = `import type { Linter } from 'eslint';
import asyncPitfalls from 'eslint-plugin-async-pitfalls';
const config: Linter.Config = asyncPitfalls.configs['recommended-type-checked'];
const missing = asyncPitfalls.configs.loose;
export default [config, missing];
`;
      const output = typeCheck('types-misuse', path.join(REPOSITORY_ROOT, 'node_modules', 'eslint'), { 'eslint.config.ts': misuse });
      assert.match(output, /eslint\.config\.ts\(3,7\): error TS\d+: Type 'Config<RulesConfig>\[\]' has no properties in common with type 'Config<RulesConfig>'/);
      assert.match(output, /eslint\.config\.ts\(4,39\): error TS2339: Property 'loose' does not exist/);
    });
  });

  const configs = readmeConfigs();
  it("README's three eslint.config.mjs examples are found", () => {
    assert.deepEqual([...configs.keys()], ['js', 'ts', 'ts-types']);
  });

  for (const [eslintName, eslintBin] of ESLINT_BINARIES) {
    for (const [configName, files] of [
      ['js', ['pitfall.js']],
      ['ts', ['pitfall.js', 'pitfall.ts']],
      ['ts-types', ['pitfall.js', 'pitfall.ts']],
    ] as const) {
      it(`${eslintName} with README's ${configName} config and configs.recommended reports the pitfall`, () => {
        const version = execFileSync(process.execPath, [eslintBin, '--version'], { encoding: 'utf8' });
        assert.match(version, eslintName === 'ESLint 10' ? /^v10\./ : /^v9\./);
        const config = configs.get(configName);
        assert.ok(config, `README has no config:${configName} block`);
        fs.writeFileSync(path.join(project, 'eslint.config.mjs'), config);
        const run = spawnSync(process.execPath, [eslintBin, '--format', 'json', ...files], { cwd: project, encoding: 'utf8' });
        assert.equal(run.status, 1, `${run.stderr}${run.stdout}`);
        const results = JSON.parse(run.stdout) as ESLint.LintResult[];
        assert.deepEqual(
          results.map(result => [path.basename(result.filePath), result.messages.map(message => [message.ruleId, message.line])]),
          files.map(file => [file, [['async-pitfalls/no-blocking-in-async', PITFALL_LINE]]]),
        );
      });
    }
  }
});
