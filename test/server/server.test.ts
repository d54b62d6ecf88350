// The built language server (extension/dist/server.js), spoken to over stdio as an editor would.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Diagnostic } from 'vscode-languageserver-protocol';

import { FIXABLE, FIXABLE_FIXED, makeWorkspace, NOT_FIXABLE, removeWorkspaces } from './helpers';
import { fileUri, TestClient } from './lsp-client';

const DOCS_URL = 'https://github.com/async-pitfalls/async-pitfalls/blob/main/docs/rules/no-blocking-in-async.md';

function only<T>(items: readonly T[]): T {
  assert.equal(items.length, 1, `expected one item, got ${JSON.stringify(items, null, 1)}`);
  return items[0] as T;
}

describe('language server over stdio', () => {
  // One server for these tests, as in an editor session: each test opens its own files.
  let client: TestClient;
  let folder: string;
  let fileCount = 0;
  const fresh = (name: string): string => path.join(folder, `${++fileCount}-${name}`);

  before(async () => {
    folder = makeWorkspace();
    client = await TestClient.start({ folders: [folder] });
  });

  after(async () => {
    await client.stop();
    removeWorkspaces();
  });

  it('announces its capabilities on initialize', async () => {
    const capabilities = client.initializeResult?.capabilities;
    assert.deepEqual(capabilities?.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.asyncPitfalls'] });
    assert.deepEqual(capabilities?.executeCommandProvider?.commands, ['asyncPitfalls.server.fixAll', 'asyncPitfalls.server.showDocumentation']);
  });

  it('publishes diagnostics for an opened file, with rule code, docs link and severity', async () => {
    const diagnostic = only(await client.open(fresh('load.ts'), NOT_FIXABLE));
    assert.equal(diagnostic.source, 'async-pitfalls');
    assert.equal(diagnostic.code, 'no-blocking-in-async');
    assert.equal(diagnostic.codeDescription?.href, DOCS_URL);
    assert.equal(diagnostic.severity, 1);
    assert.deepEqual(diagnostic.range, { start: { line: 2, character: 9 }, end: { line: 2, character: 38 } });
    assert.match(String(diagnostic.message), /block the event loop/);
  });

  it('lints every JavaScript and TypeScript flavour', async () => {
    const jsCode = NOT_FIXABLE.replace(': Promise<string>', '');
    for (const name of ['a.js', 'a.mjs', 'a.jsx', 'a.ts', 'a.mts', 'a.cts', 'a.tsx']) {
      const code = name.endsWith('ts') || name.endsWith('tsx') ? NOT_FIXABLE : jsCode;
      assert.equal((await client.open(fresh(name), code)).length, 1, name);
    }
    const commonJs = "const { readFileSync } = require('fs');\nmodule.exports = async () => readFileSync('a');\n";
    assert.equal((await client.open(fresh('a.cjs'), commonJs)).length, 1, 'a.cjs');
  });

  it('updates diagnostics as the document changes', async () => {
    const file = fresh('load.ts');
    assert.equal((await client.open(file, NOT_FIXABLE)).length, 1);
    assert.deepEqual(await client.change(file, NOT_FIXABLE.replace('readFileSync(', 'String(')), []);
    assert.equal((await client.change(file, NOT_FIXABLE)).length, 1);
  });

  it("offers the rule's fix as the preferred quick fix, and the edit fixes the text", async () => {
    const file = fresh('load.js');
    const diagnostic = only(await client.open(file, FIXABLE));
    const actions = await client.codeActions(file, diagnostic);
    assert.deepEqual(
      actions.map(action => action.title),
      [
        'Use await fs.promises.readFile()',
        'Disable no-blocking-in-async for this line',
        'Disable no-blocking-in-async for the entire file',
        'Show documentation for no-blocking-in-async',
      ],
    );
    const fix = actions[0];
    assert.equal(fix?.isPreferred, true);
    assert.equal(fix?.kind, 'quickfix');
    client.applyWorkspaceEdit(fix?.edit ?? {});
    assert.equal(client.text(file), FIXABLE_FIXED);
    assert.deepEqual(await client.change(file, client.text(file)), []);
  });

  it('disables a rule for one line, merging into an existing eslint-disable-next-line comment', async () => {
    const plain = fresh('plain.ts');
    const merged = fresh('merged.ts');

    const freshDiagnostic = only(await client.open(plain, NOT_FIXABLE));
    const disableFresh = (await client.codeActions(plain, freshDiagnostic)).find(action => action.title === 'Disable no-blocking-in-async for this line');
    client.applyWorkspaceEdit(disableFresh?.edit ?? {});
    assert.equal(
      client.text(plain),
      NOT_FIXABLE.replace("  return readFileSync", "  // eslint-disable-next-line async-pitfalls/no-blocking-in-async\n  return readFileSync"),
    );
    assert.deepEqual(await client.change(plain, client.text(plain)), []);

    const withComment = NOT_FIXABLE.replace('  return readFileSync', '  // eslint-disable-next-line no-console -- logged elsewhere\n  return readFileSync');
    const mergedDiagnostic = only(await client.open(merged, withComment));
    const disableMerged = (await client.codeActions(merged, mergedDiagnostic)).find(action => action.title === 'Disable no-blocking-in-async for this line');
    client.applyWorkspaceEdit(disableMerged?.edit ?? {});
    assert.equal(
      client.text(merged),
      withComment.replace('no-console --', 'no-console, async-pitfalls/no-blocking-in-async --'),
    );
    assert.deepEqual(await client.change(merged, client.text(merged)), []);
  });

  it('disables a rule for the whole file, after a shebang', async () => {
    const file = fresh('cli.js');
    // A script (shebang) is command-line code, where blocking calls are not reported; a floating
    // promise still is.
    const floating = "import { writeFile } from 'node:fs/promises';\nexport async function save() {\n  writeFile('a.txt', 'x');\n}\n";
    const code = `#!/usr/bin/env node\n${floating}`;
    const diagnostic = only(await client.open(file, code));
    const disable = (await client.codeActions(file, diagnostic)).find(action => action.title === 'Disable no-missing-await for the entire file');
    client.applyWorkspaceEdit(disable?.edit ?? {});
    assert.equal(client.text(file), `#!/usr/bin/env node\n/* eslint-disable async-pitfalls/no-missing-await */\n${floating}`);
    assert.deepEqual(await client.change(file, client.text(file)), []);
  });

  it("opens the rule's documentation through window/showDocument", async () => {
    const file = fresh('load.ts');
    const diagnostic = only(await client.open(file, NOT_FIXABLE));
    const result = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: fileUri(file) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const docs = (result as { title: string; command?: { command: string; arguments?: unknown[] } }[]).find(action =>
      action.title.startsWith('Show documentation'),
    );
    assert.equal(docs?.command?.command, 'asyncPitfalls.server.showDocumentation');
    await client.executeCommand(docs?.command?.command ?? '', docs?.command?.arguments ?? []);
    assert.deepEqual(client.shownDocuments, [DOCS_URL]);
  });

  it('fix-all applies every safe fix and leaves unfixable problems', async () => {
    const file = fresh('both.js');
    const code = `${FIXABLE}export async function other() {\n  return fs.readFileSync('b.txt');\n}\nimport { execSync } from 'node:child_process';\nexport async function run() {\n  execSync('ls');\n}\n`;
    assert.equal((await client.open(file, code)).length, 3);
    const fixAll = only(await client.fixAllActions(file));
    assert.equal(fixAll.kind, 'source.fixAll.asyncPitfalls');
    client.applyWorkspaceEdit(fixAll.edit ?? {});
    const expected = code
      .replace("fs.readFileSync('a.txt', 'utf8')", "await fs.promises.readFile('a.txt', 'utf8')")
      .replace("fs.readFileSync('b.txt')", "await fs.promises.readFile('b.txt')");
    assert.equal(client.text(file), expected);
    const remaining = await client.change(file, client.text(file));
    assert.deepEqual(remaining.map(diagnostic => diagnostic.range.start.line), [9]);
    assert.deepEqual(await client.fixAllActions(file), []);
  });

  it('fix-all runs as a server command through workspace/applyEdit', async () => {
    const file = fresh('load.js');
    await client.open(file, FIXABLE);
    assert.deepEqual(await client.executeCommand('asyncPitfalls.server.fixAll', [{ uri: fileUri(file) }]), { applied: true });
    assert.equal(client.text(file), FIXABLE_FIXED);
  });

  it('reports an unparsable file with one diagnostic at the parse error, then recovers', async () => {
    const file = fresh('broken.ts');
    const diagnostic = only(await client.open(file, 'export async function f() {\n  const x = ;\n}\n'));
    assert.match(String(diagnostic.message), /^Parsing error:/);
    assert.equal(diagnostic.severity, 1);
    assert.equal(diagnostic.source, 'async-pitfalls');
    // The parser points at `;` or just before it, where an expression was expected.
    assert.equal(diagnostic.range.start.line, 1);
    assert.ok([11, 12].includes(diagnostic.range.start.character), JSON.stringify(diagnostic.range));
    assert.equal((await client.change(file, NOT_FIXABLE)).length, 1);
  });

});

describe('language server settings', () => {
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    removeWorkspaces();
  });

  it('applies severities, wildcards and rule options from workspace/configuration, and relints on change', async () => {
    const folder = makeWorkspace();
    const file = path.join(folder, 'load.ts');
    client = await TestClient.start({ folders: [folder], settings: { '*': { rules: { 'no-blocking-*': 'warn' } } } });
    assert.equal(only(await client.open(file, NOT_FIXABLE)).severity, 2);

    const uri = fileUri(file);
    let next = client.nextDiagnostics(uri);
    await client.changeSettings({ '*': { rules: { '*': 'off' } } });
    assert.deepEqual(await next, []);

    next = client.nextDiagnostics(uri);
    await client.changeSettings({ '*': { allowBlockingCalls: ['fs.readFileSync'] } });
    assert.deepEqual(await next, []);

    next = client.nextDiagnostics(uri);
    await client.changeSettings({ '*': { ruleOptions: { 'no-blocking-in-async': { allow: [] } } } });
    assert.equal((await next).length, 1);
  });

  it('reports a bad setting value by name and lints with the default', async () => {
    const folder = makeWorkspace();
    client = await TestClient.start({
      folders: [folder],
      settings: { '*': { run: 'sometimes', config: 42, rules: { 'no-such-rule': 'error', 'no-blocking-in-async': 'loud' } } },
    });
    const diagnostic = only(await client.open(path.join(folder, 'load.ts'), NOT_FIXABLE));
    assert.equal(diagnostic.severity, 1);
    const messages = client.shownMessages.join('\n');
    assert.match(messages, /asyncPitfalls\.run: "sometimes" is not one of onType, onSave; using "onType"/);
    assert.match(messages, /asyncPitfalls\.config: 42 is not one of recommended, strict, all; using "recommended"/);
    assert.match(messages, /asyncPitfalls\.rules\["no-blocking-in-async"\]: "loud" is not off, warn or error/);
    assert.match(messages, /has no rule "no-such-rule"/);
  });

  it('passes options through by rule name: an option or rule that does not exist breaks nothing', async () => {
    const folder = makeWorkspace();
    client = await TestClient.start({
      folders: [folder],
      settings: {
        '*': {
          resources: [{ module: 'my-db', name: 'connect', release: ['close'] }],
          knownSafeCalls: [{ names: ['track'] }],
          ruleOptions: { 'no-blocking-in-async': { noSuchOption: true }, 'not-a-rule': { a: 1 } },
        },
      },
    });
    assert.equal((await client.open(path.join(folder, 'load.ts'), NOT_FIXABLE)).length, 1);
    const messages = client.shownMessages.join('\n');
    assert.match(messages, /Rule "no-blocking-in-async" has no option "noSuchOption"/);
    assert.match(messages, /has no rule "not-a-rule"/);
  });

  it('lints without rule options when an option value has the wrong shape, and says so', async () => {
    const folder = makeWorkspace();
    client = await TestClient.start({ folders: [folder], settings: { '*': { knownSafeCalls: ['track'] } } });
    assert.equal((await client.open(path.join(folder, 'load.ts'), NOT_FIXABLE)).length, 1);
    assert.match(client.shownMessages.join('\n'), /rule options are ignored/);
  });

  it('lints on save only when run is onSave', async () => {
    const folder = makeWorkspace();
    const file = path.join(folder, 'load.ts');
    client = await TestClient.start({ folders: [folder], settings: { '*': { run: 'onSave' } } });
    assert.equal((await client.open(file, NOT_FIXABLE)).length, 1);
    const uri = fileUri(file);
    let published = 0;
    const counting = client.nextDiagnostics(uri, () => {
      published++;
      return true;
    });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: 'export {};\n' }],
    });
    await new Promise(resolve => setTimeout(resolve, 500));
    assert.equal(published, 0, 'a change alone does not lint');
    await client.save(file);
    assert.deepEqual(await counting, []);
  });

  it('skips a file above maxFileSize with a status message', async () => {
    const folder = makeWorkspace();
    const file = path.join(folder, 'big.ts');
    client = await TestClient.start({ folders: [folder], settings: { '*': { maxFileSize: 100 } } });
    assert.deepEqual(await client.open(file, NOT_FIXABLE + '// padding\n'.repeat(20)), []);
    const status = await client.status(candidate => typeof candidate.message === 'string' && candidate.message.includes('maxFileSize'));
    assert.match(String(status.message), /big\.ts is larger than asyncPitfalls\.maxFileSize/);
    assert.equal((await client.open(path.join(folder, 'small.ts'), 'export {};\n')).length, 0);
  });

  it('type-aware: lints files of the tsconfig with types and other files without, never failing', async () => {
    const folder = makeWorkspace({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', types: [] }, include: ['src'] }),
      'src/load.ts': NOT_FIXABLE,
    });
    client = await TestClient.start({ folders: [folder], settings: { '*': { typeAware: true } } });
    assert.equal(only(await client.open(path.join(folder, 'src/load.ts'), NOT_FIXABLE)).code, 'no-blocking-in-async');
    assert.equal(only(await client.open(path.join(folder, 'outside.ts'), NOT_FIXABLE)).code, 'no-blocking-in-async');
    assert.match(client.shownMessages.join('\n'), /outside\.ts is not part of a TypeScript project; linted without type information/);
  });

  it('multi-root: each folder lints with its own settings', async () => {
    const strictFolder = makeWorkspace();
    const quietFolder = makeWorkspace();
    client = await TestClient.start({
      folders: [strictFolder, quietFolder],
      settings: { [strictFolder]: {}, [quietFolder]: { rules: { 'no-blocking-in-async': 'warn' } } },
    });
    assert.equal(only(await client.open(path.join(strictFolder, 'a.ts'), NOT_FIXABLE)).severity, 1);
    assert.equal(only(await client.open(path.join(quietFolder, 'a.ts'), NOT_FIXABLE)).severity, 2);
    const scopes = client.logs.join('\n');
    assert.doesNotMatch(scopes, /Linting .* failed/);
  });
});

describe('language server and workspace trust', () => {
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    removeWorkspaces();
  });

  /** A workspace whose own TypeScript and ESLint leave a mark when loaded; its ESLint config enables the plugin. */
  function workspaceWithOwnTools(): { folder: string; marks: string } {
    const realTypeScript = require.resolve('typescript');
    const folder = makeWorkspace({
      'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version: '5.9.3', main: 'lib/typescript.js' }),
      'node_modules/typescript/lib/typescript.js': `require('fs').appendFileSync(require('path').join(__dirname, '../../../marks'), 'typescript\\n');\nmodule.exports = require(${JSON.stringify(realTypeScript)});\n`,
      'node_modules/eslint/package.json': JSON.stringify({ name: 'eslint', version: '10.0.0', main: 'index.js' }),
      'node_modules/eslint/index.js': `require('fs').appendFileSync(require('path').join(__dirname, '../../marks'), 'eslint\\n');
class ESLint {
  async calculateConfigForFile(file) {
    return file.endsWith('deferred.ts')
      ? { plugins: { 'async-pitfalls': { meta: { name: 'eslint-plugin-async-pitfalls' } } }, rules: { 'async-pitfalls/no-blocking-in-async': [2] } }
      : { plugins: {}, rules: { 'no-console': [2] } };
  }
}
module.exports = { ESLint, loadESLint: async () => ESLint };
`,
    });
    return { folder, marks: path.join(folder, 'marks') };
  }

  it('untrusted: runs only bundled code, never the workspace TypeScript or ESLint config', async () => {
    const { folder, marks } = workspaceWithOwnTools();
    client = await TestClient.start({ folders: [folder], trusted: false });
    assert.equal((await client.open(path.join(folder, 'deferred.ts'), NOT_FIXABLE)).length, 1);
    const status = await client.status(candidate => candidate.typescript !== undefined);
    assert.equal(status.typescript, 'bundled');
    await assert.rejects(fs.promises.access(marks), 'nothing of the workspace was loaded');
  });

  it("trusted: uses the workspace's TypeScript and defers to its ESLint config where it enables the plugin", async () => {
    const { folder, marks } = workspaceWithOwnTools();
    client = await TestClient.start({ folders: [folder], trusted: true });
    assert.deepEqual(await client.open(path.join(folder, 'deferred.ts'), NOT_FIXABLE), []);
    assert.equal((await client.open(path.join(folder, 'own.ts'), NOT_FIXABLE)).length, 1);
    const status = await client.status(candidate => candidate.typescript !== undefined);
    assert.equal(status.typescript, path.join(folder, 'node_modules', 'typescript'));
    assert.deepEqual((await fs.promises.readFile(marks, 'utf8')).split('\n').filter(Boolean).sort(), ['eslint', 'typescript']);
  });

  it('trusted with useWorkspaceConfig never: lints every file itself', async () => {
    const { folder } = workspaceWithOwnTools();
    client = await TestClient.start({ folders: [folder], trusted: true, settings: { '*': { useWorkspaceConfig: 'never' } } });
    assert.equal((await client.open(path.join(folder, 'deferred.ts'), NOT_FIXABLE)).length, 1);
  });
});

describe('workspace scan', () => {
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    removeWorkspaces();
  });

  it('lints unopened files, honouring .gitignore, files.exclude and the exclude setting; results survive close', async () => {
    const folder = makeWorkspace({
      'src/a.ts': NOT_FIXABLE,
      'src/nested/b.js': FIXABLE,
      'src/clean.ts': 'export {};\n',
      'src/types.d.ts': 'export declare function f(): void;\n',
      'build/out.js': FIXABLE,
      'generated/g.ts': NOT_FIXABLE,
      'vendor/v.js': FIXABLE,
      'node_modules/dep/index.js': FIXABLE,
      '.gitignore': 'build/\n',
      'src/.gitignore': 'ignored-here.js\n',
      'src/ignored-here.js': FIXABLE,
      'README.md': '# not code\n',
    });
    client = await TestClient.start({ folders: [folder], settings: { '*': { exclude: ['generated/**'] } } });
    client.filesExclude = { 'vendor/**': true, '**/*.tmp': false };
    const progress: unknown[] = [];
    client.connection.onNotification('asyncPitfalls/scanProgress', (params: unknown) => {
      progress.push(params);
    });
    const result = (await client.connection.sendRequest('asyncPitfalls/scanWorkspace', { progressToken: 't1' })) as Record<string, unknown>;
    assert.equal(result.filesLinted, 3);
    assert.equal(result.problems, 2);
    assert.equal(result.cancelled, false);
    const published = [...client.diagnostics.keys()].map(uri => path.relative(folder, new URL(uri).pathname)).sort();
    assert.deepEqual(published, ['src/a.ts', 'src/clean.ts', 'src/nested/b.js']);
    assert.equal(client.diagnostics.get(fileUri(path.join(folder, 'src/a.ts')))?.diagnostics.length, 1);
    assert.deepEqual(progress.at(-1), { progressToken: 't1', done: 3, total: 3 });

    // Opened, linted live, closed: a scanned file keeps its problems; another file is cleared.
    const scannedFile = path.join(folder, 'src/a.ts');
    await client.open(scannedFile, NOT_FIXABLE);
    let next = client.nextDiagnostics(fileUri(scannedFile));
    await client.close(scannedFile);
    assert.equal((await next).length, 1);
    const other = path.join(folder, 'other.ts');
    await client.open(other, NOT_FIXABLE);
    next = client.nextDiagnostics(fileUri(other));
    await client.close(other);
    assert.deepEqual(await next, []);
  });

  it('can be cancelled', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 200; index++) files[`src/f${index}.ts`] = NOT_FIXABLE;
    const folder = makeWorkspace(files);
    client = await TestClient.start({ folders: [folder] });
    const { CancellationTokenSource } = await import('vscode-jsonrpc');
    const source = new CancellationTokenSource();
    client.connection.onNotification('asyncPitfalls/scanProgress', (params: { done: number }) => {
      if (params.done >= 5) source.cancel();
    });
    const outcome = await client.connection
      .sendRequest('asyncPitfalls/scanWorkspace', {}, source.token)
      .then(result => result as { cancelled: boolean; filesLinted: number }, (error: unknown) => ({ error }));
    if ('error' in outcome) {
      assert.match(String((outcome.error as Error).message), /cancel/i);
    } else {
      assert.equal(outcome.cancelled, true);
      assert.ok(outcome.filesLinted < 200, `${outcome.filesLinted} files linted`);
    }
    const diagnostics: Diagnostic[][] = [...client.diagnostics.values()].map(params => params.diagnostics);
    assert.ok(diagnostics.length < 200, `${diagnostics.length} files published`);
  });
});
