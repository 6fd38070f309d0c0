import { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "../../command-context.js";
import { evalScoreCommand } from "./score.js";
import { evalScorersCommand } from "./scorers.js";

/** Every subcommand of `interleaf eval`, in the order `--help` lists them. */
const EVAL_COMMANDS = [evalScorersCommand, evalScoreCommand] as const;

/** `interleaf eval`: benchmark agents with scorers tied to the benchmarks' official code. */
export function evalCommand(context: CommandContext) {
  const command = new Command("eval").description("score answers with named scorers ported from the benchmarks' official code");
  for (const make of EVAL_COMMANDS) command.addCommand(make(context) as unknown as Command);
  return command;
}
