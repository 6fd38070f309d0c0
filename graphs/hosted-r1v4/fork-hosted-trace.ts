import { InterleafError } from "../../src/errors/index.js";
import type { Agent } from "../../src/executor/agent.js";

/** Options of {@link forkHostedTrace}. */
export interface ForkHostedTraceOptions {
  /** The last step kept (0-based index): steps after it are left out of the new thread. */
  afterStep: number;
  /** Id of the new thread; default a new UUID. */
  newThreadId?: string;
}

/**
 * Starts a new thread holding the first steps of a finished thread, up to and including step
 * `afterStep`, ready to continue from there. A hosted R1V4 run records its whole server-side
 * trace in one model turn, so there is no checkpoint between its steps: the new thread is forked
 * from the run's input checkpoint with the kept steps written in, no answer and no stop.
 *
 * Continue it with interleaf's own client-side loop: resume it with `r1v4Dialect()`, a model that
 * speaks R1V4's protocol and your tools (`agent.with({ dialect, model, tools }).resume(id)`); the
 * kept server steps are replayed to that model as turns with their observations. (Resuming with
 * the hosted dialect instead sends the earlier steps to the hosted API as a conversation, which
 * Skywork does not document.)
 *
 * @example
 * ```ts
 * import { r1v4Dialect } from "interleaf";
 * import { forkHostedTrace, hostedR1V4Agent } from "interleaf/graphs";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const hosted = hostedR1V4Agent({
 *   model: scriptedModel(['<think>Read it.</think><text_search>Eiffel Tower height</text_search><observation>[{"title": "330 m"}]</observation><think>Found.</think><answer>330 m</answer>']),
 *   storage: "memory",
 * });
 * await hosted.run({ question: "How tall is it?" }, { threadId: "t1" });
 * const fork = await forkHostedTrace(hosted, "t1", { afterStep: 0 });
 * const local = hosted.with({ dialect: r1v4Dialect(), model: scriptedModel(["<think>Enough.</think><answer>330 metres</answer>"]) });
 * console.log((await local.resume(fork)).answer); // "330 metres"
 * ```
 */
export async function forkHostedTrace(agent: Agent, threadId: string, options: ForkHostedTraceOptions): Promise<string> {
  const state = await agent.state(threadId);
  if (!state) throw new InterleafError("thread_not_found", `no thread ${threadId} to fork`, { details: { threadId } });
  const { afterStep } = options;
  if (!Number.isInteger(afterStep) || afterStep < 0 || afterStep >= state.steps.length) {
    throw new InterleafError("invalid_argument", `afterStep must be a step index from 0 to ${state.steps.length - 1} of thread ${threadId}`, { details: { argument: "afterStep", value: afterStep } });
  }
  const history = await agent.history(threadId);
  const input = history.find((checkpoint) => checkpoint.source === "input");
  if (!input) throw new InterleafError("checkpoint_not_found", `thread ${threadId} has no input checkpoint to fork from`, { details: { threadId } });
  const steps = state.steps.slice(0, afterStep + 1);
  return agent.fork(threadId, {
    checkpointId: input.checkpointId,
    ...(options.newThreadId ? { newThreadId: options.newThreadId } : {}),
    update: { steps, answer: null, stop: null, pending: null },
  });
}
