import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

import type { Linter } from 'eslint';
import type {
  CancellationToken,
  CodeAction,
  Connection,
  Diagnostic,
  InitializeResult,
  TextDocumentChangeEvent,
} from 'vscode-languageserver';
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { TextDocument } from 'vscode-languageserver-textdocument';

import type {
  FixAllResult,
  InitializationOptions,
  ScanProgressParams,
  ScanWorkspaceParams,
  ScanWorkspaceResult,
  ServerStartup,
  StatusParams,
} from '../shared/protocol';
import {
  DIAGNOSTIC_SOURCE,
  FIX_ALL_KIND,
  ScanProgressNotification,
  ScanWorkspaceRequest,
  ServerCommands,
  SETTINGS_SECTION,
  StartupNotification,
  StatusNotification,
} from '../shared/protocol';
import type { Problem } from './code-actions';
import { minimalEdit, quickFixes } from './code-actions';
import { lintFileName, LintEngine, PLUGIN_PREFIX } from './engine';
import { problemHover } from './hover';
import { RulePages, shippedRulePagesDirectory } from './rule-pages';
import type { Settings } from './settings';
import { parseSettings } from './settings';
import { shiftRange } from './shift-ranges';
import { WorkspaceConfigProbe } from './workspace-config';
import { globMatcher, hasLintedExtension, walkFolder } from './workspace-scan';

/** When this process's code had been loaded (the bundle is one module: everything above has run). */
const CODE_LOADED_AT = Date.now();

const LANGUAGE_IDS = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact']);

/** After a lint, further edits wait this share of its duration (so a big file is linted less often). */
const DEBOUNCE_SHARE_OF_LINT = 0.5;
const MAX_DEBOUNCE_MS = 400;

interface DocumentState {
  /** The findings shown, their ranges moved with each edit since the lint that found them. */
  problems: Problem[];
  /** The document version `problems` were found in: their fixes apply to that text only. */
  version: number;
  /** What the last lint that finished, and the one under way, linted: version, settings and workspace state. */
  lintedKey?: string;
  pendingKey?: string;
  lastLintEnd: number;
  lastLintMs: number;
  timer?: NodeJS.Timeout;
}

interface Folder {
  uri: string;
  path: string;
}

/** Files linted by a workspace scan between two full garbage collections. */
const SCAN_FILES_PER_COLLECTION = 250;

/**
 * V8's collector, so that a workspace scan (thousands of parses in a row) gives its memory back
 * instead of growing the heap until V8 decides to; undefined where the flag cannot be set.
 */
function loadGarbageCollector(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const collect = vm.runInNewContext('gc') as unknown;
    return typeof collect === 'function' ? (collect as () => void) : undefined;
  } catch {
    return undefined;
  }
}

function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The problems with their ranges moved by a document's changes; those whose code was replaced as a whole are dropped. */
function shiftProblems(problems: readonly Problem[], changes: readonly TextDocumentContentChangeEvent[]): Problem[] {
  return problems.flatMap(problem => {
    const range = shiftRange(problem.diagnostic.range, changes);
    return range ? [{ message: problem.message, diagnostic: { ...problem.diagnostic, range } }] : [];
  });
}

export function startServer(connection: Connection): void {
  const states = new Map<string, DocumentState>();
  // Edits move the findings shown, as the editor moves its markers, until a lint replaces them.
  const documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update: (document, changes, version) => {
      const state = states.get(document.uri);
      if (state && state.problems.length > 0) state.problems = shiftProblems(state.problems, changes);
      return TextDocument.update(document, changes, version);
    },
  });
  /** Files whose diagnostics came from a workspace scan: they outlive closing the file. */
  const scanned = new Set<string>();
  const settingsCache = new Map<string, Promise<Settings>>();
  const shownProblems = new Set<string>();
  let folders: Folder[] = [];
  let trusted = false;
  let pullConfiguration = false;
  let globalSettings: unknown = undefined;
  let lastStatus: StatusParams = { state: 'starting' };
  /** Bumped when something outside the settings may change a lint's outcome (an ESLint config, the folders). */
  let workspaceGeneration = 0;
  const startup: ServerStartup = { processStart: Math.round(performance.timeOrigin), codeLoaded: CODE_LOADED_AT };
  let startupReported = false;

  const log = (message: string): void => connection.console.log(message);
  const sendStatus = (status: Partial<StatusParams>): void => {
    lastStatus = { ...lastStatus, ...status };
    void connection.sendNotification(StatusNotification, lastStatus);
  };
  const showProblem = (message: string): void => {
    log(message);
    if (shownProblems.has(message)) return;
    shownProblems.add(message);
    void connection.window.showWarningMessage(`Async Pitfalls: ${message}`);
  };

  const engine = new LintEngine(
    path.join(__dirname, 'typescript'),
    () => folders.map(folder => folder.path),
    () => trusted,
    showProblem,
  );
  const probe = new WorkspaceConfigProbe(log);
  const collectGarbage = loadGarbageCollector();
  const rulePages = new RulePages(shippedRulePagesDirectory(__dirname), ruleName => engine.docsUrl(ruleName));

  /** Loads the parser, TypeScript and the plugin once, and says how long that took. */
  function loadLinter(): void {
    if (startup.linterLoaded !== undefined) return;
    startup.linterLoadStart = Date.now();
    engine.load();
    startup.linterLoaded = Date.now();
    // With NODE_COMPILE_CACHE set (VS Code's client sets it), write the compiled code of the
    // server and of TypeScript now, not at exit: a server that is killed still leaves it.
    (nodeModule as { flushCompileCache?: () => void }).flushCompileCache?.();
    const typescript = engine.typescript;
    log(`Linter loaded in ${startup.linterLoaded - startup.linterLoadStart} ms (TypeScript ${typescript?.version}, ${typescript?.source === 'bundled' ? 'bundled' : typescript?.root}).`);
    if (typescript?.note) log(typescript.note);
  }

  /** Once, after the first lint: where the time from the process's start to the first diagnostics went. */
  function reportStartup(lintMs: number): void {
    if (startupReported) return;
    startupReported = true;
    startup.firstLintEnd = Date.now();
    startup.firstLintStart = Math.round(startup.firstLintEnd - lintMs);
    const { processStart, codeLoaded, initialize, linterLoadStart, linterLoaded, firstLintStart, firstLintEnd } = startup;
    const steps = [
      `code loaded ${codeLoaded - processStart} ms`,
      initialize !== undefined ? `initialize after ${initialize - processStart} ms` : undefined,
      linterLoadStart !== undefined && linterLoaded !== undefined ? `linter loaded in ${linterLoaded - linterLoadStart} ms` : undefined,
      `first lint ${firstLintEnd - firstLintStart} ms`,
    ];
    log(`Start-up: first diagnostics ${firstLintEnd - processStart} ms after the server process started (${steps.filter(Boolean).join(', ')}).`);
    void connection.sendNotification(StartupNotification, startup);
  }

  function folderOf(filePath: string | undefined): Folder | undefined {
    if (!filePath) return folders[0];
    let best: Folder | undefined;
    for (const folder of folders) {
      const relative = path.relative(folder.path, filePath);
      if (!relative.startsWith('..') && !path.isAbsolute(relative) && (!best || folder.path.length > best.path.length)) {
        best = folder;
      }
    }
    return best;
  }

  async function settingsFor(uri: string): Promise<Settings> {
    const folder = folderOf(uriToPath(uri));
    const key = folder?.uri ?? uri;
    let pending = settingsCache.get(key);
    if (!pending) {
      pending = (async (): Promise<Settings> => {
        let raw: unknown = globalSettings;
        if (pullConfiguration) {
          try {
            raw = await connection.workspace.getConfiguration({ scopeUri: folder?.uri ?? uri, section: SETTINGS_SECTION });
          } catch (error) {
            log(`Could not read the settings: ${String(error)}`);
          }
        }
        const { settings, problems } = parseSettings(raw);
        for (const problem of problems) showProblem(problem);
        return settings;
      })();
      settingsCache.set(key, pending);
    }
    return pending;
  }

  function toDiagnostic(message: Linter.LintMessage): Diagnostic {
    const line = Math.max(0, (message.line ?? 1) - 1);
    const character = Math.max(0, (message.column ?? 1) - 1);
    const endLine = message.endLine !== undefined ? Math.max(0, message.endLine - 1) : line;
    const endCharacter = message.endColumn !== undefined ? Math.max(0, message.endColumn - 1) : character;
    const diagnostic: Diagnostic = {
      range: { start: { line, character }, end: { line: endLine, character: endCharacter } },
      severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      message: message.message,
    };
    if (message.ruleId?.startsWith(PLUGIN_PREFIX)) {
      const ruleName = message.ruleId.slice(PLUGIN_PREFIX.length);
      diagnostic.code = ruleName;
      const href = rulePages.href(ruleName);
      if (href) diagnostic.codeDescription = { href };
    } else if (message.fatal) {
      diagnostic.severity = DiagnosticSeverity.Error;
    }
    return diagnostic;
  }

  type LintVerdict =
    | { kind: 'linted'; problems: Problem[]; durationMs: number; config: string }
    | { kind: 'unparsable'; parseError: Problem; durationMs: number; config: string }
    /** `reason` for the log; `summary`, shorter, for the status item (the reason when absent). */
    | { kind: 'skipped'; reason: string; summary?: string; deferred?: boolean };

  /** Lints one text as the settings of its folder say (read here unless given); never throws. */
  async function lintText(uri: string, text: string, languageId: string | undefined, given?: Settings): Promise<LintVerdict> {
    const settings = given ?? (await settingsFor(uri));
    const filePath = uriToPath(uri);
    if (!settings.enable) return { kind: 'skipped', reason: 'disabled by asyncPitfalls.enable' };
    if (filePath && !hasLintedExtension(filePath)) return { kind: 'skipped', reason: 'not a JavaScript or TypeScript file' };
    if (!filePath && (!languageId || !LANGUAGE_IDS.has(languageId))) return { kind: 'skipped', reason: 'unsupported language' };
    const folder = folderOf(filePath);
    const cwd = folder?.path ?? (filePath ? path.dirname(filePath) : process.cwd());
    if (filePath && folder && globMatcher(settings.exclude)(path.relative(folder.path, filePath))) {
      return { kind: 'skipped', reason: 'excluded by asyncPitfalls.exclude' };
    }
    if (text.length > settings.maxFileSize) {
      return {
        kind: 'skipped',
        reason: `${path.basename(filePath ?? uri)} is larger than asyncPitfalls.maxFileSize (${text.length} > ${settings.maxFileSize} characters); not linted`,
        summary: 'larger than asyncPitfalls.maxFileSize',
      };
    }
    if (trusted && folder && filePath && settings.useWorkspaceConfig === 'auto' && (await probe.defersTo(folder.path, filePath))) {
      return { kind: 'skipped', reason: "the workspace's ESLint config runs async-pitfalls on this file", summary: "left to the workspace's ESLint", deferred: true };
    }
    try {
      loadLinter();
      const outcome = engine.lint(text, lintFileName(filePath, languageId ?? 'javascript', cwd), cwd, settings);
      const problems = outcome.messages.map(message => ({ message, diagnostic: toDiagnostic(message) }));
      const config = settings.typeAware ? `${settings.config} (type-aware)` : settings.config;
      const parseError = problems.find(problem => problem.message.fatal);
      // A fatal message without a position is the parser failing to run (a TypeScript it cannot
      // load, say), not a syntax error of the text: it is reported as a failure, not hidden.
      if (parseError && parseError.message.line === undefined) throw new Error(parseError.message.message);
      if (parseError) return { kind: 'unparsable', parseError, durationMs: outcome.durationMs, config };
      return { kind: 'linted', problems, durationMs: outcome.durationMs, config };
    } catch (error) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`Linting ${filePath ?? uri} failed: ${detail}`);
      sendStatus({ state: 'error', uri, message: `Linting failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
      return { kind: 'skipped', reason: 'linting failed (see the output)' };
    }
  }

  function stateOf(uri: string): DocumentState {
    let state = states.get(uri);
    if (!state) {
      state = { version: -1, problems: [], lastLintEnd: 0, lastLintMs: 0 };
      states.set(uri, state);
    }
    return state;
  }

  /**
   * Lints a document unless this very version has been linted (or is being linted) with the same
   * settings: at start-up the client sends the document and then the configuration, twice, and
   * each used to lint the same text again.
   */
  async function lintDocument(document: TextDocument): Promise<void> {
    const state = stateOf(document.uri);
    const version = document.version;
    const settings = await settingsFor(document.uri);
    const key = `${version}\n${workspaceGeneration}\n${JSON.stringify(settings)}`;
    if (key === state.lintedKey || key === state.pendingKey) return;
    state.pendingKey = key;
    sendStatus({ state: 'linting', uri: document.uri, version: undefined });
    const verdict = await lintText(document.uri, document.getText(), document.languageId, settings);
    if (state.pendingKey === key) state.pendingKey = undefined;
    const current = documents.get(document.uri);
    if (!current || current.version !== version || states.get(document.uri) !== state) return; // a newer lint is on its way
    state.lintedKey = key;
    state.lastLintEnd = Date.now();
    const fileName = path.basename(uriToPath(document.uri) ?? document.uri);
    if (verdict.kind === 'skipped') {
      state.problems = [];
      state.version = version;
      log(`${document.uri}: skipped, ${verdict.reason}.`);
      sendStatus({
        state: 'ready',
        uri: document.uri,
        version,
        config: verdict.deferred ? "the workspace's ESLint config" : lastStatus.config,
        message: `Skipped: ${verdict.summary ?? verdict.reason}`,
        overBudget: false,
      });
      void connection.sendDiagnostics({ uri: document.uri, version, diagnostics: [] });
      return;
    }
    state.lastLintMs = verdict.durationMs;
    reportStartup(verdict.durationMs);
    const overBudget = verdict.durationMs > settings.lintBudgetMs;
    let message: string | undefined;
    if (verdict.kind === 'unparsable') {
      // The language's own service (TypeScript's, for JavaScript too) shows the syntax error; a
      // second one from us would only repeat it. The findings of the last text that parsed stay,
      // moved with the edits since (state.version still names that text, so no stale fix is offered).
      const { line, column } = verdict.parseError.message;
      log(
        `${fileName} v${version} does not parse (${line}:${column} ${verdict.parseError.message.message}); the syntax error is left to the editor's ${/^type/.test(document.languageId) ? 'TypeScript' : 'JavaScript'} service. ` +
          (state.version >= 0 ? `Showing the ${state.problems.length} finding(s) of v${state.version}, moved with the edits, until it parses.` : 'Nothing to show until it parses.'),
      );
      message = 'Does not parse: the last findings are kept until it does';
    } else {
      state.problems = verdict.problems;
      state.version = version;
      log(`${fileName} v${version}: ${verdict.problems.length} problem(s) in ${verdict.durationMs.toFixed(1)} ms`);
      if (overBudget) log(`${document.uri} took ${Math.round(verdict.durationMs)} ms, more than asyncPitfalls.lintBudgetMs (${settings.lintBudgetMs} ms).`);
      if (overBudget) message = `Linting took ${Math.round(verdict.durationMs)} ms, over the budget of ${settings.lintBudgetMs} ms`;
    }
    sendStatus({
      state: 'ready',
      uri: document.uri,
      version,
      config: verdict.config,
      typescript: engine.typescript ? { version: engine.typescript.version, source: engine.typescript.source } : undefined,
      lastLintMs: Math.round(verdict.durationMs),
      overBudget,
      message,
    });
    void connection.sendDiagnostics({ uri: document.uri, version, diagnostics: state.problems.map(problem => problem.diagnostic) });
  }

  /**
   * The first edit after a quiet spell is linted at once; edits that follow a lint closely wait a
   * share of that lint's duration, so the delay grows with the file's size.
   */
  function scheduleLint(document: TextDocument): void {
    const state = stateOf(document.uri);
    if (state.timer) return;
    const sinceLast = Date.now() - state.lastLintEnd;
    const delay = sinceLast > state.lastLintMs * 2 ? 0 : Math.min(MAX_DEBOUNCE_MS, state.lastLintMs * DEBOUNCE_SHARE_OF_LINT);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const latest = documents.get(document.uri);
      if (latest) void lintDocument(latest);
    }, delay);
  }

  async function relintAll(): Promise<void> {
    for (const document of documents.all()) {
      const settings = await settingsFor(document.uri);
      if (settings.run === 'onType' || states.has(document.uri)) scheduleLint(document);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    startup.initialize = Date.now();
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    trusted = options.workspaceTrusted === true;
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    folders = (params.workspaceFolders ?? [])
      .map(folder => ({ uri: folder.uri, path: uriToPath(folder.uri) ?? '' }))
      .filter(folder => folder.path !== '');
    if (folders.length === 0 && params.rootUri) {
      const rootPath = uriToPath(params.rootUri);
      if (rootPath) folders = [{ uri: params.rootUri, path: rootPath }];
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        executeCommandProvider: { commands: [ServerCommands.fixAll, ServerCommands.showDocumentation] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'async-pitfalls', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined /* dynamic registration is optional; pull settings still work */);
    }
    log(`Server started (workspace ${trusted ? 'trusted' : 'untrusted: only bundled code runs'}; ${folders.length} folder(s)).`);
    sendStatus({ state: 'ready' });
    // Load the parser, TypeScript and the plugin now rather than on the first keystroke.
    setTimeout(() => {
      try {
        loadLinter();
      } catch (error) {
        log(`Loading the linter failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }, 0);
    if (folders.length > 0) {
      connection.workspace.onDidChangeWorkspaceFolders(event => {
        folders = folders.filter(folder => !event.removed.some(removed => removed.uri === folder.uri));
        for (const added of event.added) {
          const folderPath = uriToPath(added.uri);
          if (folderPath) folders.push({ uri: added.uri, path: folderPath });
        }
        settingsCache.clear();
        workspaceGeneration++;
        void relintAll();
      });
    }
  });

  connection.onDidChangeConfiguration(change => {
    globalSettings = (change.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
    settingsCache.clear();
    shownProblems.clear();
    engine.clearConfigs();
    probe.clear();
    void relintAll();
  });

  connection.onDidChangeWatchedFiles(() => {
    // An ESLint config or package changed: ask the workspace's ESLint again, and resolve packages' declarations again.
    engine.forgetFiles();
    probe.clear();
    workspaceGeneration++;
    void relintAll();
  });

  // Fires on open too: an opened file is linted whatever `run` says.
  documents.onDidChangeContent((event: TextDocumentChangeEvent<TextDocument>) => {
    const isOpening = !states.has(event.document.uri);
    if (isOpening) {
      scheduleLint(event.document);
      return;
    }
    void settingsFor(event.document.uri).then(settings => {
      if (settings.run === 'onType') scheduleLint(event.document);
    });
  });
  documents.onDidSave(event => {
    // Other files read this one's declarations from disk: a save within one mtime tick must not go unseen.
    const savedPath = uriToPath(event.document.uri);
    if (savedPath) engine.forgetFiles([savedPath]);
    void settingsFor(event.document.uri).then(settings => {
      if (settings.run === 'onSave') scheduleLint(event.document);
    });
  });
  documents.onDidClose(event => {
    const state = states.get(event.document.uri);
    if (state?.timer) clearTimeout(state.timer);
    states.delete(event.document.uri);
    if (scanned.has(event.document.uri)) {
      // A scanned file keeps its problems: those of the file as it is on disk.
      void lintFile(event.document.uri).then(diagnostics => {
        if (diagnostics && !documents.get(event.document.uri)) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics });
      });
      return;
    }
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  async function lintFile(uri: string): Promise<Diagnostic[] | undefined> {
    const filePath = uriToPath(uri);
    if (!filePath) return undefined;
    let text: string;
    try {
      const settings = await settingsFor(uri);
      const stat = await fs.promises.stat(filePath);
      if (stat.size > settings.maxFileSize) return undefined;
      text = (await fs.promises.readFile(filePath, 'utf8')).replace(/^\uFEFF/, '');
    } catch {
      return undefined;
    }
    const verdict = await lintText(uri, text, undefined);
    // A file nobody has open has no language service to report its syntax error: the parse error is shown.
    if (verdict.kind === 'unparsable') return [verdict.parseError.diagnostic];
    return verdict.kind === 'linted' ? verdict.problems.map(problem => problem.diagnostic) : undefined;
  }

  connection.onCodeAction(params => {
    const document = documents.get(params.textDocument.uri);
    const state = states.get(params.textDocument.uri);
    if (!document) return [];
    const actions: CodeAction[] = [];
    const only = params.context.only;
    // Fixes apply to the text they were computed for: none while the findings are kept from an earlier version.
    if (state && state.version === document.version) {
      actions.push(
        ...quickFixes({
          document,
          range: params.range,
          diagnostics: params.context.diagnostics,
          only,
          problems: state.problems,
          docsUrl: ruleName => rulePages.href(ruleName),
        }),
      );
    }
    const wantsFixAll = only?.some(kind => FIX_ALL_KIND === kind || FIX_ALL_KIND.startsWith(`${kind}.`)) ?? false;
    if (wantsFixAll) {
      return fixAllEdit(document).then(outcome => {
        if ('edit' in outcome) actions.push({ title: 'Fix all safe Async Pitfalls problems', kind: FIX_ALL_KIND, edit: outcome.edit });
        return actions;
      });
    }
    return actions;
  });

  connection.onHover(params => {
    const document = documents.get(params.textDocument.uri);
    const state = states.get(params.textDocument.uri);
    if (!document || !state) return null;
    return problemHover(state.problems, params.position, rulePages, state.version === document.version) ?? null;
  });

  /** The edit that applies every safe fix of a document, or why there is none. */
  async function fixAllEdit(document: TextDocument): Promise<{ edit: NonNullable<CodeAction['edit']> } | { reason: string }> {
    const settings = await settingsFor(document.uri);
    const filePath = uriToPath(document.uri);
    const fileName = path.basename(filePath ?? document.uri);
    if (!settings.enable) return { reason: `${fileName} is not linted (asyncPitfalls.enable is off)` };
    if (document.getText().length > settings.maxFileSize) return { reason: `${fileName} is larger than asyncPitfalls.maxFileSize` };
    const folder = folderOf(filePath);
    if (trusted && folder && filePath && settings.useWorkspaceConfig === 'auto' && (await probe.defersTo(folder.path, filePath))) {
      return { reason: `the workspace's ESLint config lints ${fileName} with this plugin: fix it with ESLint` };
    }
    const cwd = folder?.path ?? (filePath ? path.dirname(filePath) : process.cwd());
    const before = document.getText();
    try {
      const after = engine.fixAll(before, lintFileName(filePath, document.languageId, cwd), cwd, settings);
      if (after === undefined || after === before) {
        const remaining = states.get(document.uri)?.problems.length ?? 0;
        return {
          reason:
            remaining === 0
              ? `nothing to fix in ${fileName}`
              : `no safe fix in ${fileName}: its ${remaining} problem(s) have only quick fixes to review one by one`,
        };
      }
      return { edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: [minimalEdit(document, before, after)] }] } };
    } catch (error) {
      log(`Fixing ${document.uri} failed: ${error instanceof Error ? error.message : String(error)}`);
      return { reason: `fixing ${fileName} failed (see the output)` };
    }
  }

  connection.onExecuteCommand(async (params): Promise<unknown> => {
    if (params.command === ServerCommands.fixAll) {
      const argument = params.arguments?.[0] as { uri?: string } | undefined;
      const document = argument?.uri ? documents.get(argument.uri) : undefined;
      let result: FixAllResult;
      if (!document) {
        result = { applied: false, message: 'Nothing to fix: the file is not open' };
      } else {
        const outcome = await fixAllEdit(document);
        if ('edit' in outcome) {
          const applied = await connection.workspace.applyEdit({ label: 'Fix all Async Pitfalls problems', edit: outcome.edit });
          result = applied.applied ? { applied: true } : { applied: false, message: `The fixes were not applied${applied.failureReason ? `: ${applied.failureReason}` : ''}` };
        } else {
          result = { applied: false, message: outcome.reason.charAt(0).toUpperCase() + outcome.reason.slice(1) };
        }
      }
      // Said in every editor, not only in VS Code: the command did something, or why it did not.
      if (result.message) void connection.window.showInformationMessage(`Async Pitfalls: ${result.message}.`);
      return result;
    }
    if (params.command === ServerCommands.showDocumentation) {
      const url = params.arguments?.[0];
      if (typeof url === 'string') {
        // The shipped page opens in the editor (VS Code's client shows it in the Markdown preview); a web page outside.
        return connection.window.showDocument({ uri: url, external: !url.startsWith('file:'), takeFocus: true }).catch(() => ({ success: false }));
      }
    }
    return undefined;
  });

  connection.onRequest(ScanWorkspaceRequest, async (params: ScanWorkspaceParams | undefined, token: CancellationToken): Promise<ScanWorkspaceResult> => {
    const started = performance.now();
    const result: ScanWorkspaceResult = { filesLinted: 0, filesSkipped: 0, problems: 0, cancelled: false, durationMs: 0 };
    const progress = (update: Omit<ScanProgressParams, 'progressToken'>): void => {
      void connection.sendNotification(ScanProgressNotification, { progressToken: params?.progressToken, ...update });
    };
    const files: { folder: Folder; filePath: string }[] = [];
    for (const folder of folders) {
      const settings = await settingsFor(folder.uri);
      if (!settings.enable) continue;
      let filesExclude: Record<string, unknown> = {};
      if (pullConfiguration) {
        filesExclude = ((await connection.workspace.getConfiguration({ scopeUri: folder.uri, section: 'files.exclude' }).catch(() => ({}))) ?? {}) as Record<string, unknown>;
      }
      const patterns = [...settings.exclude, ...Object.entries(filesExclude).filter(([, on]) => on === true).map(([pattern]) => pattern)];
      const isExcluded = globMatcher(patterns);
      for await (const filePath of walkFolder(folder.path, isExcluded, () => token.isCancellationRequested)) {
        files.push({ folder, filePath });
      }
    }
    let lastProgress = 0;
    for (const [index, { folder, filePath }] of files.entries()) {
      if (token.isCancellationRequested) {
        result.cancelled = true;
        break;
      }
      // Let cancellation and edits through between files.
      await new Promise(resolve => setImmediate(resolve));
      const uri = pathToFileURL(filePath).toString();
      if (Date.now() - lastProgress > 100 || index === files.length - 1) {
        lastProgress = Date.now();
        progress({ done: index, total: files.length, current: path.relative(folder.path, filePath) });
      }
      if (documents.get(uri)) {
        // Open files are linted live; the scan counts them but leaves their diagnostics alone.
        result.filesLinted++;
        result.problems += states.get(uri)?.problems.length ?? 0;
        continue;
      }
      const diagnostics = await lintFile(uri);
      if (diagnostics === undefined) {
        result.filesSkipped++;
        continue;
      }
      result.filesLinted++;
      result.problems += diagnostics.length;
      scanned.add(uri);
      if (result.filesLinted % SCAN_FILES_PER_COLLECTION === 0) collectGarbage?.();
      void connection.sendDiagnostics({ uri, diagnostics });
    }
    progress({ done: files.length, total: files.length });
    // The modules the scan read last fill the declaration cache: files of anywhere in the
    // workspace, not those the open editors import, which are read again on their next lint. Kept,
    // they would hold their trees and, scattered among them, the pages the scan's churn left.
    engine.forgetFiles();
    // Twice: the first collection frees the scan's garbage; the second compacts what survived out of
    // the pages left sparse, which V8 then returns to the system (measured: heap 400 MB committed
    // after one, under 100 MB after two).
    collectGarbage?.();
    collectGarbage?.();
    result.durationMs = Math.round(performance.now() - started);
    const memory = process.memoryUsage();
    const megabytes = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;
    log(
      `Workspace scan: ${result.filesLinted} file(s) linted, ${result.filesSkipped} skipped, ${result.problems} problem(s) in ${result.durationMs} ms${result.cancelled ? ' (cancelled)' : ''}; memory: heap ${megabytes(memory.heapUsed)} used of ${megabytes(memory.heapTotal)}, resident ${megabytes(memory.rss)}.`,
    );
    return result;
  });

  documents.listen(connection);
  connection.listen();
}

export function main(): void {
  const connection = createConnection(ProposedFeatures.all);
  process.on('uncaughtException', error => connection.console.error(`Uncaught: ${error.stack ?? String(error)}`));
  process.on('unhandledRejection', reason => connection.console.error(`Unhandled rejection: ${String(reason)}`));
  startServer(connection);
}

main();

