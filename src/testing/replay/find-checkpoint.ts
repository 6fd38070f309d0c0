import { InterleafError } from "../../errors/index.js";
import type { Agent } from "../../executor/agent.js";

/**
 * Where in a thread to find a checkpoint:
 * - `{ beforeStep: n }`: just before model turn `n` (n steps finished, nothing pending); 0 is the
 *   start of the run;
 * - `{ beforeToolsOf: n }`: after model turn `n` asked for tools, before they ran (edit the
 *   pending calls' arguments there: "what if the crop at step 3 had been larger?");
 * - `{ input: true }`: the thread's input checkpoint (a fork from it re-runs everything).
 */
export type CheckpointLocation = { beforeStep: number } | { beforeToolsOf: number } | { input: true };

/**
 * The id of the checkpoint at a location of a thread; `checkpoint_not_found` when the thread
 * never passed there.
 *
 * @example
 * ```ts
 * import { createGraphAgent, r1v4Dialect } from "interleaf";
 * import { interleavedGraph } from "interleaf/graphs";
 * import { findCheckpoint, scriptedModel } from "interleaf/testing";
 *
 * const agent = createGraphAgent({ graph: interleavedGraph(), dialect: r1v4Dialect(), model: scriptedModel(["<think>.</think><answer>1</answer>"]) });
 * await agent.run({ question: "?" }, { threadId: "t" });
 * const start = await findCheckpoint(agent, "t", { beforeStep: 0 });
 * ```
 */
export async function findCheckpoint(agent: Agent, threadId: string, where: CheckpointLocation): Promise<string> {
  const history = await agent.history(threadId);
  if ("input" in where) {
    const input = history.filter((h) => h.source === "input").at(-1) ?? history.at(-1);
    if (input) return input.checkpointId;
  } else {
    // Oldest first, so a location passed twice (after a resume) gives the first time.
    for (const summary of [...history].reverse()) {
      if ("beforeStep" in where) {
        if (summary.steps !== where.beforeStep || !summary.next.includes("reason")) continue;
        const state = await agent.state(threadId, summary.checkpointId);
        if (state && !state.pending && !state.stop) return summary.checkpointId;
      } else {
        if (!summary.next.includes("tools")) continue;
        const state = await agent.state(threadId, summary.checkpointId);
        if (state?.pending?.index === where.beforeToolsOf) return summary.checkpointId;
      }
    }
  }
  throw new InterleafError("checkpoint_not_found", `thread ${threadId} has no checkpoint ${JSON.stringify(where)}; list its checkpoints with agent.history(${JSON.stringify(threadId)})`, { details: { threadId } });
}
