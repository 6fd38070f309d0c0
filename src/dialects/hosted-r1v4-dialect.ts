import { text, type ModelMessage } from "../models/messages.js";
import type { ModelResponse } from "../models/model-backend.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import type { Dialect, DialectInput, DialectRequest, ExecutedTurn, ParsedTurn } from "./dialect.js";
import { imagePart } from "./image-parts.js";
import { resolvedR1V4Options } from "./r1v4-dialect.js";
import { parseR1V4Trace, type TraceStep } from "./r1v4-trace.js";
import { textProtocolMessages } from "./text-protocol/text-protocol-history.js";

/**
 * The dialect of the hosted Skywork-R1V4 API (`skywork/r1v4-lite`), which runs the whole agent
 * loop on the server and answers with one message holding the full trace:
 * `<think>…</think> <tool_call>…</tool_call> <observation>…</observation> … <answer>…</answer>`.
 *
 * The request is what Skywork's own clients send (`r1v4/batch_nonstream.py` in
 * github.com/SkyworkAI/Skywork-R1V): no system prompt, no stop sequence, one user message with
 * the image(s) then the question. The reply is read with `parseR1V4Trace`: every turn before the
 * last becomes a step marked `executedBy: "server"` with the server's observation; the last turn
 * is the answer (or a malformed turn saying what is missing when the trace was cut short).
 *
 * Given earlier steps (a resumed or forked thread), the request replays them as the R1V4 text
 * protocol does, turn by turn with their observations, still without a system prompt. Whether the
 * hosted service continues such a conversation is not documented; to continue a trace after step
 * N, fork the thread and resume it with interleaf's own loop (`r1v4Dialect` and local tools), as
 * `forkHostedTrace` in `interleaf/graphs` does. Extra instructions (`DialectInput.instructions`)
 * are not sent: the hosted model takes none.
 *
 * @example
 * ```ts
 * import { ToolRegistry } from "interleaf";
 * import { hostedR1V4Dialect } from "interleaf/skywork";
 *
 * const turn = hostedR1V4Dialect().parseTurn(
 *   {
 *     text: '<think>Look closer.</think><tool_call>{"name": "code", "arguments": {"code": "print(1)"}}</tool_call><observation>{"result": "1", "type": "code"}</observation><think>Done.</think><answer>1</answer>',
 *     toolCalls: [],
 *     usage: { inputTokens: 0, outputTokens: 0 },
 *   },
 *   new ToolRegistry(),
 * );
 * console.log(turn.kind, turn.executed?.length); // "answer" 1
 * ```
 */
// Ported from {repo: SkyworkAI/Skywork-R1V, commit: b806cefffa71be98cdadec30ef79cdeeb703a4a0,
// path: r1v4/batch_nonstream.py, function: call_api} (the request); the trace is read as
// {same commit, path: r1v4/parse_utils.py, function: parse_full_response} and {commit:
// fdfbb844d57584720b7fbb85f82b1dc9ab8a38f9, path: r1v4/inference/request_deepresearch.py,
// function: extract_turns} read it, checked in test/models/skywork/vendor-traces.test.ts.
export function hostedR1V4Dialect(): Dialect {
  const options = resolvedR1V4Options();
  return {
    specificationVersion: "v1",
    name: "hosted-r1v4",
    coordinates: "pixels",
    buildRequest(input: DialectInput): DialectRequest {
      const question: ModelMessage = { role: "user", content: [...input.images.map((ref) => imagePart(ref, input.gallery, "original image")), text(input.question)] };
      if (input.steps.length === 0) return { messages: [question] };
      // The R1V4 conversation without its system prompt, the first user message as the API's clients write it.
      const [, , ...history] = textProtocolMessages(options, { ...input, instructions: "" });
      return { messages: [question, ...history] };
    },
    parseTurn(response: ModelResponse, tools: ToolRegistry): ParsedTurn {
      return parseHostedTrace(response.text, tools);
    },
  };
}

function parseHostedTrace(text: string, tools: ToolRegistry): ParsedTurn {
  const trace = parseR1V4Trace(text);
  const executed: ExecutedTurn[] = [];
  for (const [i, step] of trace.steps.entries()) {
    const last = i === trace.steps.length - 1;
    if (step.kind === "answer") return finalTurn(executed, step, { kind: "answer", thought: step.thought, answer: step.answer ?? "" });
    if (!last) {
      executed.push(executedTurn(step));
      continue;
    }
    if (step.kind === "malformed") return finalTurn(executed, step, { kind: "malformed", thought: step.thought, problem: step.problem ?? "the turn was not understood" });
    if (step.problem === undefined) {
      // The trace stops after a result: the server ran out of room before answering.
      executed.push(executedTurn(step));
      return { kind: "malformed", thought: "", problem: trace.problem ?? "the trace ends without an <answer>", executed };
    }
    // A last call without a result: interleaf runs it with its own tools, if it has them.
    const known = step.calls.filter((call) => tools.has(call.name));
    if (known.length === step.calls.length && known.length > 0) {
      return finalTurn(executed, step, { kind: "tool_calls", thought: step.thought, calls: step.calls.map((call) => ({ id: "", name: call.name, arguments: call.arguments })) });
    }
    return finalTurn(executed, step, { kind: "malformed", thought: step.thought, problem: trace.problem ?? "the trace ends without an <answer>" });
  }
  return { kind: "malformed", thought: "", problem: trace.problem ?? "the trace is empty", ...(executed.length > 0 ? { executed } : {}) };
}

function executedTurn(step: TraceStep): ExecutedTurn {
  const turn: ExecutedTurn = { thought: step.thought, raw: step.raw, calls: step.calls.map(({ name, arguments: args, observationText }) => ({ name, arguments: args, observationText })) };
  if (step.kind === "malformed") turn.problem = step.problem ?? "the turn was not understood";
  return turn;
}

function finalTurn(executed: ExecutedTurn[], step: TraceStep, turn: ParsedTurn): ParsedTurn {
  return executed.length > 0 ? { ...turn, executed, raw: step.raw } : { ...turn, raw: step.raw };
}
