export interface ProgressOptions {
  /** Writes to stderr; progress is shown only when stderr is a terminal. */
  write: (text: string) => void;
  isTerminal: boolean;
  /** A run shorter than this shows no progress at all. */
  delayMs: number;
}

export interface Progress {
  /** `done` of `total` files are linted. */
  update(done: number): void;
  /** Erases the progress line, so that only the findings and notes stay. */
  finish(): void;
}

const ERASE_LINE = '\r\u001b[2K';

/**
 * One line on a terminal's stderr, rewritten in place ("linted 120 of 2,000 files"), for runs
 * long enough to need it. Nothing is written when stderr is a file or a pipe, and nothing ever
 * goes to stdout, which holds the report (JSON, SARIF, …).
 */
export function createProgress(total: number, options: ProgressOptions): Progress {
  const start = Date.now();
  let shown = false;
  return {
    update(done: number): void {
      if (!options.isTerminal || done >= total || Date.now() - start < options.delayMs) return;
      shown = true;
      options.write(`${ERASE_LINE}async-pitfalls: linted ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} files…`);
    },
    finish(): void {
      if (shown) options.write(ERASE_LINE);
      shown = false;
    },
  };
}
