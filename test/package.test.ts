import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
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

/** The `eslint.config.js` blocks of README.md, each after a `<!-- config:<name> -->` marker. */
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

    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
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

  it('holds dist/, bin/, package.json, README and LICENSE, and nothing else', () => {
    for (const required of ['package.json', 'README.md', 'LICENSE', 'bin/async-pitfalls.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli.js']) {
      assert.ok(packedFiles.includes(required), `${required} is missing from the tarball`);
    }
    const unexpected = packedFiles.filter(
      file =>
        !['package.json', 'README.md', 'LICENSE'].includes(file) &&
        !/^bin\/[^/]+\.js$/.test(file) &&
        !/^dist\/.+\.(?:js|d\.ts)$/.test(file),
    );
    assert.deepEqual(unexpected, [], 'files a user does not need are in the tarball');
    assert.ok(!packedFiles.some(file => file.endsWith('.tsbuildinfo') || file.startsWith('src/') || /(?:^|\/)tests?\/|\.test\./.test(file)));
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
    const expectedMeta = { name: pluginPackage.name, version: pluginPackage.version };
    assert.deepEqual(output.requiredMeta, expectedMeta);
    assert.deepEqual(output.importedMeta, expectedMeta);
    assert.deepEqual(output.configs, ['all', 'recommended', 'strict']);
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

  const configs = readmeConfigs();
  it("README's three eslint.config.js examples are found", () => {
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
        fs.writeFileSync(path.join(project, 'eslint.config.js'), config);
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
