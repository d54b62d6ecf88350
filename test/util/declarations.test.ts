import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import plugin from '../../eslint-plugin/src/index';
import { cachedFileCount, MAX_CACHED_FILES } from '../../eslint-plugin/src/util/declarations/modules';
import { LONG_RUNNING_SETTINGS } from '../rule-tester';

/**
 * The declarations read from other files are cached for the process by path, mtime and size; the
 * plugin's `forgetFiles` drops them, for an editor whose files change in ways those do not show.
 */
describe('declarations cache', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-forget-'));
  const service = path.join(folder, 'service.ts');
  const consumer = path.join(folder, 'consumer.ts');
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  function lintConsumer(from = 'service.js'): number[] {
    const linter = new Linter({ configType: 'flat', cwd: folder });
    const config: Linter.Config[] = [
      {
        files: ['**/*.ts'],
        plugins: { 'async-pitfalls': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
        languageOptions: { parser: tsParser as unknown as Linter.Parser },
        rules: { 'async-pitfalls/no-missing-await': 'error' },
        settings: LONG_RUNNING_SETTINGS,
      },
    ];
    const code = `import { service } from './${from}';\nservice.run();`;
    return linter.verify(code, config, consumer).map(message => message.line);
  }

  /** A whole second: file systems keep it exactly, so a rewrite can keep the same modification time. */
  const FIXED_TIME = new Date('2024-01-01T00:00:00Z');

  function write(text: string): void {
    fs.writeFileSync(service, text);
    fs.utimesSync(service, FIXED_TIME, FIXED_TIME);
  }

  /** Rewrites the file keeping its size and modification time, as a fast editor save can. */
  function rewriteUnnoticed(text: string): void {
    assert.equal(Buffer.byteLength(text), fs.statSync(service).size);
    write(text);
  }

  it('reads a changed file again once forgotten', () => {
    write('class Service { async run() {} }\nexport const service = new Service();\n');
    assert.deepEqual(lintConsumer(), [2]);
    // `async` becomes five spaces: same size, same mtime, still cached.
    rewriteUnnoticed('class Service {       run() {} }\nexport const service = new Service();\n');
    assert.deepEqual(lintConsumer(), [2]);
    plugin.forgetFiles([service]);
    assert.deepEqual(lintConsumer(), []);
  });

  it('forgets every file when given none', () => {
    write('class Service { async run() {} }\nexport const service = new Service();\n');
    plugin.forgetFiles();
    assert.deepEqual(lintConsumer(), [2]);
    rewriteUnnoticed('class Service {       run() {} }\nexport const service = new Service();\n');
    plugin.forgetFiles();
    assert.deepEqual(lintConsumer(), []);
  });

  it('follows a re-export to the changed module, not to what the re-exporting module saw first', () => {
    const barrel = path.join(folder, 'barrel.ts');
    fs.writeFileSync(barrel, "export { service } from './service.js';\n");
    write('class Service { async run() {} }\nexport const service = new Service();\n');
    plugin.forgetFiles();
    assert.deepEqual(lintConsumer('barrel.js'), [2]);
    // Only the re-exported module changes; the barrel, unchanged, stays cached.
    rewriteUnnoticed('class Service {       run() {} }\nexport const service = new Service();\n');
    plugin.forgetFiles([service]);
    assert.deepEqual(lintConsumer('barrel.js'), []);
  });

  it('keeps at most MAX_CACHED_FILES modules read from disk', () => {
    const many = path.join(folder, 'many');
    fs.mkdirSync(many);
    const count = MAX_CACHED_FILES + 20;
    for (let index = 0; index < count; index++) {
      fs.writeFileSync(path.join(many, `service${index}.ts`), `class Service { async run() {} }\nexport const service = new Service();\n`);
    }
    plugin.forgetFiles();
    // Each module is read when the consumer that imports it is linted, and still known then.
    for (let index = 0; index < count; index++) assert.deepEqual(lintConsumer(`many/service${index}.js`), [2]);
    assert.equal(cachedFileCount(), MAX_CACHED_FILES);
  });

  it('reads a helper of another module again once forgotten, for what its promise can do', () => {
    const helper = path.join(folder, 'helper.ts');
    const caller = path.join(folder, 'caller.ts');
    const catching = 'export async function check() { try { await fetch(\'x\'); } catch (error) { console.error(error); } }\n';
    // The same size: a comment in place of the catch's handling, so mtime and size cannot tell.
    const rethrowing = 'export async function check() { try { await fetch(\'x\'); } catch (error) { throw error;/*     */ } }\n';
    assert.equal(Buffer.byteLength(catching), Buffer.byteLength(rethrowing));
    fs.writeFileSync(helper, catching);
    fs.utimesSync(helper, FIXED_TIME, FIXED_TIME);
    const lintCaller = (): number[] =>
      new Linter({ configType: 'flat', cwd: folder })
        .verify(
          `import { check } from './helper.js';\ncheck();`,
          [
            {
              files: ['**/*.ts'],
              plugins: { 'async-pitfalls': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
              languageOptions: { parser: tsParser as unknown as Linter.Parser },
              rules: { 'async-pitfalls/no-missing-await': 'error' },
              settings: LONG_RUNNING_SETTINGS,
            },
          ],
          caller,
        )
        .map(message => message.line);
    plugin.forgetFiles();
    // The helper catches its failures: left floating on purpose.
    assert.deepEqual(lintCaller(), []);
    fs.writeFileSync(helper, rethrowing);
    fs.utimesSync(helper, FIXED_TIME, FIXED_TIME);
    assert.deepEqual(lintCaller(), []);
    plugin.forgetFiles([helper]);
    assert.deepEqual(lintCaller(), [2]);
  });

  it('resolves a specifier again once a file is created and forgotten', () => {
    const later = path.join(folder, 'later.ts');
    plugin.forgetFiles();
    // `./later.js` names nothing yet: nothing is known, nothing reported.
    assert.deepEqual(lintConsumer('later.js'), []);
    fs.writeFileSync(later, 'class Service { async run() {} }\nexport const service = new Service();\n');
    // The editor's file watcher tells the server of the new file.
    plugin.forgetFiles([later]);
    assert.deepEqual(lintConsumer('later.js'), [2]);
  });
});
