import { InterleafError } from "../src/errors/index.js";
import type { CliIo } from "./cli-io.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { paletteFor } from "./output/colour.js";

/** A usage mistake: the CLI prints it with a pointer to `--help` and exits with {@link EXIT}.usage. */
export class UsageError extends InterleafError {
  constructor(message: string) {
    super("invalid_argument", message);
  }
}

/** The one message every command prints for a thread that is not in the database. */
export function threadNotFound(threadId: string, location: string): InterleafError {
  return new InterleafError("thread_not_found", `no thread ${threadId} in ${location}`);
}

/** The exit code of a failure, by what happened. */
export function exitCodeOf(error: unknown): ExitCode {
  if (!InterleafError.isInstance(error)) return EXIT.failed;
  if (error.code === "invalid_argument") return EXIT.usage;
  if (error.code === "thread_not_found") return EXIT.threadNotFound;
  if (error.code === "aborted") return EXIT.interrupted;
  return EXIT.failed;
}

/**
 * Prints a failure on stderr and returns its exit code. An interleaf error shows its message and
 * code; a system error (a file that cannot be written, ...) its message and errno code; anything
 * else is a bug in interleaf and says so, with its stack.
 */
export function reportFailure(error: unknown, command: string, io: CliIo): ExitCode {
  const red = paletteFor(io, "err").red;
  const prefix = red(`interleaf ${command}:`);
  if (InterleafError.isInstance(error)) {
    const hint = error.code === "invalid_argument" ? `\n(see interleaf ${command} --help)` : "";
    io.err(`${prefix} ${error.message} [${error.code}]${hint}\n`);
  } else if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string") {
    io.err(`${prefix} ${error.message} [${(error as NodeJS.ErrnoException).code}]\n`);
  } else {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.err(`${prefix} unexpected failure, a bug in interleaf (please report it) [internal_error]:\n${detail}\n`);
  }
  return exitCodeOf(error);
}
