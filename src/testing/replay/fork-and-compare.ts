import type { Dialect } from "../../dialects/dialect.js";
import { InterleafError } from "../../errors/index.js";
import type { Agent } from "../../executor/agent.js";
import type { ModelBackend } from "../../models/model-backend.js";
import type { AgentStateValue } from "../../state/agent-state.js";
import type { AnyTool } from "../../tools/tool.js";
import type { ToolRegistry } from "../../tools/tool-registry.js";
import type { TrajectoryDiffOptions } from "../trajectory/trajectory-diff.js";
import { findCheckpoint, type CheckpointLocation } from "./find-checkpoint.js";
import { compare, type ComparedRun } from "./replay-thread.js";

/** Options for {@link forkAndCompare}: where to fork, what to change, and the new thread's id. */
export interface ForkAndCompareOptions {
  /** A checkpoint id, or a location such as `{ beforeToolsOf: 3 }`; default the input checkpoint. */
  at?: string | CheckpointLocation;
  /** State edits, or a function of the state at the fork point returning them. */
  update?: Partial<AgentStateValue> | ((state: AgentStateValue) => Partial<AgentStateValue>);
  /** Continue with another model. */
  model?: ModelBackend;
  /** Continue with another tool set. */
  tools?: readonly AnyTool[] | ToolRegistry;
  /** Continue with another dialect. */
  dialect?: Dialect;
  newThreadId?: string;
  diff?: TrajectoryDiffOptions;
}

/**
 * Time travel: forks a thread at a checkpoint into a new thread with a different model, tool
 * set or state edit, runs it to the end, and compares the two trajectories (first diverging
 * step, changed actions, changed answer). The original thread is left as it was.
 *
 * @example
 * ```ts
 * import { createGraphAgent, r1v4Dialect } from "interleaf";
 * import { interleavedGraph } from "interleaf/graphs";
 * import { forkAndCompare, scriptedModel } from "interleaf/testing";
 *
 * const agent = createGraphAgent({ graph: interleavedGraph(), dialect: r1v4Dialect(), model: scriptedModel(["<think>.</think><answer>cat</answer>"]) });
 * await agent.run({ question: "Which animal?" }, { threadId: "t" });
 * const other = await forkAndCompare(agent, "t", { model: scriptedModel(["<think>.</think><answer>dog</answer>"]) });
 * console.log(other.diff.answer); // { before: "cat", after: "dog", changed: true }
 * ```
 */
export async function forkAndCompare(agent: Agent, threadId: string, options: ForkAndCompareOptions = {}): Promise<ComparedRun> {
  const original = await agent.state(threadId);
  if (!original) throw new InterleafError("thread_not_found", `no thread ${threadId} in ${(await agent.storage()).location ?? "this storage"}`, { details: { threadId } });
  const at = options.at ?? { input: true };
  const checkpointId = typeof at === "string" ? at : await findCheckpoint(agent, threadId, at);
  let update = options.update;
  if (typeof update === "function") {
    const there = await agent.state(threadId, checkpointId);
    if (!there) throw new InterleafError("checkpoint_not_found", `no checkpoint ${checkpointId} on thread ${threadId}`, { details: { threadId, checkpointId } });
    update = update(there);
  }
  const newThreadId = await agent.fork(threadId, { checkpointId, ...(options.newThreadId ? { newThreadId: options.newThreadId } : {}), ...(update ? { update } : {}) });
  const runner = agent.with({
    ...(options.model ? { model: options.model } : {}),
    ...(options.tools ? { tools: options.tools } : {}),
    ...(options.dialect ? { dialect: options.dialect } : {}),
  });
  const result = await runner.resume(newThreadId);
  return compare(agent, newThreadId, result, original, options.diff);
}
