import { interrupt } from "@langchain/langgraph";
import { emit } from "../../src/executor/agent-events.js";
import { InterleafError, type AgentStateUpdate, type AgentStateValue, type ToolCallRecord, type TrajectoryStep } from "../../src/index.js";
import { agentContext, type NodeRuntime } from "../runtime.js";
import { toolsNode } from "../tools/tools-node.js";

/** What an {@link approvalToolsNode} asks: the calls of the pending turn that need a human's approval. */
export interface ApprovalRequest {
  kind: "approve_tool_calls";
  /** The trajectory step the calls belong to. */
  step: number;
  calls: { callId: string; name: string; arguments: unknown }[];
}

/**
 * The answer to an {@link ApprovalRequest}, given as `agent.resume(threadId, { resume: answer })`
 * (or `interleaf resume <thread> --answer '<json>'`):
 * - `true` / `false`: approve / reject every call asked about;
 * - `{ approve: boolean, reason?: string }`: the same, with a reason the model reads on rejection;
 * - `{ [callId]: boolean | { approve: boolean, reason?: string } }`: one decision per call (a call
 *   not named is rejected).
 *
 * Anything else rejects every call, saying the answer was not understood.
 */
export type ApprovalAnswer = boolean | { approve: boolean; reason?: string } | Record<string, boolean | { approve: boolean; reason?: string }>;

/** Options for {@link approvalToolsNode}. */
export interface ApprovalToolsNodeOptions {
  /** Names of the tools whose calls wait for approval, e.g. `["web_visit"]`. */
  tools: readonly string[];
  /** The node that runs the approved calls; default `toolsNode`. */
  run?: (state: AgentStateValue, runtime: NodeRuntime) => Promise<AgentStateUpdate>;
}

/**
 * A tools node that asks a human before some tools run (human in the loop). When the pending turn
 * calls one of `options.tools`, the node calls LangGraph's `interrupt()` once with an
 * {@link ApprovalRequest} listing those calls: `agent.run` returns status `interrupted` with the
 * request in `result.interrupts`, and the thread waits. `agent.resume(threadId, { resume: answer })`
 * (see {@link ApprovalAnswer}) runs the node again: approved calls run as usual, rejected ones
 * become error observations (`tool_failed`) the model reads next turn. Calls of other tools run
 * without asking. One question per turn, asked before any call of the turn runs, so the answer
 * always meets the question it was given for.
 *
 * @example
 * ```ts
 * import { createGraphAgent, r1v4Dialect } from "interleaf";
 * import { interleavedGraph } from "interleaf/graphs";
 * import { approvalToolsNode } from "interleaf/nodes";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const agent = createGraphAgent({
 *   graph: interleavedGraph({ tools: approvalToolsNode({ tools: ["web_visit"] }) }),
 *   model: scriptedModel(["<think>Nothing to visit.</think><answer>4</answer>"]),
 *   dialect: r1v4Dialect(),
 * });
 * const result = await agent.run({ question: "2 + 2?" });
 * if (result.status === "interrupted" && result.interrupts) {
 *   await agent.resume(result.threadId, { resume: true });
 * }
 * ```
 */
export function approvalToolsNode(options: ApprovalToolsNodeOptions) {
  const guarded = new Set(options.tools);
  const run = options.run ?? toolsNode;
  return async function approveThenRunTools(state: AgentStateValue, runtime: NodeRuntime): Promise<AgentStateUpdate> {
    const pending = state.pending;
    const asked = (pending?.requests ?? []).filter((call) => guarded.has(call.name));
    if (!pending || asked.length === 0) return run(state, runtime);
    const request: ApprovalRequest = { kind: "approve_tool_calls", step: pending.index, calls: asked.map((call) => ({ callId: call.id, name: call.name, arguments: call.arguments })) };
    // Asked before any call runs: on resume the node starts again here, and this returns the answer.
    const answer = interrupt<ApprovalRequest, unknown>(request);
    const rejected = new Map<string, string | undefined>();
    for (const call of asked) {
      const decision = decide(answer, call.id);
      if (!decision.approve) rejected.set(call.id, decision.reason);
    }
    if (rejected.size === 0) return run(state, runtime);
    const update = await run({ ...state, pending: { ...pending, requests: pending.requests.filter((call) => !rejected.has(call.id)) } }, runtime);
    const step = update.steps as TrajectoryStep | undefined;
    if (!step || Array.isArray(step)) return update;
    const now = agentContext(runtime).now();
    const ran = new Map(step.calls.map((record) => [record.id, record]));
    const calls = pending.requests.map((call): ToolCallRecord => {
      const record = ran.get(call.id);
      if (record) return record;
      const reason = rejected.get(call.id);
      const error = new InterleafError("tool_failed", `the user did not approve this call to ${call.name}${reason ? `: ${reason}` : ""}; continue without it`, { details: { tool: call.name } });
      emit(runtime.writer, { type: "observation", step: pending.index, callId: call.id, name: call.name, text: error.message, images: [], error: error.toJSON(), durationMs: 0, replayed: false });
      return { id: call.id, name: call.name, arguments: call.arguments, observation: { text: error.message, images: [], error: error.toJSON() }, startedAt: now, durationMs: 0 };
    });
    return { ...update, steps: { ...step, calls } };
  };
}

/** One call's decision in an answer (see {@link ApprovalAnswer}). */
function decide(answer: unknown, callId: string): { approve: boolean; reason?: string } {
  if (typeof answer === "boolean") return { approve: answer };
  if (typeof answer !== "object" || answer === null || Array.isArray(answer)) return { approve: false, reason: "the answer was not understood" };
  const whole = readDecision(answer);
  if (whole) return whole;
  const one = (answer as Record<string, unknown>)[callId];
  if (typeof one === "boolean") return { approve: one };
  return readDecision(one) ?? { approve: false, ...(one === undefined ? {} : { reason: "the answer was not understood" }) };
}

function readDecision(value: unknown): { approve: boolean; reason?: string } | undefined {
  if (typeof value !== "object" || value === null || typeof (value as { approve?: unknown }).approve !== "boolean") return undefined;
  const { approve, reason } = value as { approve: boolean; reason?: unknown };
  return { approve, ...(typeof reason === "string" && reason ? { reason: reason.slice(0, 500) } : {}) };
}
