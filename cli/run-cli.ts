import { CommanderError } from "@commander-js/extra-typings";
import { reportFailure } from "./cli-error.js";
import { processIo, type CliIo } from "./cli-io.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import { createProgram } from "./program.js";

/**
 * Runs the `interleaf` command line with the given arguments (without `node` and the script) and
 * returns the exit code; never calls `process.exit`. Failures are printed on stderr with the
 * exit code of their kind (see `EXIT`).
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  let command = "";
  const program = createProgram({ io, exit: (c) => void (code = c) });
  program.hook("preAction", (_program, action) => void (command = action.name()));
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return reportFailure(error, command, io);
  }
}
