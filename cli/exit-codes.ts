/**
 * Exit codes of the `interleaf` command, one per outcome, the same in every command.
 * The README's "Command line" section lists them (a test checks it).
 */
export const EXIT = {
  /** The run answered (or the command did what it was asked). */
  ok: 0,
  /** The run ended without an answer (a budget, malformed turns, a failed model call). */
  noAnswer: 1,
  /** Bad usage: unknown command or option, missing or malformed argument. */
  usage: 2,
  /** Something outside the run failed (storage, files, configuration, a search backend). */
  failed: 3,
  /** The thread named on the command line is not in the database. */
  threadNotFound: 4,
  /** Stopped by Ctrl-C (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;

/** One of {@link EXIT}'s codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What each exit code means, as `interleaf --help` and the README list them. */
export const EXIT_MEANINGS: Record<ExitCode, string> = {
  [EXIT.ok]: "answered (or done)",
  [EXIT.noAnswer]: "ended without an answer",
  [EXIT.usage]: "bad usage",
  [EXIT.failed]: "failed (storage, files, configuration)",
  [EXIT.threadNotFound]: "no such thread",
  [EXIT.interrupted]: "interrupted (Ctrl-C)",
};

/** The exit codes in one line: `0 answered (or done), 1 ended without an answer, ...`. */
export function exitCodesLine(): string {
  return `Exit codes: ${Object.entries(EXIT_MEANINGS)
    .map(([code, meaning]) => `${code} ${meaning}`)
    .join(", ")}.`;
}
