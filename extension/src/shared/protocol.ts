/**
 * The contract between the client, the server and any other LSP editor: command ids, the
 * diagnostic source, the code action kind and the custom messages. Plain constants only, so
 * that the client bundle stays free of server code.
 */

/** `Diagnostic.source` of every diagnostic; `Diagnostic.code` is the rule name (no prefix). */
export const DIAGNOSTIC_SOURCE = 'async-pitfalls';

/** Code action kind for `editor.codeActionsOnSave`: applies safe fixes only, never suggestions. */
export const FIX_ALL_KIND = 'source.fixAll.asyncPitfalls';

/** Commands contributed by the VS Code extension (package.json `contributes.commands`). */
export const ClientCommands = {
  scanWorkspace: 'asyncPitfalls.scanWorkspace',
  fixAllInFile: 'asyncPitfalls.fixAllInFile',
  showOutput: 'asyncPitfalls.showOutput',
  restartServer: 'asyncPitfalls.restartServer',
} as const;

/** Commands the server executes (`workspace/executeCommand`), available to any LSP client. */
export const ServerCommands = {
  /**
   * Arguments: `[{ uri: string, version?: number }]`; applies the safe fixes through
   * `workspace/applyEdit` and answers a `FixAllResult`; when nothing is applied it also says why
   * (`window/showMessage`).
   */
  fixAll: 'asyncPitfalls.server.fixAll',
  /**
   * Arguments: `[url: string]`; asks the client to open the rule's page (`window/showDocument`):
   * the page shipped with the server (a `file:` URI, opened in the editor) or a web page.
   */
  showDocumentation: 'asyncPitfalls.server.showDocumentation',
} as const;

/** The answer to `asyncPitfalls.server.fixAll`. */
export interface FixAllResult {
  applied: boolean;
  /** Why nothing was applied ("Nothing to fix in a.ts", ...). */
  message?: string;
}

/** Request `asyncPitfalls/scanWorkspace`: lints every matching file of every workspace folder. */
export const ScanWorkspaceRequest = 'asyncPitfalls/scanWorkspace';
export interface ScanWorkspaceParams {
  /** Token for `asyncPitfalls/scanProgress` notifications. */
  progressToken?: string;
}
export interface ScanWorkspaceResult {
  filesLinted: number;
  filesSkipped: number;
  problems: number;
  cancelled: boolean;
  durationMs: number;
}

/** Notification `asyncPitfalls/scanProgress` (server → client). */
export const ScanProgressNotification = 'asyncPitfalls/scanProgress';
export interface ScanProgressParams {
  progressToken?: string;
  done: number;
  total: number;
  /** Path relative to its workspace folder of the file being linted. */
  current?: string;
}

/**
 * Where the TypeScript the parser runs on comes from: the extension's own copy, the workspace's
 * `typescript`, or the workspace's `@typescript/typescript6` (TypeScript 6's API beside a
 * TypeScript 7, which has none).
 */
export type TypeScriptSource = 'bundled' | 'workspace' | 'typescript6';

/** Notification `asyncPitfalls/status` (server → client): what the language status item shows. */
export const StatusNotification = 'asyncPitfalls/status';
export type ServerState = 'starting' | 'ready' | 'linting' | 'error';
export interface StatusParams {
  state: ServerState;
  /** The config in force for the last linted file: `recommended`, `strict`, `all` or `workspace`. */
  config?: string;
  /** The TypeScript the parser runs on, once loaded (its folder is in the server's log). */
  typescript?: { version: string; source: TypeScriptSource };
  uri?: string;
  /** The document version the last lint of `uri` read (set when a lint has just finished). */
  version?: number;
  lastLintMs?: number;
  /** Set when the last lint took longer than `asyncPitfalls.lintBudgetMs`. */
  overBudget?: boolean;
  /** A short human message (file skipped, bad setting, ...). */
  message?: string;
}

/**
 * Notification `asyncPitfalls/startup` (server → client), once, after the first lint: when each
 * step of the server's start happened, in milliseconds since the epoch on the server's clock.
 */
export const StartupNotification = 'asyncPitfalls/startup';
export interface ServerStartup {
  /** The process started (Node's `performance.timeOrigin`). */
  processStart: number;
  /** The server's code had loaded. */
  codeLoaded: number;
  /** `initialize` arrived. */
  initialize?: number;
  /** Loading the parser, TypeScript and the plugin began and ended. */
  linterLoadStart?: number;
  linterLoaded?: number;
  /** The first lint began and ended (its diagnostics were sent right after). */
  firstLintStart?: number;
  firstLintEnd?: number;
}

/** `initializationOptions` understood by the server. */
export interface InitializationOptions {
  /**
   * Whether the workspace is trusted. Untrusted (the default when absent): only bundled code runs;
   * neither the workspace's TypeScript nor its ESLint config is loaded.
   */
  workspaceTrusted?: boolean;
}

/** The settings section, read with `workspace/configuration` per document (multi-root). */
export const SETTINGS_SECTION = 'asyncPitfalls';
