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

  test('activates, and registers its commands', async () => {
    if (!extension.isActive) {
      const start = performance.now();
      await extension.activate();
      metrics.activateApiRoundTripMs = round(performance.now() - start);
    }
    assert.ok(extension.isActive);
    Object.assign(metrics, activationTimes(extension.id));
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['asyncPitfalls.scanWorkspace', 'asyncPitfalls.fixAllInFile', 'asyncPitfalls.showOutput', 'asyncPitfalls.restartServer']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
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
    // The autofix, titled by the rule's suggestion that makes the same edit.
    const fix = actions.find((action) => action.title === 'Use await fs.promises.readFile()');
    assert.ok(fix, `no fix among ${JSON.stringify(titles)}`);
    assert.equal(fix.isPreferred, true);
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
