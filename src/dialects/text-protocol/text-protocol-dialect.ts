import type { ToolCallRequest } from "../../models/messages.js";
import type { ModelResponse } from "../../models/model-backend.js";
import type { ToolRegistry } from "../../tools/tool-registry.js";
import type { Dialect, DialectInput, DialectRequest, ParsedTurn } from "../dialect.js";
import { inlineJson } from "../inline-json.js";
import { plural } from "../../util/plural.js";
import { splitExecutedTurns } from "./executed-turns.js";
import { resolveAction } from "./resolve-action.js";
import { parseTaggedTurn, type TaggedAction, type TaggedTurnSyntax } from "./tagged-turn.js";
import { textProtocolMessages } from "./text-protocol-history.js";
import { resolveTextProtocolOptions, type ResolvedTextProtocolOptions, type TextProtocolOptions } from "./text-protocol-options.js";

/** The tag syntax of resolved options, for {@link parseTaggedTurn}. */
export function syntaxOf(options: ResolvedTextProtocolOptions): TaggedTurnSyntax {
  return {
    thinkTag: options.thinkTag,
    answerTag: options.answerTag,
    toolCallTag: options.toolCallTag,
    actionTags: options.tags.map((action) => action.tag),
    resultTag: options.resultTag,
  };
}

/**
 * Builds a dialect for a tagged text protocol: reasoning in a think tag, actions as JSON tool
 * calls and/or their own tags, results wrapped in a result tag, the answer in an answer tag.
 * `r1v4Dialect` and the neighbour presets (`deepeyesDialect`, `webwatcherDialect`,
 * `miniO3Dialect`, `thymeDialect`, `mmsearchR1Dialect`) are configurations of it.
 *
 * Parsing never throws: broken JSON, unknown tools, a missing think tag, no action, or an answer
 * together with a tool call give a `malformed` turn whose `problem` tells the model what to fix.
 *
 * @example
 * ```ts
 * import { textProtocolDialect, ToolRegistry } from "interleaf";
 *
 * const dialect = textProtocolDialect({ name: "plain", requireThink: false });
 * const turn = dialect.parseTurn(
 *   { text: "<answer>blue</answer>", toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } },
 *   new ToolRegistry(),
 * );
 * console.log(turn.kind === "answer" && turn.answer); // "blue"
 * ```
 */
export function textProtocolDialect(config: TextProtocolOptions): Dialect {
  const options = resolveTextProtocolOptions(config);
  const syntax = syntaxOf(options);
  return {
    specificationVersion: "v1",
    name: options.name,
    coordinates: options.coordinates,
    buildRequest(input: DialectInput): DialectRequest {
      const request: DialectRequest = { messages: textProtocolMessages(options, input) };
      if (options.stop.length > 0) request.stop = [...options.stop];
      if (options.sampling?.temperature !== undefined) request.temperature = options.sampling.temperature;
      if (options.sampling?.maxTokens !== undefined) request.maxTokens = options.sampling.maxTokens;
      if (options.sampling?.topP !== undefined) request.topP = options.sampling.topP;
      if (options.continueTurns && request.messages.at(-1)?.role === "assistant") request.continueFinalMessage = true;
      return request;
    },
    parseTurn(response: ModelResponse, tools: ToolRegistry): ParsedTurn {
      return parseTextProtocolTurn(response, tools, options, syntax);
    },
  };
}

function parseTextProtocolTurn(response: ModelResponse, tools: ToolRegistry, options: ResolvedTextProtocolOptions, syntax: TaggedTurnSyntax): ParsedTurn {
  const { executed, rest } = splitExecutedTurns(response.text, options, syntax);
  const parsed = parseCurrentTurn({ ...response, text: rest }, tools, options, syntax, executed.length > 0);
  return executed.length > 0 ? { ...parsed, executed, raw: parsed.raw ?? rest.trim() } : parsed;
}

function parseCurrentTurn(response: ModelResponse, tools: ToolRegistry, options: ResolvedTextProtocolOptions, syntax: TaggedTurnSyntax, afterTrace: boolean): ParsedTurn {
  if (afterTrace && response.text.trim() === "" && response.toolCalls.length === 0) {
    const result = options.resultTag;
    return { kind: "malformed", thought: "", problem: `the turn ended with a result (<${result}>) and no next step: continue from the last result with your reasoning, then one action or the final answer` };
  }
  const turn = parseTaggedTurn(response.text, syntax);
  const written: TaggedAction[] = [...turn.actions];
  // A backend with native tool calling may return calls beside the text: treat them as tool-call tags.
  if (options.toolCallTag) {
    for (const call of response.toolCalls) {
      written.push({ tag: options.toolCallTag, body: inlineJson({ name: call.name, arguments: parseMaybeJson(call.arguments) }), closed: true });
    }
  }
  const { actions, note } = cutActions(written, options);
  const problems: string[] = [];
  const think = options.thinkTag;
  if (options.thinkSpansTurns && !turn.thinkFound) turn.thought = textBeforeFirstTag(response.text, syntax);
  else if (options.requireThink && !turn.thinkFound) {
    problems.push(`the turn has no <${think}>...</${think}>: reason inside <${think}>...</${think}> before every action`);
  }
  const calls: ToolCallRequest[] = [];
  for (const action of actions) {
    const resolved = resolveAction(action, options, tools);
    if (resolved.ok) calls.push({ id: "", name: resolved.call.name, arguments: resolved.call.arguments });
    else problems.push(resolved.problem);
  }
  const answer = options.answerTag;
  const phrase = turn.answer === undefined && actions.length === 0 ? endingPhrase(response.text, options.answerPhrases) : undefined;
  if (phrase !== undefined) return { kind: "answer", thought: turn.thought || textBeforeFirstTag(response.text, syntax), answer: phrase };
  if (turn.answer !== undefined && actions.length > 0) {
    problems.push(`the turn holds both an <${answer}> and a tool call: do one per turn (call the tool and wait for its result, or answer)`);
  } else if (turn.answer === undefined && actions.length === 0) {
    problems.push(`the turn has no action: after your reasoning, call a tool or give the final answer inside <${answer}>...</${answer}>`);
  } else if (turn.answer !== undefined && turn.answer === "") {
    problems.push(`the <${answer}> is empty: put the final answer inside <${answer}>...</${answer}>`);
  }
  if (problems.length > 0) return { kind: "malformed", thought: turn.thought, problem: problems.join("; ") };
  if (turn.answer !== undefined) return { kind: "answer", thought: turn.thought, answer: turn.answer };
  if (!note) return { kind: "tool_calls", thought: turn.thought, calls };
  // The turn as the stop sequence would have left it: its reasoning and the actions kept, each closed.
  const reasoning = turn.thinkFound ? `<${think}>${turn.thought}</${think}>\n` : "";
  const raw = reasoning + actions.map((action) => `<${action.tag}>${action.body}</${action.tag}>`).join("\n");
  return { kind: "tool_calls", thought: turn.thought, calls, note, raw };
}

/** The actions of a turn up to `actionsPerTurn`, and a note for the model when more were written. */
function cutActions(actions: readonly TaggedAction[], options: ResolvedTextProtocolOptions): { actions: TaggedAction[]; note?: string } {
  const max = options.actionsPerTurn;
  if (actions.length <= max) return { actions: [...actions] };
  const kept = max === 1 ? "Only the first action" : `Only the first ${max} actions`;
  const note =
    `${kept} of that turn ${max === 1 ? "was" : "were"} run; the ${plural(actions.length - max, "action")} written after ${max === 1 ? "it" : "them"} ` +
    `before any result came back ${actions.length - max === 1 ? "was" : "were"} dropped. Take ${max === 1 ? "one action" : `at most ${max} actions`} per turn and wait for the result.`;
  return { actions: actions.slice(0, max), note };
}

function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A turn's text up to its first action or answer tag: the reasoning of a turn that continues an open think tag. */
function textBeforeFirstTag(raw: string, syntax: TaggedTurnSyntax): string {
  const tags = [...(syntax.toolCallTag ? [syntax.toolCallTag] : []), ...syntax.actionTags, syntax.answerTag];
  const firsts = tags.map((tag) => raw.toLowerCase().indexOf(`<${tag.toLowerCase()}`)).filter((at) => at >= 0);
  return raw.slice(0, firsts.length > 0 ? Math.min(...firsts) : raw.length).trim();
}

/** The answer phrase a turn ends with (quotes and a full stop allowed around it), if any. */
function endingPhrase(raw: string, phrases: readonly string[]): string | undefined {
  const end = raw.trim().replace(/[\s."'“”]+$/u, "").toLowerCase();
  return phrases.find((phrase) => end.endsWith(phrase.toLowerCase()));
}
