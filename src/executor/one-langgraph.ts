import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Pregel } from "@langchain/langgraph/pregel";
import { InterleafError } from "../errors/index.js";

/** The folder of the `@langchain/langgraph` a module at `from` (a file path) loads, if any. */
function langgraphFolder(from: string): string | undefined {
  try {
    return join(createRequire(from).resolve("@langchain/langgraph/package.json"), "..");
  } catch {
    return undefined;
  }
}

let warned = false;

/**
 * Checks that an agent graph was compiled by the `@langchain/langgraph` interleaf runs on. With two
 * copies (an app pinned to another version, and npm installing one for interleaf), a graph built
 * with the app's `StateGraph` runs, but its checkpoints lose interleaf's delta fields: no steps in
 * any state or history entry. A graph with delta fields (any built on `AgentState`) compiled by
 * another copy is therefore refused with `config_invalid` naming both copies; any other gets a
 * warning.
 *
 * @internal
 */
export function checkOneLangGraph(compiled: unknown, cwd: string = process.cwd()): void {
  if (compiled instanceof Pregel) return;
  const ours = langgraphFolder(fileURLToPath(import.meta.url)) ?? "(unknown)";
  const theirs = langgraphFolder(join(cwd, "noop.js"));
  const where = theirs && theirs !== ours ? `interleaf loads ${ours}, your project loads ${theirs}` : `interleaf loads ${ours}, the graph was built with another copy`;
  const fix = "install a single copy: a version in interleaf's peer range (see `npm view interleaf peerDependencies`), then `npm dedupe`; `npm ls @langchain/langgraph` must list one";
  const channels = Object.values((compiled as { channels?: Record<string, { lc_graph_name?: string }> }).channels ?? {});
  if (channels.some((channel) => channel?.lc_graph_name === "DeltaChannel")) {
    throw new InterleafError("config_invalid", `two copies of @langchain/langgraph are loaded (${where}); a graph compiled by the other copy does not checkpoint interleaf's trajectory (its steps would be lost): ${fix}`, {
      details: { path: theirs ?? ours },
    });
  }
  if (!warned) {
    warned = true;
    process.emitWarning(`two copies of @langchain/langgraph are loaded (${where}): ${fix}`, { code: "INTERLEAF_TWO_LANGGRAPHS" });
  }
}
