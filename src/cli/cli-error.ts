import { InterleafError } from "../errors/index.js";

/** Exit codes of the `interleaf` command. */
export const EXIT = {
  /** The run answered (or the command did what it was asked). */
  ok: 0,
  /** The run ended without an answer (a budget, malformed turns, a failure). */
  noAnswer: 1,
  /** Bad usage: unknown command or option, missing argument. */
  usage: 2,
  /** Something outside the run failed (storage, files, configuration). */
  error: 3,
} as const;

/** A usage mistake: the CLI prints it with the usage text and exits with {@link EXIT}.usage. */
export class UsageError extends InterleafError {
  constructor(message: string) {
    super("invalid_argument", message);
  }
}
