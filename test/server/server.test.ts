// The built language server (extension/dist/server.js), spoken to over stdio as an editor would.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Diagnostic } from 'vscode-languageserver-protocol';

import { Linter } from 'eslint';

import plugin from '../../eslint-plugin/src';
import { FIXABLE, FIXABLE_FIXED, makeWorkspace, NOT_FIXABLE, removeWorkspaces } from './helpers';
import { fileUri, REPO_ROOT, TestClient } from './lsp-client';

/** The rule's page as the server ships it: docs/rules/ two folders above extension/dist/server.js. */
const DOCS_PAGE = path.join(REPO_ROOT, 'docs', 'rules', 'no-blocking-in-async.md');
const DOCS_URL = fileUri(DOCS_PAGE);
/**
 * The title of FIXABLE's fix: the description of the suggestion that makes the same edit, as the
 * rule reports it under ESLint alone.
 */
function fixTitleOf(code: string): string {
  const [message] = new Linter({ configType: 'flat' }).verify(
    code,
    [{ plugins: { 'async-pitfalls': plugin as never }, rules: { 'async-pitfalls/no-blocking-in-async': 'error' } }],
    'load.js',
  );
  const fix = message?.fix;
  const twin = message?.suggestions?.find(suggestion => fix && suggestion.fix.text === fix.text && suggestion.fix.range.join() === fix.range.join());
  assert.ok(twin, `no suggestion makes the fix's edit: ${JSON.stringify(message)}`);
  return twin.desc;
}
const FIX_TITLE = fixTitleOf(FIXABLE);

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
    assert.equal(capabilities?.hoverProvider, true);
    assert.deepEqual(capabilities?.executeCommandProvider?.commands, ['asyncPitfalls.server.fixAll', 'asyncPitfalls.server.showDocumentation']);
  });

  it('publishes diagnostics for an opened file, with rule code, a link to the shipped rule page and severity', async () => {
    const diagnostic = only(await client.open(fresh('load.ts'), NOT_FIXABLE));
    assert.equal(diagnostic.source, 'async-pitfalls');
    assert.equal(diagnostic.code, 'no-blocking-in-async');
    assert.equal(diagnostic.codeDescription?.href, DOCS_URL);
    assert.ok(fs.existsSync(DOCS_PAGE));
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
        FIX_TITLE,
        'Fix all auto-fixable Async Pitfalls problems',
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

  it('replaces a named import of a blocking call by its async twin, leaving no unused import behind', async () => {
    const file = fresh('load.ts');
    const diagnostic = only(await client.open(file, NOT_FIXABLE));
    const actions = await client.codeActions(file, diagnostic);
    const fix = actions.find(action => action.title === 'Use await readFile() from node:fs/promises');
    assert.ok(fix, JSON.stringify(actions.map(action => action.title)));
    // A suggestion (the file may hold a file descriptor, not a path): offered, not preferred.
    assert.equal(fix.isPreferred, undefined);
    client.applyWorkspaceEdit(fix.edit ?? {});
    assert.equal(
      client.text(file),
      `import { readFile } from 'node:fs/promises';
export async function load(): Promise<string> {
  return await readFile('a.txt', 'utf8');
}
`,
    );
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

  it('hovers over a finding with the lesson, the example of the rule page, the quick fixes and a link to the page', async () => {
    const file = fresh('load.js');
    const diagnostic = only(await client.open(file, FIXABLE));
    const hover = await client.hover(file, { line: diagnostic.range.start.line, character: diagnostic.range.start.character + 3 });
    const markdown = (hover?.contents as { kind: string; value: string } | undefined)?.value ?? '';
    assert.equal((hover?.contents as { kind: string }).kind, 'markdown');
    assert.deepEqual(hover?.range, diagnostic.range);
    const page = await fs.promises.readFile(DOCS_PAGE, 'utf8');
    const lesson = /<!-- lesson:start -->\n\*\*(.*)\*\*\n<!-- lesson:end -->/.exec(page)?.[1] ?? 'no lesson in the page';
    const [reported, fixed] = [...page.slice(page.indexOf('<!-- example:start -->')).matchAll(/```js\n([^]*?)\n```/g)].map(match => match[1] ?? '');
    assert.ok(markdown.startsWith(`**no-blocking-in-async**: ${lesson}`), markdown);
    assert.ok(markdown.includes(`❌ Reported\n\n\`\`\`js\n${reported}\n\`\`\``), markdown);
    assert.ok(markdown.includes(`✅ Fixed\n\n\`\`\`js\n${fixed}\n\`\`\``), markdown);
    assert.ok(markdown.includes(`Quick fixes:\n- ${FIX_TITLE} (safe fix)`), markdown);
    assert.ok(markdown.endsWith(`[Open the no-blocking-in-async page](${DOCS_URL})`), markdown);
    // Nothing beside the finding.
    assert.equal(await client.hover(file, { line: 0, character: 0 }), null);
  });

  it('says in the hover when no quick fix changes the code', async () => {
    const file = fresh('wait.ts');
    // A busy wait whose duration the code does not state: reported, with nothing to replace it by.
    const diagnostic = only(await client.open(file, 'export async function f(deadline: number): Promise<void> {\n  while (Date.now() < deadline);\n}\n'));
    const hover = await client.hover(file, diagnostic.range.start);
    assert.match((hover?.contents as { value: string }).value, /No quick fix changes this code for you: the page shows how\./);
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
    assert.deepEqual(client.shownDocumentsExternal, [false], 'the shipped page opens in the editor');
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

  it('fix-all says why when there is nothing to apply', async () => {
    const clean = fresh('clean.ts');
    await client.open(clean, 'export const one = 1;\n');
    const unfixable = fresh('load.ts');
    await client.open(unfixable, NOT_FIXABLE);
    const shownBefore = client.shownMessages.length;
    assert.deepEqual(await client.executeCommand('asyncPitfalls.server.fixAll', [{ uri: fileUri(clean) }]), {
      applied: false,
      message: `Nothing to fix in ${path.basename(clean)}`,
    });
    assert.deepEqual(await client.executeCommand('asyncPitfalls.server.fixAll', [{ uri: fileUri(unfixable) }]), {
      applied: false,
      message: `No safe fix in ${path.basename(unfixable)}: its 1 problem(s) have only quick fixes to review one by one`,
    });
    assert.deepEqual(client.shownMessages.slice(shownBefore), [
      `Async Pitfalls: Nothing to fix in ${path.basename(clean)}.`,
      `Async Pitfalls: No safe fix in ${path.basename(unfixable)}: its 1 problem(s) have only quick fixes to review one by one.`,
    ]);
    assert.equal(client.text(unfixable), NOT_FIXABLE);
  });

  it('leaves the syntax error of an open file to the language service, and keeps the last findings, moved with the edits, until it parses', async () => {
    const file = fresh('typing.ts');
    const [finding] = await client.open(file, NOT_FIXABLE);
    assert.ok(finding);
    // Two lines typed above the finding, the second an incomplete expression.
    const version = await client.edit(file, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'const a = 1;\nconst b = \n');
    const kept = await client.nextDiagnostics(fileUri(file), params => params.version === version);
    assert.deepEqual(kept, [{ ...finding, range: { start: { line: 4, character: 9 }, end: { line: 4, character: 38 } } }]);
    assert.match(client.logs.join('\n'), /typing\.ts v2 does not parse \(\d+:\d+ Parsing error: .*\); the syntax error is left to the editor's TypeScript service\. Showing the 1 finding\(s\) of v1, moved with the edits, until it parses\./);
    // Its fixes belong to the text that parsed: none is offered, and the hover says why.
    assert.deepEqual(await client.codeActions(file, kept[0] as Diagnostic), []);
    const hover = await client.hover(file, { line: 4, character: 10 });
    assert.match((hover?.contents as { value: string }).value, /The file does not parse: this finding is from the last version that did/);
    // Finished typing: linted afresh.
    const fixedVersion = await client.edit(file, { start: { line: 2, character: 10 }, end: { line: 2, character: 10 } }, '2;');
    const fresh2 = await client.nextDiagnostics(fileUri(file), params => params.version === fixedVersion);
    assert.deepEqual(fresh2.map(diagnostic => diagnostic.range.start.line), [4]);
    assert.equal((await client.codeActions(file, fresh2[0] as Diagnostic)).length > 0, true);
  });

  it('shows nothing for an open file that has never parsed, never a parse error', async () => {
    const file = fresh('broken.ts');
    assert.deepEqual(await client.open(file, 'export async function f() {\n  const x = ;\n}\n'), []);
    assert.match(client.logs.join('\n'), /broken\.ts v1 does not parse \(\d+:\d+ Parsing error: .*\).* Nothing to show until it parses\./);
    assert.equal((await client.change(file, NOT_FIXABLE)).length, 1);
  });

  it('lints a file with an eslint-env comment as any other (ESLint 10 marks the comment fatal, yet lints the file)', async () => {
    const file = fresh('legacy-env.ts');
    const diagnostics = await client.open(file, `/* eslint-env node, mocha */\n${NOT_FIXABLE}`);
    assert.deepEqual(
      diagnostics.map(diagnostic => [diagnostic.code, diagnostic.range.start.line]),
      [['no-blocking-in-async', 3]],
    );
    assert.doesNotMatch(client.logs.join('\n'), /legacy-env\.ts v1 does not parse/);
  });

  it('lints each version of a document once, however often the configuration is sent again', async () => {
    const file = fresh('once.ts');
    const uri = fileUri(file);
    await client.open(file, NOT_FIXABLE);
    const lintsOf = (version: number): number => client.logs.filter(line => line.startsWith(`${path.basename(file)} v${version}:`)).length;
    // What VS Code's client does at start-up: the configuration, then again after the server registers for it.
    await client.changeSettings(client.settings);
    await client.changeSettings(client.settings);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [] });
    // The watched-file change may change the outcome: one more lint of v1, then quiet.
    await client.nextDiagnostics(uri, params => params.version === 1);
    await new Promise(resolve => setTimeout(resolve, 300));
    assert.equal(lintsOf(1), 2, client.logs.join('\n'));
    await client.change(file, NOT_FIXABLE.replace('a.txt', 'b.txt'));
    await client.changeSettings(client.settings);
    await new Promise(resolve => setTimeout(resolve, 300));
    assert.equal(lintsOf(2), 1, client.logs.join('\n'));
    const versions = client.statuses.filter(status => status.uri === uri && status.version !== undefined).map(status => status.version);
    assert.deepEqual(versions, [1, 1, 2]);
  });

});

describe('language server on an Express service', () => {
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    removeWorkspaces();
  });

  const HANDLER = `import express from 'express';

const app = express();
app.get('/users/:id', async (req, res, next) => {
  const user = await loadUser(req.params.id);
  res.json(user);
});
`;

  /** A service whose installed Express is `version` (its manifest is all the rule reads of it). */
  function service(version: string): string {
    return makeWorkspace({
      'package.json': JSON.stringify({ name: 'service', version: '1.0.0', dependencies: { express: `^${version}` } }),
      'node_modules/express/package.json': JSON.stringify({ name: 'express', version, main: 'index.js' }),
      'node_modules/express/index.js': 'module.exports = () => ({ get() {} });\n',
    });
  }

  it("Express 4: squiggles the handler's head, not its body, and its fix passes errors to next", async () => {
    const folder = service('4.21.2');
    client = await TestClient.start({ folders: [folder] });
    const file = path.join(folder, 'src', 'server.js');
    const diagnostic = only(await client.open(file, HANDLER));
    assert.equal(diagnostic.code, 'no-misused-async-callback');
    assert.deepEqual(diagnostic.range, { start: { line: 3, character: 22 }, end: { line: 3, character: 47 } });
    assert.equal(HANDLER.split('\n')[3]?.slice(22, 47), 'async (req, res, next) =>');
    const actions = await client.codeActions(file, diagnostic);
    const fix = actions.find(action => action.title === 'Catch errors and pass them to next()');
    assert.ok(fix, JSON.stringify(actions.map(action => action.title)));
    client.applyWorkspaceEdit(fix.edit ?? {});
    assert.equal(
      client.text(file),
      HANDLER.replace(
        '  const user = await loadUser(req.params.id);\n  res.json(user);\n',
        '  try {\n    const user = await loadUser(req.params.id);\n    res.json(user);\n  } catch (error) {\n    next(error);\n  }\n',
      ),
    );
    assert.deepEqual(await client.change(file, client.text(file)), []);
  });

  it('Express 5, which passes a rejected handler to next itself: nothing to report', async () => {
    const folder = service('5.1.0');
    client = await TestClient.start({ folders: [folder] });
    assert.deepEqual(await client.open(path.join(folder, 'src', 'server.js'), HANDLER), []);
  });
});

describe('language server: the quick fixes a message promises', () => {
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    removeWorkspaces();
  });

  const SERVICE = `export async function fetchAll(urls) {
  return Promise.all(urls.map(async (url) => {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return response.json();
  }));
}

export async function saveAll(ids) {
  const items = Array.from(ids);
  items.forEach(async (item) => {
    await save(item);
  });
}
`;

  it('offers the limiter the concurrency message speaks of, and for…of beside Promise.all for forEach', async () => {
    const folder = makeWorkspace({ 'package.json': JSON.stringify({ name: 'service', version: '1.0.0', main: 'src/server.js' }) });
    // no-unbounded-concurrency is in no preset but `all`.
    client = await TestClient.start({ folders: [folder], settings: { '*': { config: 'all' } } });
    const file = path.join(folder, 'src', 'server.js');
    const diagnostics = await client.open(file, SERVICE);
    assert.deepEqual(diagnostics.map(diagnostic => diagnostic.code), ['no-unbounded-concurrency', 'no-misused-async-callback']);
    const [concurrency, forEach] = diagnostics as [Diagnostic, Diagnostic];
    // The remedy in words, no snippet name that Insert Snippet does not list.
    assert.doesNotMatch(JSON.stringify(concurrency.message), /snippet/i);
    const limiter = (await client.codeActions(file, concurrency)).find(action => action.title === 'Limit to 8 at a time with a limiter function');
    assert.ok(limiter);
    const forEachTitles = (await client.codeActions(file, forEach)).map(action => action.title);
    assert.deepEqual(forEachTitles.slice(0, 2), ['Await one at a time with for…of', 'Await all at once with Promise.all']);
    const forOf = (await client.codeActions(file, forEach))[0];
    client.applyWorkspaceEdit(forOf?.edit ?? {});
    assert.ok(client.text(file).includes('  for (const item of items) {\n    await save(item);\n  }\n'), client.text(file));
    const [limited] = await client.change(file, client.text(file));
    client.applyWorkspaceEdit((await client.codeActions(file, limited as Diagnostic)).find(action => action.title === limiter.title)?.edit ?? {});
    assert.match(client.text(file), /urls\.map\(limitConcurrency\(async \(url\) => \{[^]*\}, 8\)\)[^]*\nfunction limitConcurrency\(fn, concurrency\) \{/);
    assert.deepEqual(await client.change(file, client.text(file)), []);
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
    assert.equal(status.message, 'Skipped: larger than asyncPitfalls.maxFileSize');
    assert.match(client.logs.join('\n'), /big\.ts is larger than asyncPitfalls\.maxFileSize \(\d+ > 100 characters\); not linted/);
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
    const bundled = JSON.parse(await fs.promises.readFile(path.join(REPO_ROOT, 'extension', 'dist', 'typescript', 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(status.typescript, { version: bundled.version, source: 'bundled' });
    await assert.rejects(fs.promises.access(marks), 'nothing of the workspace was loaded');
  });

  it("trusted: uses the workspace's TypeScript and defers to its ESLint config where it enables the plugin", async () => {
    const { folder, marks } = workspaceWithOwnTools();
    client = await TestClient.start({ folders: [folder], trusted: true });
    assert.deepEqual(await client.open(path.join(folder, 'deferred.ts'), NOT_FIXABLE), []);
    assert.equal((await client.open(path.join(folder, 'own.ts'), NOT_FIXABLE)).length, 1);
    const status = await client.status(candidate => candidate.typescript !== undefined);
    assert.deepEqual(status.typescript, { version: '5.9.3', source: 'workspace' });
    assert.match(client.logs.join('\n'), new RegExp(`Linter loaded in \\d+ ms \\(TypeScript 5\\.9\\.3, ${path.join(folder, 'node_modules', 'typescript').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
    assert.deepEqual((await fs.promises.readFile(marks, 'utf8')).split('\n').filter(Boolean).sort(), ['eslint', 'typescript']);
  });

  /**
   * A typed workspace whose own TypeScript is 7 (a version, no compiler API); with `typescript6`,
   * also `@typescript/typescript6`, whose TypeScript 6 leaves a mark when loaded.
   */
  function typeScript7Workspace(typescript6: boolean, serverLibrary = true): { folder: string; marks: string } {
    const realTypeScript = require.resolve('typescript');
    const folder = makeWorkspace({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', types: [] }, include: ['src'] }),
      'src/load.ts': NOT_FIXABLE,
      'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version: '7.0.0', main: 'index.js' }),
      'node_modules/typescript/index.js': "module.exports = { version: '7.0.0' };\n",
      ...(typescript6
        ? {
            'node_modules/@typescript/typescript6/package.json': JSON.stringify({ name: '@typescript/typescript6', version: '6.0.3', main: 'index.js' }),
            'node_modules/@typescript/typescript6/index.js': "module.exports = require('@typescript/old');\n",
            'node_modules/@typescript/old/package.json': JSON.stringify({ name: '@typescript/old', version: '6.0.3', main: 'lib/typescript.js' }),
            'node_modules/@typescript/old/lib/typescript.js': `require('fs').appendFileSync(require('path').join(__dirname, '../../../../marks'), 'typescript6\\n');\nmodule.exports = require(${JSON.stringify(realTypeScript)});\n`,
            // The project service loads it.
            [serverLibrary ? 'node_modules/@typescript/old/lib/tsserverlibrary.js' : 'node_modules/@typescript/old/lib/other.js']: `module.exports = require(${JSON.stringify(path.join(path.dirname(realTypeScript), 'tsserverlibrary.js'))});\n`,
          }
        : {}),
    });
    return { folder, marks: path.join(folder, 'marks') };
  }

  it('trusted, TypeScript 7 in the workspace: lints with types on the bundled TypeScript, and says why', async () => {
    const { folder } = typeScript7Workspace(false);
    client = await TestClient.start({ folders: [folder], trusted: true, settings: { '*': { typeAware: true } } });
    assert.equal(only(await client.open(path.join(folder, 'src/load.ts'), NOT_FIXABLE)).code, 'no-blocking-in-async');
    const status = await client.status(candidate => candidate.typescript !== undefined);
    const bundled = JSON.parse(await fs.promises.readFile(path.join(REPO_ROOT, 'extension', 'dist', 'typescript', 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(status.typescript, { version: bundled.version, source: 'bundled' });
    const logs = client.logs.join('\n');
    assert.ok(
      logs.includes(
        `The workspace's TypeScript 7.0.0 (${path.join(folder, 'node_modules', 'typescript')}) has no compiler API, which typescript-eslint needs (TypeScript 5 or 6); ` +
          `TypeScript is parsed with the bundled TypeScript ${bundled.version}. To parse with a TypeScript 6 of the workspace beside its TypeScript 7: npm install --save-dev @typescript/typescript6.`,
      ),
      logs,
    );
    // Typed: the file is in the tsconfig's program, so no fallback to linting without types.
    assert.doesNotMatch(client.shownMessages.join('\n'), /not part of a TypeScript project/);
  });

  it("trusted, TypeScript 7 and @typescript/typescript6 in the workspace: lints with types on the workspace's TypeScript 6, as the command line does", async () => {
    const { folder, marks } = typeScript7Workspace(true);
    client = await TestClient.start({ folders: [folder], trusted: true, settings: { '*': { typeAware: true } } });
    assert.equal(only(await client.open(path.join(folder, 'src/load.ts'), NOT_FIXABLE)).code, 'no-blocking-in-async');
    const status = await client.status(candidate => candidate.typescript !== undefined);
    assert.deepEqual(status.typescript, { version: '6.0.3', source: 'typescript6' });
    const typescript6 = path.join(folder, 'node_modules', '@typescript', 'old');
    assert.ok(
      client.logs.includes(
        `The workspace's TypeScript 7.0.0 (${path.join(folder, 'node_modules', 'typescript')}) has no compiler API, which typescript-eslint needs (TypeScript 5 or 6); ` +
          `TypeScript is parsed with TypeScript 6.0.3 from @typescript/typescript6 (${typescript6}).`,
      ),
      client.logs.join('\n'),
    );
    assert.doesNotMatch(client.shownMessages.join('\n'), /not part of a TypeScript project/);
    assert.deepEqual((await fs.promises.readFile(marks, 'utf8')).split('\n').filter(Boolean), ['typescript6']);
  });

  it('reports a parser that cannot run as a failure, never as a syntax error of the file', async () => {
    // A broken install: the TypeScript chosen lacks the library the project service loads.
    const { folder } = typeScript7Workspace(true, false);
    client = await TestClient.start({ folders: [folder], trusted: true, settings: { '*': { typeAware: true } } });
    await client.open(path.join(folder, 'src/load.ts'), NOT_FIXABLE);
    const status = await client.status(candidate => typeof candidate.message === 'string' && candidate.message.startsWith('Linting failed'));
    assert.match(String(status.message), /Linting failed: .*Cannot find module .*tsserverlibrary/);
    assert.match(client.logs.join('\n'), /Linting .*load\.ts failed: Error: .*Cannot find module/);
    assert.doesNotMatch(client.logs.join('\n'), /does not parse/);
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
