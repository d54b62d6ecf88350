// Speaks LSP to the built server (extension/dist/server.js) over stdio, as any editor would.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import type {
  CodeAction,
  Diagnostic,
  Hover,
  InitializeResult,
  Position,
  ProtocolConnection,
  PublishDiagnosticsParams,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
} from 'vscode-languageserver-protocol';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

import SERVER_ENVIRONMENT from '../../extension/src/shared/server-environment.json';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_PATH = path.join(REPO_ROOT, 'extension', 'dist', 'server.js');

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).toString();
}

export interface StartOptions {
  folders: string[];
  /** Another build of the server (an unpacked .vsix); the repository's by default. */
  serverPath?: string;
  trusted?: boolean;
  /** Settings answered to `workspace/configuration`, by folder path (or '*' for all). */
  settings?: Record<string, unknown>;
}

interface Waiter {
  uri: string;
  predicate: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
}

/** A test's LSP client: opens documents, collects diagnostics and applies edits to its own copies. */
export class TestClient {
  readonly logs: string[] = [];
  readonly shownMessages: string[] = [];
  readonly shownDocuments: string[] = [];
  /** Whether each shown document was to open outside the editor (`window/showDocument`'s `external`). */
  readonly shownDocumentsExternal: boolean[] = [];
  readonly startups: Record<string, number>[] = [];
  readonly statuses: Record<string, unknown>[] = [];
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly texts = new Map<string, { text: string; version: number; languageId: string }>();
  settings: Record<string, unknown>;
  filesExclude: Record<string, boolean> = {};
  initializeResult: InitializeResult | undefined;
  private waiters: Waiter[] = [];

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions): Promise<TestClient> {
    const serverPath = options.serverPath ?? SERVER_PATH;
    // The environment VS Code's client gives the server.
    const env = { ...process.env, ...SERVER_ENVIRONMENT };
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe', cwd: path.dirname(serverPath), env });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(child, connection, options.settings ?? {});
    child.stderr.on('data', (chunk: Buffer) => client.logs.push(`stderr: ${chunk.toString()}`));
    connection.onNotification(PublishDiagnosticsNotification.type, params => {
      client.diagnostics.set(params.uri, params);
      client.waiters = client.waiters.filter(waiter => {
        if (waiter.uri !== params.uri || !waiter.predicate(params)) return true;
        waiter.resolve(params);
        return false;
      });
    });
    connection.onNotification(LogMessageNotification.type, params => {
      client.logs.push(params.message);
    });
    connection.onNotification(ShowMessageNotification.type, params => {
      client.shownMessages.push(params.message);
    });
    connection.onNotification('asyncPitfalls/status', (params: Record<string, unknown>) => {
      client.statuses.push(params);
    });
    connection.onNotification('asyncPitfalls/startup', (params: Record<string, number>) => {
      client.startups.push(params);
    });
    connection.onRequest(ConfigurationRequest.type, params =>
      params.items.map(item => {
        if (item.section === 'files.exclude') return client.filesExclude;
        const folder = options.folders.find(candidate => item.scopeUri?.startsWith(fileUri(candidate)));
        return (folder !== undefined ? client.settings[folder] : undefined) ?? client.settings['*'] ?? {};
      }),
    );
    connection.onRequest(ShowMessageRequest.type, params => {
      client.shownMessages.push(params.message);
      return null;
    });
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(ShowDocumentRequest.type, params => {
      client.shownDocuments.push(params.uri);
      client.shownDocumentsExternal.push(params.external === true);
      return { success: true };
    });
    connection.onRequest(ApplyWorkspaceEditRequest.type, params => {
      client.applyWorkspaceEdit(params.edit);
      return { applied: true };
    });
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true, applyEdit: true, workspaceFolders: true } },
      workspaceFolders: options.folders.map(folder => ({ uri: fileUri(folder), name: path.basename(folder) })),
      initializationOptions: { workspaceTrusted: options.trusted ?? true },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `predicate`. */
  nextDiagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 60000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No diagnostics for ${uri} within ${timeoutMs} ms. Log:\n${this.logs.join('\n')}`)), timeoutMs);
      this.waiters.push({
        uri,
        predicate,
        resolve: params => {
          clearTimeout(timer);
          resolve(params.diagnostics);
        },
      });
    });
  }

  async open(filePath: string, text: string, languageId = languageOf(filePath)): Promise<Diagnostic[]> {
    const uri = fileUri(filePath);
    this.texts.set(uri, { text, version: 1, languageId });
    const published = this.nextDiagnostics(uri, params => params.version === undefined || params.version === 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return published;
  }

  async change(filePath: string, text: string): Promise<Diagnostic[]> {
    const uri = fileUri(filePath);
    const current = this.texts.get(uri);
    if (!current) throw new Error(`${uri} is not open`);
    const version = current.version + 1;
    this.texts.set(uri, { ...current, text, version });
    const published = this.nextDiagnostics(uri, params => params.version === version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return published;
  }

  async save(filePath: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: fileUri(filePath) } });
  }

  /** Waits until the server has sent a status notification that satisfies `predicate`. */
  async status(predicate: (status: Record<string, unknown>) => boolean, timeoutMs = 60000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.statuses.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No such status; statuses: ${JSON.stringify(this.statuses)}`);
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  }

  async close(filePath: string): Promise<void> {
    const uri = fileUri(filePath);
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  text(filePath: string): string {
    return this.texts.get(fileUri(filePath))?.text ?? '';
  }

  async codeActions(filePath: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: fileUri(filePath) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], ...(only ? { only } : {}) },
    });
    return (result ?? []).filter((action): action is CodeAction => 'title' in action && !('command' in action && typeof action.command === 'string'));
  }

  hover(filePath: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: fileUri(filePath) }, position });
  }

  /** Sends an incremental change (one range replaced), as VS Code does, and keeps the client's copy in step. */
  async edit(filePath: string, range: { start: Position; end: Position }, text: string): Promise<number> {
    const uri = fileUri(filePath);
    const current = this.texts.get(uri);
    if (!current) throw new Error(`${uri} is not open`);
    const version = current.version + 1;
    this.texts.set(uri, { ...current, text: applyEdits(current.text, [{ range, newText: text }]), version });
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    return version;
  }

  async fixAllActions(filePath: string): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: fileUri(filePath) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    return (result ?? []) as CodeAction[];
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  /** Applies an edit to the client's copy of the document (as an editor would), without telling the server. */
  applyWorkspaceEdit(edit: WorkspaceEdit): void {
    const byUri: [string, TextEdit[]][] = Object.entries(edit.changes ?? {});
    for (const change of edit.documentChanges ?? []) {
      if ('textDocument' in change) byUri.push([change.textDocument.uri, change.edits as TextEdit[]]);
    }
    for (const [uri, edits] of byUri) {
      const current = this.texts.get(uri);
      if (!current) throw new Error(`Edit for a document that is not open: ${uri}`);
      this.texts.set(uri, { ...current, text: applyEdits(current.text, edits) });
    }
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The server may already be gone.
    }
    this.connection.dispose();
    if (this.child.exitCode === null) {
      await new Promise<void>(resolve => {
        const timer = setTimeout(() => {
          this.child.kill();
          resolve();
        }, 3000);
        this.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

function offsetAt(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + position.character, text.length);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, offsetAt(result, edit.range.start)) + edit.newText + result.slice(offsetAt(result, edit.range.end));
  }
  return result;
}

export function languageOf(filePath: string): string {
  const extension = path.extname(filePath);
  if (extension === '.tsx') return 'typescriptreact';
  if (extension === '.jsx') return 'javascriptreact';
  if (['.ts', '.mts', '.cts'].includes(extension)) return 'typescript';
  return 'javascript';
}
