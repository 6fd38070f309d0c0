import { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "../../command-context.js";
import { evalReportCommand } from "./report.js";
import { evalResumeCommand } from "./resume.js";
import { evalRunCommand } from "./run.js";
import { evalScoreCommand } from "./score.js";
import { evalScorersCommand } from "./scorers.js";
import { evalStatusCommand } from "./status.js";

/** Every subcommand of `interleaf eval`, in the order `--help` lists them. */
const EVAL_COMMANDS = [evalRunCommand, evalResumeCommand, evalReportCommand, evalStatusCommand, evalScoreCommand, evalScorersCommand] as const;

/** `interleaf eval`: benchmark agents with scorers tied to the benchmarks' official code. */
export function evalCommand(context: CommandContext) {
  const command = new Command("eval").description("benchmark an agent: run a dataset, resume, report, score with scorers ported from the official code");
  for (const make of EVAL_COMMANDS) {
    const sub = make(context);
    sub.copyInheritedSettings(command as unknown as Command);
    command.addCommand(sub as unknown as Command);
  }
  return command;
}
