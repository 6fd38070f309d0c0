import type { CoordinateConvention } from "../images/coordinates.js";
import { text, type ContentPart, type ModelMessage, type ToolCallRequest } from "../models/messages.js";
import type { ModelResponse } from "../models/model-backend.js";
import type { TrajectoryStep } from "../state/trajectory.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import type { Dialect, DialectInput, DialectRequest, ParsedTurn } from "./dialect.js";
import { introduceGraphToolCalls } from "./graph-step.js";
import { labelledImages, questionImages } from "./image-parts.js";
import { nativeSystemPrompt } from "./native-system-prompt.js";
import { observationText } from "./observation-text.js";
import { toArgumentObject, wrapSingleValues } from "./tool-arguments.js";

/** Options for {@link nativeDialect}. */
export interface NativeDialectOptions {
  /** How the model writes boxes. Default `pixels` (absolute pixels of the named image). */
  coordinates?: CoordinateConvention;
  /** Replaces the built-in system prompt (`DialectInput.instructions` are still appended). */
  systemPrompt?: string;
}

/**
 * The dialect of tool-calling APIs (OpenAI, Anthropic, Gemini, vLLM with a tool parser): tools go
 * out as JSON Schema specs, calls come back as structured tool calls with the provider's ids, and
 * a reply with text only is the answer.
 *
 * @example
 * ```ts
 * import { nativeDialect, ToolRegistry } from "interleaf";
 *
 * const dialect = nativeDialect();
 * const turn = dialect.parseTurn(
 *   { text: "It is a heron.", toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } },
 *   new ToolRegistry(),
 * );
 * console.log(turn.kind); // "answer"
 * ```
 */
export function nativeDialect(options: NativeDialectOptions = {}): Dialect {
  const coordinates = options.coordinates ?? "pixels";
  return {
    specificationVersion: "v1",
    name: "native",
    coordinates,
    buildRequest(input: DialectInput): DialectRequest {
      const prompt = options.systemPrompt ?? nativeSystemPrompt(coordinates, input.tools.names());
      const system = input.instructions ? `${prompt}\n\n${input.instructions}` : prompt;
      const messages: ModelMessage[] = [
        { role: "system", content: [text(system)] },
        { role: "user", content: [...questionImages(input.images, input.gallery), text(input.question)] },
      ];
      for (const step of input.steps) messages.push(...stepMessages(step, input));
      const tools = input.tools.specs();
      return tools.length > 0 ? { messages, tools } : { messages };
    },
    parseTurn(response: ModelResponse, tools: ToolRegistry): ParsedTurn {
      return response.toolCalls.length > 0 ? parseCalls(response, tools) : parseText(response.text);
    },
  };
}

function stepMessages(step: TrajectoryStep, input: DialectInput): ModelMessage[] {
  if (step.source === "graph") {
    const content = step.calls.flatMap((call): ContentPart[] => [text(`${call.name}: ${observationText(call.observation)}\n`), ...labelledImages(call.observation.images, input.gallery)]);
    return [{ role: "user", content: [text(introduceGraphToolCalls(step)), ...content] }];
  }
  switch (step.kind) {
    case "tool_calls":
      return [
        { role: "assistant", content: step.thought ? [text(step.thought)] : [], toolCalls: step.calls.map(({ id, name, arguments: args }) => ({ id, name, arguments: args })) },
        ...step.calls.map((call, i): ModelMessage => {
          const content: ContentPart[] = [text(observationText(call.observation)), ...labelledImages(call.observation.images, input.gallery)];
          // The note about the turn (calls dropped over the limit) goes with the last result.
          if (step.note && i === step.calls.length - 1) content.push(text(`\n${step.note}`));
          return { role: "tool", toolCallId: call.id, toolName: call.name, content };
        }),
      ];
    case "answer":
      return [{ role: "assistant", content: [text(step.answer ?? step.raw)] }];
    case "malformed":
      return [
        { role: "assistant", content: [text(step.raw || step.thought || "(an empty turn)")] },
        {
          role: "user",
          content: [
            text(
              `Your previous turn could not be used: ${step.problem ?? "it was not understood"}. ` +
                `Call one of the tools (${input.tools.names().join(", ") || "none available"}) with a JSON object of arguments, or answer in plain text.`,
            ),
          ],
        },
      ];
  }
}

function parseCalls(response: ModelResponse, tools: ToolRegistry): ParsedTurn {
  const thought = response.text.trim();
  const calls: ToolCallRequest[] = [];
  const problems: string[] = [];
  for (const call of response.toolCalls) {
    const tool = tools.get(call.name);
    if (!tool) {
      problems.push(`there is no tool "${call.name}"; available tools: ${tools.names().join(", ") || "none"}`);
      continue;
    }
    const args = toArgumentObject(call.arguments);
    if (!args.ok) {
      problems.push(`tool "${call.name}": ${args.problem}`);
      continue;
    }
    calls.push({ id: call.id, name: call.name, arguments: wrapSingleValues(tool, args.value) });
  }
  if (problems.length > 0) return { kind: "malformed", thought, problem: problems.join("; ") };
  return { kind: "tool_calls", thought, calls };
}

function parseText(raw: string): ParsedTurn {
  const body = raw.trim();
  if (body === "") return { kind: "malformed", thought: "", problem: "the reply was empty: call a tool or answer in plain text" };
  const think = /^\s*(?:<think>([\s\S]*?))?<\/think>([\s\S]*)$/.exec(body);
  const thought = think ? (think[1] ?? "").trim() : "";
  const rest = think ? (think[2] ?? "").trim() : body;
  const tagged = /<answer>([\s\S]*?)(?:<\/answer>|$)/.exec(rest);
  // Repeated opening tags (`<answer><answer>x</answer></answer>`) wrap the same answer.
  const answer = (tagged ? (tagged[1] ?? "") : rest).replace(/^(?:\s*<answer>)+/, "").trim();
  if (answer === "") return { kind: "malformed", thought, problem: "the reply held reasoning but no answer: call a tool or give the answer in plain text" };
  return { kind: "answer", thought, answer };
}
