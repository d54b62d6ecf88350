import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions } from 'vscode-languageclient/node';

// Environment the server runs with (the benchmark and the tests start it the same way). glibc's
// allocator otherwise gives each thread that allocates (V8's compiler and collector threads) an
// arena of its own and keeps what they free: after a 2,000-file scan the server holds about
// 200 MB resident instead of 260–300 MB, and its slowest lints are no slower. Other allocators
// ignore the variable.
import SERVER_ENVIRONMENT from '../shared/server-environment.json';
import type {
  FixAllResult,
  InitializationOptions,
  ScanProgressParams,
  ScanWorkspaceResult,
  ServerStartup,
  StatusParams,
} from '../shared/protocol';
import {
  ClientCommands,
  ScanProgressNotification,
  ScanWorkspaceRequest,
  ServerCommands,
  SETTINGS_SECTION,
  StartupNotification,
  StatusNotification,
} from '../shared/protocol';
import type { StartupReport } from './startup';
import { StartupTimeline } from './startup';
import { statusDetail } from './status-text';

const DOCUMENT_SELECTOR = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'].flatMap(language => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);

let client: LanguageClient | undefined;

/** The custom editor of VS Code's built-in Markdown extension that renders a Markdown file. */
const MARKDOWN_PREVIEW_EDITOR = 'vscode.markdown.preview.editor';

/** What the extension returns from `activate`, for tests and other extensions: figures, never controls. */
export interface AsyncPitfallsApi {
  /**
   * The timeline of the latest start of the server (at activation, or a restart): resolves once
   * the first diagnostics and the server's figures are in.
   */
  readonly startup: Promise<StartupReport>;
  /** The versions of a document the server has linted, in order. */
  lintedVersions(uri: vscode.Uri): number[];
  /** What the language status item shows now: its text, its detail and its link's title. */
  languageStatus(): { text: string; detail: string | undefined; link: string | undefined };
}

function describeStatus(item: vscode.LanguageStatusItem, status: StatusParams, clientState: string): void {
  item.text = status.state === 'linting' ? '$(sync~spin) Async Pitfalls' : 'Async Pitfalls';
  item.detail = statusDetail(status, clientState);
  item.severity =
    status.state === 'error'
      ? vscode.LanguageStatusSeverity.Error
      : status.overBudget
        ? vscode.LanguageStatusSeverity.Warning
        : vscode.LanguageStatusSeverity.Information;
}

type LanguageClientModule = typeof import('./language-client');
let languageClientModule: LanguageClientModule | undefined;

/**
 * The language client library, from its own bundle, loaded after activation has returned: it is
 * most of the client's code, and VS Code counts the loading of the main module as activation.
 */
function loadLanguageClient(): LanguageClientModule {
  // A path computed at run time, so the bundler leaves this require to Node.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  languageClientModule ??= require(path.join(__dirname, 'language-client.js')) as LanguageClientModule;
  return languageClientModule;
}

/** Whether a URI is one of the rule pages this extension ships (`docs/rules/*.md`). */
function isShippedRulePage(context: vscode.ExtensionContext, uri: vscode.Uri): boolean {
  const folder = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  return uri.scheme === folder.scheme && path.dirname(uri.fsPath) === folder.fsPath && uri.fsPath.endsWith('.md');
}

/** Opens a rule page in VS Code's Markdown preview; false when the preview is not available. */
async function showRulePage(uri: vscode.Uri, viewColumn?: vscode.ViewColumn, preserveFocus = false): Promise<boolean> {
  try {
    await vscode.commands.executeCommand('vscode.openWith', uri, MARKDOWN_PREVIEW_EDITOR, { viewColumn, preserveFocus, preview: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The rule pages are linked from diagnostics (Problems, the diagnostic's hover), from our hover
 * and from "Show documentation" by their own `file:` URI, which VS Code opens as text: a page
 * opened so is shown in the Markdown preview instead.
 */
function showRulePagesAsPreview(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.window.tabGroups.onDidChangeTabs(async event => {
    for (const tab of event.opened) {
      if (!(tab.input instanceof vscode.TabInputText) || !isShippedRulePage(context, tab.input.uri)) continue;
      if (!(await showRulePage(tab.input.uri, tab.group.viewColumn))) continue;
      try {
        await vscode.window.tabGroups.close(tab, true);
      } catch {
        // The preview took the text editor's place (both open as preview tabs): nothing is left to close.
      }
    }
  });
}

/** Whether the extension host itself runs under a debugger: then the server opens one too. */
const DEBUGGING = process.execArgv.some(argument => /^--(inspect|debug)(-brk)?(=|$)/.test(argument));

/** The compile cache of this version of the extension (a new version compiles other files). */
function compileCacheFolder(context: vscode.ExtensionContext): string {
  return path.join(context.globalStorageUri.fsPath, 'compile-cache', String((context.extension.packageJSON as { version?: unknown }).version));
}

/** Removes the compile caches of other versions of the extension, one by one (there are a few at most). */
async function removeOldCompileCaches(context: vscode.ExtensionContext): Promise<void> {
  const current = compileCacheFolder(context);
  const parent = path.dirname(current);
  let entries: string[];
  try {
    entries = await fs.promises.readdir(parent);
  } catch {
    return; // no cache yet
  }
  for (const entry of entries) {
    if (path.join(parent, entry) === current) continue;
    try {
      await fs.promises.rm(path.join(parent, entry), { recursive: true, force: true });
    } catch {
      // Only disk space is at stake: the next start tries again.
    }
  }
}

/**
 * Starts the server process (LSP over stdio), as vscode-languageclient would, with the client's
 * environment and V8's compile cache in the extension's storage: from the second start on, Node
 * (22.1 and later) reuses the compiled code of the server and of TypeScript instead of compiling
 * them again (older Nodes ignore the variable).
 */
function forkServer(context: vscode.ExtensionContext): ChildProcess {
  const serverModule = context.asAbsolutePath(path.join('extension', 'dist', 'server.js'));
  return fork(serverModule, ['--stdio'], {
    cwd: path.dirname(serverModule),
    env: {
      ...process.env,
      // VS Code's own executable runs as Node only when told to.
      ELECTRON_RUN_AS_NODE: '1',
      ...SERVER_ENVIRONMENT,
      NODE_COMPILE_CACHE: compileCacheFolder(context),
    },
    execArgv: DEBUGGING ? ['--nolazy', '--inspect=6011'] : [],
    silent: true,
  });
}

function createClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
  onDiagnostics: (uri: vscode.Uri) => void,
  started: ChildProcess,
): LanguageClient {
  const { LanguageClient } = loadLanguageClient();
  // The first start takes the process started before the client library loaded; a restart forks anew.
  let waiting: ChildProcess | undefined = started;
  const serverOptions = async (): Promise<ChildProcess> => {
    const child = waiting ?? forkServer(context);
    waiting = undefined;
    return child;
  };
  const initializationOptions: InitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: {
      configurationSection: [SETTINGS_SECTION, 'files.exclude'],
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{eslint.config.*,package.json}'),
    },
    initializationOptions,
    outputChannel,
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => {
        onDiagnostics(uri);
        next(uri, diagnostics);
      },
      window: {
        // "Show documentation": the shipped page goes straight to the preview, beside the code.
        showDocument: async (params, token, next) => {
          const uri = vscode.Uri.parse(params.uri);
          if (!params.external && isShippedRulePage(context, uri) && (await showRulePage(uri, vscode.ViewColumn.Beside, params.takeFocus === false))) {
            return { success: true };
          }
          return next(params, token);
        },
      },
    },
  };
  return new LanguageClient('asyncPitfalls', 'Async Pitfalls', serverOptions, clientOptions);
}

export function activate(context: vscode.ExtensionContext): AsyncPitfallsApi {
  const activated = Date.now();
  const outputChannel = vscode.window.createOutputChannel('Async Pitfalls', { log: true });
  const statusItem = vscode.languages.createLanguageStatusItem('asyncPitfalls.status', DOCUMENT_SELECTOR);
  statusItem.name = 'Async Pitfalls';
  statusItem.command = { title: 'Show Output', command: ClientCommands.showOutput };
  let lastStatus: StatusParams = { state: 'starting' };
  const stateName = (): string => {
    const { State } = loadLanguageClient();
    return client?.state === State.Running ? 'running' : client?.state === State.Starting ? 'starting' : 'stopped';
  };
  describeStatus(statusItem, lastStatus, 'starting');
  context.subscriptions.push(outputChannel, statusItem, showRulePagesAsPreview(context));

  const lintedVersions = new Map<string, number[]>();
  const timeline = new StartupTimeline(line => outputChannel.info(line));
  timeline.begin('Start-up', activated);

  const start = (): void => {
    // The server process first: it loads its code while the client library loads here.
    const server = forkServer(context);
    void removeOldCompileCaches(context);
    client = createClient(context, outputChannel, () => timeline.diagnostics(), server);
    timeline.serverStarting();
    client.onDidChangeState(() => describeStatus(statusItem, lastStatus, stateName()));
    client.onNotification(StatusNotification, (status: StatusParams) => {
      lastStatus = status;
      describeStatus(statusItem, status, stateName());
      if (status.uri !== undefined && status.version !== undefined) {
        const versions = lintedVersions.get(status.uri) ?? [];
        versions.push(status.version);
        lintedVersions.set(status.uri, versions);
      }
    });
    client.onNotification(StartupNotification, (server: ServerStartup) => timeline.server(server));
    // Not awaited: the server starts off the activation path.
    void client.start().then(
      () => timeline.serverReady(),
      (error: unknown) => {
        outputChannel.error(`The server did not start: ${String(error)}`);
        describeStatus(statusItem, { state: 'error', message: 'The server did not start' }, 'stopped');
      },
    );
  };
  // The client library loads and the server starts once activation has returned.
  setTimeout(start, 0);

  context.subscriptions.push(
    vscode.commands.registerCommand(ClientCommands.showOutput, () => outputChannel.show(true)),
    vscode.commands.registerCommand(ClientCommands.restartServer, async () => {
      timeline.begin('Restart');
      if (!client) return start();
      timeline.serverStarting();
      await client.restart();
      timeline.serverReady();
    }),
    vscode.commands.registerCommand(ClientCommands.fixAllInFile, async (): Promise<FixAllResult> => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) {
        const message = editor ? 'The server is not running' : 'Open a JavaScript or TypeScript file first';
        void vscode.window.showInformationMessage(`Async Pitfalls: ${message}.`);
        return { applied: false, message };
      }
      // The server says why when nothing is applied (window/showMessage).
      return client.sendRequest<FixAllResult>('workspace/executeCommand', {
        command: ServerCommands.fixAll,
        arguments: [{ uri: editor.document.uri.toString(), version: editor.document.version }],
      });
    }),
    vscode.commands.registerCommand(ClientCommands.scanWorkspace, () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Async Pitfalls: scanning the workspace', cancellable: true },
        async (progress, token) => {
          if (!client) return undefined;
          const progressToken = `scan-${Date.now()}`;
          let reported = 0;
          const subscription = client.onNotification(ScanProgressNotification, (update: ScanProgressParams) => {
            if (update.progressToken !== progressToken || update.total === 0) return;
            const percent = (update.done / update.total) * 100;
            progress.report({ increment: percent - reported, message: `${update.done}/${update.total} ${update.current ?? ''}` });
            reported = percent;
          });
          try {
            const result = await client.sendRequest<ScanWorkspaceResult>(ScanWorkspaceRequest, { progressToken }, token);
            const summary = `${result.filesLinted} file(s) scanned, ${result.problems} problem(s)${result.cancelled ? ' (cancelled)' : ''}.`;
            outputChannel.info(`Scan Workspace: ${summary} ${result.durationMs} ms`);
            void vscode.window.showInformationMessage(`Async Pitfalls: ${summary}`);
            return result;
          } catch (error) {
            if (token.isCancellationRequested) return undefined;
            outputChannel.error(`Scan Workspace failed: ${String(error)}`);
            throw error;
          } finally {
            subscription.dispose();
          }
        },
      ),
    ),
    // Trust can only be granted, never withdrawn, within a session; a new server picks it up.
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (client) await client.stop();
      start();
    }),
  );
  return {
    get startup() {
      return timeline.done;
    },
    lintedVersions: uri => [...(lintedVersions.get(uri.toString()) ?? [])],
    languageStatus: () => ({ text: statusItem.text, detail: statusItem.detail, link: statusItem.command?.title }),
  };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
