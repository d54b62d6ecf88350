import type { ServerStartup } from '../shared/protocol';

/**
 * Where a start of the server went, in milliseconds since the epoch: the client's own steps and
 * the server's (`ServerStartup`, on the server's clock, the same machine's).
 */
export interface StartupReport {
  /** `activate` was called, or a restart was asked for. */
  began: number;
  /** The language client library had loaded, and the server process was about to start. */
  serverStarting?: number;
  /** The server had answered `initialize`. */
  serverReady?: number;
  /** The first diagnostics (of any document) had arrived. */
  firstDiagnostics?: number;
  server?: ServerStartup;
}

/** The timeline of the latest start (activation or restart) until its first diagnostics. */
export class StartupTimeline {
  private report: StartupReport = { began: 0 };
  private resolve: (report: StartupReport) => void = () => undefined;
  private current: Promise<StartupReport> = Promise.resolve(this.report);

  constructor(private readonly write: (line: string) => void) {}

  /** Resolves once the latest start has had its first diagnostics and the server's figures. */
  get done(): Promise<StartupReport> {
    return this.current;
  }

  begin(what: 'Start-up' | 'Restart', began = Date.now()): void {
    this.report = { began };
    this.current = new Promise(resolve => {
      this.resolve = resolve;
    });
    this.what = what;
  }

  private what: 'Start-up' | 'Restart' = 'Start-up';

  serverStarting(): void {
    this.report.serverStarting ??= Date.now();
  }

  serverReady(): void {
    this.report.serverReady ??= Date.now();
  }

  diagnostics(): void {
    if (this.report.firstDiagnostics !== undefined) return;
    this.report.firstDiagnostics = Date.now();
    this.complete();
  }

  server(server: ServerStartup): void {
    if (this.report.server) return;
    this.report.server = server;
    this.complete();
  }

  /** Once both the first diagnostics and the server's figures are in: one line in the output. */
  private complete(): void {
    const report = this.report;
    const { server } = report;
    if (!server || report.firstDiagnostics === undefined) return;
    // Each step's time from the start, and how long the two slow ones took.
    const at = (time: number | undefined): string => (time === undefined ? '?' : `+${time - report.began}`);
    const took = (from: number | undefined, to: number | undefined): string => (from !== undefined && to !== undefined ? ` (${to - from} ms)` : '');
    this.write(
      `${this.what}, ms from its beginning: client library loaded ${at(report.serverStarting)}, server process started ${at(server.processStart)}, ` +
        `its code loaded ${at(server.codeLoaded)}, initialize ${at(server.initialize)}, linter loaded ${at(server.linterLoaded)}${took(server.linterLoadStart, server.linterLoaded)}, ` +
        `first lint done ${at(server.firstLintEnd)}${took(server.firstLintStart, server.firstLintEnd)}, first diagnostics ${at(report.firstDiagnostics)}.`,
    );
    this.resolve(report);
  }
}
