import { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "./command-context.js";
import { dataCommand } from "./commands/data/index.js";
import { demoCommand } from "./commands/demo.js";
import { evalCommand } from "./commands/eval/index.js";
import { historyCommand } from "./commands/history.js";
import { indexCommand } from "./commands/index-folder.js";
import { planCommand } from "./commands/plan.js";
import { resumeCommand } from "./commands/resume.js";
import { runCommand } from "./commands/run.js";
import { trajectoryCommand } from "./commands/trajectory.js";
import { viewCommand } from "./commands/view.js";
import { workerCommand } from "./commands/worker.js";
import { exitCodesLine } from "./exit-codes.js";
import { paletteFor } from "./output/colour.js";
import { packageVersion } from "./package-version.js";

/** Every command of `interleaf`, in the order `--help` and the README list them. */
export const COMMANDS = [runCommand, resumeCommand, historyCommand, trajectoryCommand, viewCommand, indexCommand, planCommand, evalCommand, dataCommand, workerCommand, demoCommand] as const;

/**
 * The `interleaf` program: its commands, with generated help, `--version`, did-you-mean for
 * unknown commands and options, and output through the context's streams. It never exits the
 * process: commander's exits become thrown `CommanderError`s (see `runCli`).
 */
export function createProgram(context: CommandContext): Command {
  const { io } = context;
  const red = paletteFor(io, "err").red;
  const program = new Command("interleaf")
    .description("multimodal agents that think with images and do deep research")
    .version(packageVersion(), "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(red(text)) })
    .exitOverride()
    .showSuggestionAfterError(true)
    .showHelpAfterError("(add --help for usage)")
    .addHelpText("after", `\n${exitCodesLine()}\nThe database is --db, else $INTERLEAF_DB, else .interleaf/interleaf.db.`);
  for (const make of COMMANDS) {
    const command = make(context);
    command.copyInheritedSettings(program as unknown as Command);
    program.addCommand(command);
  }
  return program as unknown as Command;
}
