import { existsSync } from "node:fs";
import { InterleafError } from "../src/index.js";
import { defaultIndexDir } from "../src/search/local-index.js";
import { searchSetupFromSpec } from "../src/search/search-spec.js";
import { type CliEnvironment, type ToolChoice } from "../src/cli/cli-environment.js";
import { demoCommand } from "./demo/demo-command.js";
import { defaultTools } from "./default-tools.js";
import { interleavedGraph } from "./interleaved/interleaved-graph.js";
import { PLAN_COMMAND_DESCRIPTION, planCommand } from "./commands/plan-command.js";
import { planAndExecuteGraph } from "./plan-and-execute/index.js";

/** The search backends of a CLI run: `--search`, or the local index beside the database. */
async function searchFor(choice: ToolChoice) {
  if (choice.mode !== "deepresearch") return undefined;
  if (choice.search) return searchSetupFromSpec(choice.search);
  const dir = defaultIndexDir(choice.storage.location);
  if (choice.storage.kind !== "sqlite" || !existsSync(dir)) {
    throw new InterleafError("config_invalid", "deepresearch mode needs a search backend: --search tavily|serper|local:<index folder>, or build the local index with `interleaf index <folder>`");
  }
  return searchSetupFromSpec(`local:${dir}`);
}

/** What the `interleaf` executable is assembled from: the ready graphs and tools. */
export const cliEnvironment: CliEnvironment = {
  graph: (_mode, options) => (options?.plan ? planAndExecuteGraph() : interleavedGraph()),
  async tools(choice) {
    const search = await searchFor(choice);
    return defaultTools({ mode: choice.mode, ...(search ? { search } : {}), summarizer: choice.summarizer });
  },
  commands: {
    demo: { describe: "runs the interleaved agent offline on a bundled photo (scripted model)", run: demoCommand },
    plan: { describe: PLAN_COMMAND_DESCRIPTION, run: (argv, io) => planCommand(argv, io, cliEnvironment) },
  },
};
