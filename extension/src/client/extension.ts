import * as path from 'node:path';

import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

// Environment the server runs with (the benchmark and the tests start it the same way). glibc's
// allocator otherwise gives each thread that allocates (V8's compiler and collector threads) an
// arena of its own and keeps what they free: after a 2,000-file scan the server holds about
// 200 MB resident instead of 260–300 MB, and its slowest lints are no slower. Other allocators
// ignore the variable.
import SERVER_ENVIRONMENT from '../shared/server-environment.json';
import type { InitializationOptions, ScanProgressParams, ScanWorkspaceResult, StatusParams } from '../shared/protocol';
import {
  ClientCommands,
  ScanProgressNotification,
  ScanWorkspaceRequest,
  ServerCommands,
  SETTINGS_SECTION,
  StatusNotification,
} from '../shared/protocol';

const DOCUMENT_SELECTOR = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'].flatMap(language => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);

let client: LanguageClient | undefined;

function describeStatus(item: vscode.LanguageStatusItem, status: StatusParams, clientState: string): void {
  const parts = [`server ${clientState}`];
  if (status.config) parts.push(`config ${status.config}`);
  if (status.lastLintMs !== undefined) parts.push(`last lint ${status.lastLintMs} ms`);
  if (status.typescript) parts.push(`TypeScript ${status.typescript}`);
  item.text = status.state === 'linting' ? '$(sync~spin) Async Pitfalls' : 'Async Pitfalls';
  item.detail = [parts.join(' · '), status.message].filter(Boolean).join(' — ');
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

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const { LanguageClient, TransportKind } = loadLanguageClient();
  const serverModule = context.asAbsolutePath(path.join('extension', 'dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env: SERVER_ENVIRONMENT } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { env: SERVER_ENVIRONMENT, execArgv: ['--nolazy', '--inspect=6011'] },
    },
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
  };
  return new LanguageClient('asyncPitfalls', 'Async Pitfalls', serverOptions, clientOptions);
}

export function activate(context: vscode.ExtensionContext): void {
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
  context.subscriptions.push(outputChannel, statusItem);

  const start = (): void => {
    client = createClient(context, outputChannel);
    client.onDidChangeState(() => describeStatus(statusItem, lastStatus, stateName()));
    client.onNotification(StatusNotification, (status: StatusParams) => {
      lastStatus = status;
      describeStatus(statusItem, status, stateName());
    });
    // Not awaited: the server starts off the activation path.
    void client.start().then(
      () => undefined,
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
      if (client) await client.restart();
      else start();
    }),
    vscode.commands.registerCommand(ClientCommands.fixAllInFile, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      await client.sendRequest('workspace/executeCommand', {
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
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
