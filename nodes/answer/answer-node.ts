import type { AgentStateUpdate, AgentStateValue } from "../../src/index.js";

/**
 * The last node of a run. The reason node records the answer as the model gave it; this node is
 * where a graph normalises it (trimmed, and `stop` set when a custom graph wrote an answer
 * without one). Replace it to post-process answers (e.g. extract a multiple-choice letter).
 *
 * @example
 * ```ts
 * import { answerNode } from "interleaf/nodes";
 *
 * console.log(typeof answerNode); // "function"
 * ```
 */
export async function answerNode(state: AgentStateValue): Promise<AgentStateUpdate> {
  if (state.answer === null) return {};
  const answer = state.answer.trim();
  return {
    answer,
    ...(state.stop ? {} : { stop: { reason: "answer" as const, message: "the model answered" } }),
  };
}
