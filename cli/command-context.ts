import type { CliIo } from "./cli-io.js";
import type { ExitCode } from "./exit-codes.js";

/** What a command's action gets besides its arguments: the streams, and where to put its exit code. */
export interface CommandContext {
  io: CliIo;
  /** Records the command's exit code (commander ignores what an action returns). */
  exit(code: ExitCode): void;
}
