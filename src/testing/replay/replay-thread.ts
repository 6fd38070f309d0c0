import { InterleafError } from "../../errors/index.js";
import type { Agent } from "../../executor/agent.js";
import type { RunResult } from "../../executor/run-result.js";
import type { AgentStateValue } from "../../state/agent-state.js";
import type { Counters } from "../../state/budgets.js";
import { diffTrajectories, type TrajectoryDiff, type TrajectoryDiffOptions } from "../trajectory/trajectory-diff.js";
import { findCheckpoint } from "./find-checkpoint.js";
import { storedObservationTools } from "./stored-observations.js";
import { storedModelTurns, storedTurnsModel } from "./stored-turns.js";

/** Options for {@link replayThread}. */
export interface ReplayThreadOptions {
  /** Id of the thread the re-run writes; default `<threadId>:replay:<n>`. */
  newThreadId?: string;
  diff?: TrajectoryDiffOptions;
}

/** What {@link replayThread} and {@link forkAndCompare} return. */
export interface ComparedRun {
  /** The new thread. */
  threadId: string;
  result: RunResult;
  /** The state of the thread compared against. */
  original: AgentStateValue;
  /** The new thread's final state. */
  rerun: AgentStateValue;
  /** From the original trajectory to the new one. */
  diff: TrajectoryDiff;
  /** Counters that differ (tool calls, model turns, tokens, malformed streak; not time). */
  counters: string[];
  /** True when the trajectories and the counters are the same. */
  same: boolean;
}

let replays = 0;

/**
 * Re-runs a finished thread from its stored history with no backend at all: the model turns
 * and tool observations stored in its checkpoints serve the model and the tools, a fork of its
 * input checkpoint runs through the agent's graph and dialect, and the new state is compared
 * with the stored one. `same` is false when the graph, dialect, tool schemas or budgets of the
 * agent now take the run elsewhere (the `diff` says where). Use the storage the thread was run
 * with (the images it references must be in it).
 *
 * @example
 * ```ts
 * import { createGraphAgent, openStorage, r1v4Dialect } from "interleaf";
 * import { interleavedGraph } from "interleaf/graphs";
 * import { replayThread, scriptedModel } from "interleaf/testing";
 *
 * const agent = createGraphAgent({ graph: interleavedGraph(), dialect: r1v4Dialect(), storage: await openStorage("memory"), model: scriptedModel(["<think>.</think><answer>1</answer>"]) });
 * await agent.run({ question: "?" }, { threadId: "done" });
 * const replay = await replayThread(agent, "done");
 * console.log(replay.same); // true
 * ```
 */
export async function replayThread(agent: Agent, threadId: string, options: ReplayThreadOptions = {}): Promise<ComparedRun> {
  const original = await agent.state(threadId);
  if (!original) throw new InterleafError("thread_not_found", `no thread ${threadId} in ${(await agent.storage()).location ?? "this storage"}`, { details: { threadId } });
  const steps = original.pending ? [...original.steps, { ...original.pending, kind: "tool_calls" as const, calls: [] }] : original.steps;
  const turns = storedModelTurns(steps, agent.options.dialect, agent.tools);
  const modelId = steps.find((s) => s.source !== "graph" && s.model.id !== "none")?.model.id ?? `${agent.options.model.provider}:${agent.options.model.modelId}`;
  const model = storedTurnsModel(turns, modelId);
  const tools = storedObservationTools(original.steps, agent.tools.list());
  const input = await findCheckpoint(agent, threadId, { input: true });
  const newThreadId = await agent.fork(threadId, { checkpointId: input, newThreadId: options.newThreadId ?? `${threadId}:replay:${++replays}` });
  const result = await agent.with({ model, tools }).resume(newThreadId);
  return compare(agent, newThreadId, result, original, options.diff);
}

/** Compares a finished new thread with an original state. */
export async function compare(agent: Agent, threadId: string, result: RunResult, original: AgentStateValue, options?: TrajectoryDiffOptions): Promise<ComparedRun> {
  const rerun = await agent.state(threadId);
  if (!rerun) throw new InterleafError("thread_not_found", `the new thread ${threadId} has no state`, { details: { threadId } });
  const diff = diffTrajectories(original, rerun, options);
  const counters = (["toolCalls", "modelTurns", "inputTokens", "outputTokens", "malformedStreak"] as const satisfies readonly (keyof Counters)[]).filter(
    (key) => original.counters[key] !== rerun.counters[key],
  );
  return { threadId, result, original, rerun, diff, counters, same: diff.same && counters.length === 0 };
}
