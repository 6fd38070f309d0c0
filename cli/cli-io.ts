/** Where the CLI writes and what it knows of its terminal, injectable so tests can run commands in-process. */
export interface CliIo {
  /** Results: what a script or a pipe reads. */
  out(text: string): void;
  /** Errors, diagnostics and progress. */
  err(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stdout / stderr is a terminal (colour and the progress line need one). */
  tty: { out: boolean; err: boolean };
  /** Aborted on Ctrl-C: a run in progress stops at once and keeps its last checkpoint. */
  interrupt?: AbortSignal;
}

/** The process's own streams, environment and terminal. */
export function processIo(interrupt?: AbortSignal): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    tty: { out: process.stdout.isTTY === true, err: process.stderr.isTTY === true },
    ...(interrupt ? { interrupt } : {}),
  };
}
