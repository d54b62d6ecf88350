// The extension as users install it, in a real VS Code, on the fixture workspace
// (test/vscode/fixtures/workspace, copied to a throw-away folder by the runner).
/* global suite, suiteSetup, suiteTeardown, test */
/* eslint-disable @typescript-eslint/no-require-imports -- VS Code loads extension tests as CommonJS */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const vscode = require('vscode');

const REPO = path.resolve(__dirname, '..', '..', '..');
const SOURCE = 'async-pitfalls';
const EXTENSION_NAME = 'async-pitfalls';
const WAIT_MS = 60000;

/** The core rules and the fixture file that has one pitfall of each; only rules the plugin has are checked. */
const CORE_RULE_FIXTURES = {
  'no-blocking-in-async': 'src/blocking.ts',
  'no-missing-await': 'src/missing-await.ts',
  'no-unclosed-resource': 'src/unclosed-resource.ts',
};

/** The rules' lessons, from the pages the extension ships (the same files the hover reads). */
async function lessonOf(rule) {
  const page = await fs.promises.readFile(path.join(REPO, 'docs', 'rules', `${rule}.md`), 'utf8');
  return /<!-- lesson:start -->\n\*\*(.*)\*\*\n<!-- lesson:end -->/.exec(page)?.[1];
}

const MARKDOWN_PREVIEW_EDITOR = 'vscode.markdown.preview.editor';

function tabsOf(uri) {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input?.uri?.toString() === uri.toString());
}

/** Waits until the page is open in the Markdown preview, and not as text; then closes it. */
async function expectRulePageInPreview(uri, what) {
  await waitFor(`${what} to open ${path.basename(uri.fsPath)} in the Markdown preview`, () =>
    tabsOf(uri).some((tab) => tab.input instanceof vscode.TabInputCustom && tab.input.viewType === MARKDOWN_PREVIEW_EDITOR),
  );
  await waitFor(`${what}: no text editor left on the page`, () => !tabsOf(uri).some((tab) => tab.input instanceof vscode.TabInputText));
  await vscode.window.tabGroups.close(tabsOf(uri));
}

const FIXED_LOAD = [
  "import fs from 'node:fs';",
  '',
  'export async function loadSettings(): Promise<string> {',
  "\treturn await fs.promises.readFile('settings.json', 'utf8');",
  '}',
  '',
].join('\n');

const metrics = {};

function pluginRuleNames() {
  // The bundled extension carries the same plugin; its rule list decides which core rules exist.
  return Object.keys(require(path.join(REPO, 'eslint-plugin', 'dist')).rules);
}

function workspaceUri(relative) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

function ruleOf(diagnostic) {
  return typeof diagnostic.code === 'object' && diagnostic.code !== null ? String(diagnostic.code.value) : String(diagnostic.code);
}

function ourDiagnostics(uri, rule) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && (!rule || ruleOf(d) === rule));
}

function describeDiagnostics(uri) {
  return JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${d.source}/${ruleOf(d)}@${d.range.start.line}: ${d.message}`));
}

async function waitFor(what, probe, timeoutMs = WAIT_MS) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs a command again when the workbench cancels it: a request made while the editor it concerns
 * is being shown again (a page opened over it, the file brought back) comes back `Canceled`, which
 * says nothing about the extension.
 */
async function commandRetriedIfCanceled(what, ...command) {
  const result = await waitFor(`${what} without being canceled`, async () => {
    try {
      return { value: await vscode.commands.executeCommand(...command) };
    } catch (error) {
      if (error?.name !== 'Canceled' && error?.message !== 'Canceled') throw error;
      return undefined;
    }
  });
  return result.value;
}

// Once the server has let a wait time out without ever publishing a diagnostic, the tests that
// follow fail at once instead of waiting out their own timeouts.
let serverEverPublished = false;
let serverSilent = false;

async function waitForDiagnostics(uri, rule) {
  if (serverSilent) throw new Error('the server never published a diagnostic in an earlier test');
  try {
    const found = await waitFor(`${rule} on ${path.basename(uri.fsPath)}`, () => {
      const diagnostics = ourDiagnostics(uri, rule);
      return diagnostics.length > 0 ? diagnostics : undefined;
    });
    serverEverPublished = true;
    return found;
  } catch (error) {
    serverSilent = !serverEverPublished;
    throw new Error(`${error.message}; diagnostics there: ${describeDiagnostics(uri)}`, { cause: error });
  }
}

async function open(relative) {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  const editor = await vscode.window.showTextDocument(document);
  return { document, editor };
}

const round = (ms) => Math.round(ms * 10) / 10;

/** The extension's start-up report as times from its beginning (activation, or the restart command). */
function timeline(report) {
  const since = (time) => (time === undefined ? undefined : time - report.began);
  const { server = {} } = report;
  return {
    clientLibraryLoaded: since(report.serverStarting),
    serverProcessStarted: since(server.processStart),
    serverCodeLoaded: since(server.codeLoaded),
    initialize: since(server.initialize),
    linterLoadMs: server.linterLoaded - server.linterLoadStart,
    linterLoaded: since(server.linterLoaded),
    firstLintMs: server.firstLintEnd - server.firstLintStart,
    firstLintDone: since(server.firstLintEnd),
    firstDiagnostics: since(report.firstDiagnostics),
  };
}

/**
 * VS Code's own activation figure for the extension, as "Developer: Show Running Extensions"
 * shows it: the time to load its main module plus the time its `activate` takes. The extension
 * host records both as performance marks in its process, which is also the process these tests
 * run in. The round trip through `Extension.activate()` is not used: it includes VS Code's own
 * work around any extension (about 600 ms here for an extension whose `activate` is empty).
 */
function activationTimes(extensionId) {
  const marks = globalThis.MonacoPerformanceMarks?.getMarks() ?? [];
  const at = (name) => marks.find((mark) => mark.name === `code/extHost/${name}/${extensionId}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
  if ([willLoad, didLoad, willActivate, didActivate].some((time) => time === undefined)) {
    console.log(`(the extension host recorded no activation marks for ${extensionId}: activation is not measured)`);
    return {};
  }
  const codeLoadingMs = round(didLoad - willLoad);
  const activateCallMs = round(didActivate - willActivate);
  return { codeLoadingMs, activateCallMs, activationMs: round(codeLoadingMs + activateCallMs) };
}

suite('Async Pitfalls in VS Code', () => {
  let extension;

  suiteSetup(async () => {
    extension = vscode.extensions.all.find((candidate) => candidate.packageJSON.name === EXTENSION_NAME);
    assert.ok(extension, `extension "${EXTENSION_NAME}" is not installed`);
    console.log(`VS Code ${vscode.version}, Node ${process.version}, app host ${vscode.env.appHost}`);
    // The timings below mean little on a busy machine: the load goes with them.
    metrics.loadAverage = os.loadavg()[0];
    metrics.cpus = os.cpus().length;
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    console.log(`[metrics] ${JSON.stringify(metrics)}`);
    if (process.env.ASYNC_PITFALLS_TEST_METRICS) await fs.promises.writeFile(process.env.ASYNC_PITFALLS_TEST_METRICS, JSON.stringify(metrics, null, 2));
  });

  test('starts on the first TypeScript file opened and shows its squiggles (cold start), linting it once', async () => {
    const uri = workspaceUri('src/blocking.ts');
    const wasActive = extension.isActive;
    const opened = performance.now();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const [diagnostic] = await waitForDiagnostics(uri, 'no-blocking-in-async');
    if (wasActive) {
      console.log('(the extension was active before the first file opened: the cold start is not measured)');
    } else {
      metrics.coldStartToFirstSquigglesMs = Math.round(performance.now() - opened);
    }
    assert.ok(extension.isActive);
    assert.match(vscode.window.activeTextEditor.document.lineAt(diagnostic.range.start.line).text, /PITFALL/);
    Object.assign(metrics, activationTimes(extension.id));
    // Where the start went, as the extension saw it (also written to its output channel).
    metrics.startup = timeline(await extension.exports.startup);
    console.log(`cold start: first squiggles ${metrics.coldStartToFirstSquigglesMs} ms after the file was opened; ms after activation: ${JSON.stringify(metrics.startup)}`);
    // The configuration arrives (twice) after the document: it must not lint the same text again.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.deepEqual(extension.exports.lintedVersions(uri), [vscode.window.activeTextEditor.document.version]);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['asyncPitfalls.scanWorkspace', 'asyncPitfalls.fixAllInFile', 'asyncPitfalls.showOutput', 'asyncPitfalls.restartServer']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
  });

  test('shows in the language status the TypeScript version and where it comes from, short enough to leave its link in view', async () => {
    await open('src/blocking.ts');
    const bundled = JSON.parse(await fs.promises.readFile(path.join(extension.extensionPath, 'extension', 'dist', 'typescript', 'package.json'), 'utf8'));
    // A lint over its budget shows that instead (a first lint on a busy machine may be): no budget
    // to speak of here. The settings change lints the open files again.
    const settings = vscode.workspace.getConfiguration('asyncPitfalls');
    await settings.update('lintBudgetMs', 3600000, vscode.ConfigurationTarget.Workspace);
    let status;
    try {
      // The fixture workspace has no TypeScript of its own: the bundled one.
      status = await waitFor('the language status after a lint', () => {
        const current = extension.exports.languageStatus();
        return current.detail?.includes('TypeScript') ? current : undefined;
      });
    } finally {
      await settings.update('lintBudgetMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const escaped = bundled.version.replace(/\./g, '\\.');
    assert.match(status.detail, new RegExp(`^recommended · TypeScript ${escaped} \\(bundled\\)( · \\d+ ms)?$`), status.detail);
    // No folder in the popup: the output names it.
    assert.ok(!status.detail.includes('/') && status.detail.length <= 60, status.detail);
    assert.equal(status.text, 'Async Pitfalls');
    assert.equal(status.link, 'Show Output');
  });

  test('restarts the server and shows the squiggles again (a warm start)', async () => {
    const uri = workspaceUri('src/blocking.ts');
    const linted = extension.exports.lintedVersions(uri).length;
    const began = performance.now();
    await vscode.commands.executeCommand('asyncPitfalls.restartServer');
    await waitFor('the file linted by the new server', () => extension.exports.lintedVersions(uri).length > linted);
    metrics.restartToDiagnosticsMs = Math.round(performance.now() - began);
    metrics.restart = timeline(await extension.exports.startup);
    console.log(`restart: diagnostics again after ${metrics.restartToDiagnosticsMs} ms; ms after the command: ${JSON.stringify(metrics.restart)}`);
    await waitForDiagnostics(uri, 'no-blocking-in-async');
  });

  test('hovers over a finding with the lesson, the example, the quick fixes and a link to the page', async () => {
    const { document } = await open('src/blocking.ts');
    const [diagnostic] = await waitForDiagnostics(document.uri, 'no-blocking-in-async');
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, diagnostic.range.start.translate(0, 3));
    const texts = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)));
    const ours = texts.find((text) => text.startsWith('**no-blocking-in-async**'));
    assert.ok(ours, `no hover of ours among ${JSON.stringify(texts)}`);
    assert.ok(ours.includes(await lessonOf('no-blocking-in-async')), ours);
    assert.match(ours, /❌ Reported\n\n```js\n[^]*readFileSync[^]*```\n\n✅ Fixed\n\n```js\n[^]*await fs\.promises\.readFile[^]*```/);
    // `path` may be a file descriptor: the replacement is a suggestion, not a safe fix.
    assert.match(ours, /Quick fixes:\n- .*fs\.promises\.readFile/);
    assert.match(ours, /\[Open the no-blocking-in-async page\]\(file:\/\/.*\/docs\/rules\/no-blocking-in-async\.md\)$/);
  });

  test('opens the rule page shipped with the extension, in the Markdown preview, from Problems and from "Show documentation"', async () => {
    const { document } = await open('src/blocking.ts');
    const [diagnostic] = await waitForDiagnostics(document.uri, 'no-blocking-in-async');
    const page = diagnostic.code.target;
    assert.equal(page.scheme, 'file');
    assert.equal(page.fsPath, path.join(extension.extensionPath, 'docs', 'rules', 'no-blocking-in-async.md'));
    assert.ok(fs.existsSync(page.fsPath));
    // What a click on the rule link in Problems or in the diagnostic's hover does.
    await commandRetriedIfCanceled('the rule link to open', 'vscode.open', page);
    await expectRulePageInPreview(page, 'the rule link');
    // The page may have taken the file's tab (both open as preview tabs): the file comes back, and is linted again.
    await vscode.window.showTextDocument(document);
    const actions = await waitFor('the quick fixes of the file shown again', async () => {
      const found = await commandRetriedIfCanceled('the quick fixes', 'vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      return found.length > 0 ? found : undefined;
    });
    const showDocumentation = actions.find((action) => action.title === 'Show documentation for no-blocking-in-async');
    assert.ok(
      showDocumentation?.command,
      `actions ${JSON.stringify(actions.map((action) => action.title))} for ${describeDiagnostics(document.uri)} (version ${document.version}, linted ${extension.exports.lintedVersions(document.uri)})`,
    );
    await commandRetriedIfCanceled('"Show documentation" to run', showDocumentation.command.command, ...(showDocumentation.command.arguments ?? []));
    await expectRulePageInPreview(page, '"Show documentation"');
  });

  for (const [rule, fixture] of Object.entries(CORE_RULE_FIXTURES)) {
    if (!pluginRuleNames().includes(rule)) {
      console.log(`(${rule} is not in the plugin yet: its diagnostic is not checked)`);
      continue;
    }
    test(`shows ${rule} with its source and code`, async () => {
      const { document } = await open(fixture);
      const [diagnostic] = await waitForDiagnostics(document.uri, rule);
      const line = document.lineAt(diagnostic.range.start.line).text;
      assert.match(line, /PITFALL/, `the diagnostic is on a line without the pitfall: ${line}`);
      assert.ok(diagnostic.message.length > 0);
      // Plain text: VS Code shows markdown backticks as they are.
      assert.ok(!diagnostic.message.includes('`'), diagnostic.message);
    });
  }

  test('updates diagnostics as the user types', async () => {
    const { document, editor } = await open('src/typing.ts');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(ourDiagnostics(document.uri), [], describeDiagnostics(document.uri));
    const insertAt = new vscode.Position(document.lineCount - 2, 0);
    const start = performance.now();
    assert.ok(await editor.edit((edit) => edit.insert(insertAt, "\tfs.readFileSync('settings.json');\n")));
    await waitForDiagnostics(document.uri, 'no-blocking-in-async');
    metrics.keystrokeToDiagnosticsMs = Math.round(performance.now() - start);
    assert.ok(await editor.edit((edit) => edit.delete(document.lineAt(insertAt.line).rangeIncludingLineBreak)));
    await waitFor('the diagnostic to go once the line is deleted', () => ourDiagnostics(document.uri).length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('applies the quick fix of no-blocking-in-async', async () => {
    const { document } = await open('src/quick-fix.ts');
    const [diagnostic] = await waitForDiagnostics(document.uri, 'no-blocking-in-async');
    const actions = await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((action) => action.title);
    // The API command hands back titles, kinds, edits and isPreferred, not the diagnostics.
    // The autofix, titled by the rule's suggestion that makes the same edit, and listed once.
    const fix = actions.find((action) => action.isPreferred);
    assert.ok(fix, `no preferred fix among ${JSON.stringify(titles)}`);
    assert.equal(fix.title, 'Use await fs.promises.readFile()', JSON.stringify(titles));
    assert.equal(titles.filter((title) => title === fix.title).length, 1, JSON.stringify(titles));
    // The lightbulb also has "fix all", as vscode-eslint's has.
    const fixAll = actions.find((action) => action.title === 'Fix all auto-fixable Async Pitfalls problems');
    assert.equal(fixAll?.command?.command, 'asyncPitfalls.server.fixAll', JSON.stringify(titles));
    assert.ok(titles.some((title) => /disable no-blocking-in-async for this line/i.test(title)), JSON.stringify(titles));
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit));
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await waitFor('the fixed text', () => document.getText() === FIXED_LOAD);
    await waitFor('the diagnostic to go after the fix', () => ourDiagnostics(document.uri).length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('fixes all on save (editor.codeActionsOnSave: source.fixAll.asyncPitfalls)', async () => {
    const { document, editor } = await open('src/fix-on-save.ts');
    await waitForDiagnostics(document.uri, 'no-blocking-in-async');
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(document.lineCount - 1, 0), '\n')));
    await vscode.commands.executeCommand('workbench.action.files.save');
    const expected = `${FIXED_LOAD}\n`;
    await waitFor('the fixed file on disk', () => fs.readFileSync(document.uri.fsPath, 'utf8') === expected);
    assert.equal(document.getText(), expected);
    assert.equal(document.isDirty, false);
    await waitFor('the diagnostic to go after fix-all', () => ourDiagnostics(document.uri).length === 0);
  });

  test('says so when Fix All in File has nothing to fix', async () => {
    const { document } = await open('src/typing.ts');
    const result = await vscode.commands.executeCommand('asyncPitfalls.fixAllInFile');
    assert.deepEqual(result, { applied: false, message: 'Nothing to fix in typing.ts' });
    assert.equal(document.isDirty, false);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('leaves a syntax error to TypeScript, and keeps its findings, moved with the edits, until the text parses', async () => {
    const { document, editor } = await open('src/edited-while-broken.ts');
    const [finding] = await waitForDiagnostics(document.uri, 'no-blocking-in-async');
    // An incomplete expression typed above the finding.
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(3, 0), '\tconst pending = \n')));
    const typescriptSyntaxError = () => vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'ts' && d.range.start.line >= 3);
    await waitFor("TypeScript's syntax error", typescriptSyntaxError);
    await waitFor('our finding, one line lower', () => ourDiagnostics(document.uri).some((d) => d.range.start.line === finding.range.start.line + 1));
    // Give a parse error of ours the time to arrive, were there one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const ours = ourDiagnostics(document.uri);
    assert.deepEqual(
      ours.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, ruleOf(d)]),
      [[finding.range.start.line + 1, finding.range.start.character, finding.range.end.line + 1, finding.range.end.character, 'no-blocking-in-async']],
      describeDiagnostics(document.uri),
    );
    assert.equal(vscode.languages.getDiagnostics(document.uri).filter((d) => /Parsing error|expected/.test(d.message)).length, 1, describeDiagnostics(document.uri));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test("squiggles an Express-style handler on its head, not over its body (typeAware)", async () => {
    const settings = vscode.workspace.getConfiguration('asyncPitfalls');
    await settings.update('typeAware', true, vscode.ConfigurationTarget.Workspace);
    try {
      const { document } = await open('express-app/handlers.ts');
      const [diagnostic] = await waitForDiagnostics(document.uri, 'no-misused-async-callback');
      assert.equal(document.getText(diagnostic.range), 'async (req, res) =>');
    } finally {
      await settings.update('typeAware', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  test('Scan Workspace reports a file that was never opened', async () => {
    const uri = workspaceUri('lib/never-opened.mjs');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()));
    assert.deepEqual(ourDiagnostics(uri), []);
    const result = await vscode.commands.executeCommand('asyncPitfalls.scanWorkspace');
    if (result) assert.ok(result.filesLinted >= 1, JSON.stringify(result));
    const [diagnostic] = await waitForDiagnostics(uri, 'no-blocking-in-async');
    assert.equal(diagnostic.range.start.line, 3);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the scan opened the file');
    // The ignored folder stays out of the scan.
    assert.deepEqual(ourDiagnostics(workspaceUri('excluded/blocking.mjs')), []);
  });

  test('offers each snippet once in completion, under its one prefix', async () => {
    const contributed = JSON.parse(await fs.promises.readFile(path.join(REPO, 'snippets', 'typescript.json'), 'utf8'));
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: '' });
    await vscode.window.showTextDocument(document);
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 0));
    const labelOf = (item) => (typeof item.label === 'string' ? item.label : item.label.label);
    const prefixes = new Set(Object.values(contributed).map((snippet) => snippet.prefix));
    const ours = list.items.filter((item) => item.kind === vscode.CompletionItemKind.Snippet && prefixes.has(labelOf(item)));
    assert.deepEqual(ours.map(labelOf).sort(), [...prefixes].sort());
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('inserts the snippets it contributes', async () => {
    const cases = [
      { language: 'typescript', name: 'Sleep (node:timers/promises)', text: "import { setTimeout as sleep } from 'node:timers/promises';\n\nawait sleep(1000);" },
      { language: 'javascript', name: 'for await', text: 'for await (const chunk of stream) {\n\t\n}' },
    ];
    for (const { language, name, text } of cases) {
      const document = await vscode.workspace.openTextDocument({ language, content: '' });
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: language, name });
      await waitFor(`the ${language} snippet "${name}"`, () => document.getText().length > 0);
      assert.equal(document.getText(), text);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
