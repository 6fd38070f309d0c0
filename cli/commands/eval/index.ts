import { Command } from "@commander-js/extra-typings";
import type { CommandContext } from "../../command-context.js";
import { evalReportCommand } from "./report.js";
import { evalRescoreCommand } from "./rescore.js";
import { evalResumeCommand } from "./resume.js";
import { evalRunCommand } from "./run.js";

// TEMPORARY (issue 13 part B): the scorers' engineer writes the real `cli/commands/eval/index.ts`
// (with `eval scorers` and `eval score --cases`); at merge the lead adds these four subcommands
// to it, and joins `rescore` into `eval score <run>`.

/** `interleaf eval`: benchmark an agent (run, resume, report, rescore). */
export function evalCommand(context: CommandContext) {
  const command = new Command("eval").description("benchmark an agent: run a dataset, resume, re-score, report");
  for (const make of [evalRunCommand, evalResumeCommand, evalReportCommand, evalRescoreCommand]) {
    const sub = make(context);
    sub.copyInheritedSettings(command as unknown as Command);
    command.addCommand(sub as unknown as Command);
  }
  return command;
}
