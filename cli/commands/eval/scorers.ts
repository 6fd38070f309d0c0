import { Command } from "@commander-js/extra-typings";
import { listScorers } from "../../../src/eval/index.js";
import type { CommandContext } from "../../command-context.js";
import { EXIT } from "../../exit-codes.js";
import { jsonOption } from "../../options.js";

/** `interleaf eval scorers`: every built-in scorer with the upstream function it reproduces. */
export function evalScorersCommand(context: CommandContext) {
  return new Command("scorers")
    .description("list the scorers and the upstream code each one reproduces")
    .addOption(jsonOption())
    .action((options) => {
      const { io } = context;
      const scorers = listScorers().map(({ id, kind, benchmark, source }) => ({ id, kind, benchmark, source: { ...source } }));
      if (options.json) {
        io.out(`${JSON.stringify(scorers, null, 2)}\n`);
      } else {
        const width = Math.max(...scorers.map((scorer) => scorer.id.length));
        for (const { id, kind, benchmark, source } of scorers) {
          io.out(`${id.padEnd(width)}  ${kind.padEnd(12)} ${benchmark.padEnd(14)} ${source.repo} ${source.path} ${source.function} @${source.commit.slice(0, 7)}\n`);
        }
      }
      context.exit(EXIT.ok);
    });
}
