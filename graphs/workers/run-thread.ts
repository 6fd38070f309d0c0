import type { Agent } from "../../src/executor/agent.js";
import type { AgentEvent } from "../../src/executor/agent-events.js";
import type { RunResult } from "../../src/executor/run-result.js";
import { InterleafError } from "../../src/errors/index.js";
import type { Budgets } from "../../src/state/budgets.js";
import { saveAgentSpec } from "../agent-spec/agent-spec.js";
import type { RunJob } from "./run-job.js";

/** How a job's thread was run: the result, and whether an earlier attempt had started it. */
export interface ThreadRun {
  result: RunResult;
  resumed: boolean;
}

/**
 * Starts a job's thread, or continues it when an earlier attempt (a worker that crashed, a
 * shutdown, a failed attempt) left checkpoints: finished tool calls come from the journal, and a
 * thread that had already finished is only read back, never run again. The thread's lock is taken
 * by the agent, so two workers never run it at once (the second gets `thread_busy`).
 */
export async function runThread(agent: Agent, job: RunJob, signal: AbortSignal, onEvent: (event: AgentEvent) => void): Promise<ThreadRun> {
  const options = { signal, onEvent };
  if ((await agent.state(job.threadId)) !== undefined) return { result: await agent.resume(job.threadId, options), resumed: true };
  // Saved before the first checkpoint: `interleaf resume <thread>` on any machine rebuilds the same agent.
  await saveAgentSpec((await agent.storage()).cache, job.threadId, job.spec);
  const input = {
    question: job.input.question,
    ...(job.input.images ? { images: job.input.images } : {}),
    ...(job.input.budgets ? { budgets: job.input.budgets as Partial<Budgets> } : {}),
  };
  try {
    return { result: await agent.run(input, { ...options, threadId: job.threadId }), resumed: false };
  } catch (error) {
    // Another attempt created the thread between the look and the start: continue it instead.
    if (InterleafError.isInstance(error, "invalid_argument") && error.details.threadId === job.threadId) {
      return { result: await agent.resume(job.threadId, options), resumed: true };
    }
    throw error;
  }
}
