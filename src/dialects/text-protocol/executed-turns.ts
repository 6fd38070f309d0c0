import type { ExecutedCall, ExecutedTurn } from "../dialect.js";
import { resolveAction } from "./resolve-action.js";
import { parseTaggedTurn, type TaggedTurnSyntax } from "./tagged-turn.js";
import type { ResolvedTextProtocolOptions } from "./text-protocol-options.js";
import { holdsResultTag, traceSegments } from "./trace-segments.js";

/** A response split into the turns it already holds with their results, and the turn still to act on. */
export interface SplitResponse {
  /** Leading turns whose actions have results in the response (a trace). */
  executed: ExecutedTurn[];
  /** The text after them: the turn interleaf acts on (may be blank). */
  rest: string;
}

/**
 * Splits a model response that holds results of its own (`<observation>…</observation>` after an
 * action: a server-side loop's trace, or a model that ignored the stop sequence) into executed
 * turns and the rest. A leading turn counts as executed when it has at least one action, every
 * action has a result after it, and it has no answer; ingestion stops at the first turn that does
 * not, and from there on the text is the rest, read as before (a result in it ends the turn).
 * Tool names are not checked against the agent's tools: the server ran them, not interleaf.
 * A response without a result tag is returned whole as the rest.
 */
export function splitExecutedTurns(text: string, options: ResolvedTextProtocolOptions, syntax: TaggedTurnSyntax): SplitResponse {
  if (!holdsResultTag(text, options.resultTag)) return { executed: [], rest: text };
  const segments = traceSegments(text, options.resultTag, options.thinkTag);
  const bare = { ...syntax, resultTag: "" };
  const executed: ExecutedTurn[] = [];
  for (const [i, segment] of segments.entries()) {
    const raw = segment.text.trim();
    const turn = parseTaggedTurn(raw, bare);
    const usable = segment.observations.length > 0 && turn.answer === undefined && turn.actions.length > 0 && segment.observations.length >= turn.actions.length;
    if (!usable) return { executed, rest: rejoin(segments.slice(i), options.resultTag) };
    const calls: ExecutedCall[] = turn.actions.map((action, n) => {
      const resolved = resolveAction(action, options);
      const observationText = segment.observations[n] ?? "";
      if (resolved.ok) return { name: resolved.call.name, arguments: resolved.call.arguments, observationText };
      // The server ran something interleaf cannot read back: keep it as the trace wrote it.
      return { name: action.tag, arguments: { unparsed: action.body.trim(), problem: resolved.problem }, observationText };
    });
    executed.push({ thought: turn.thought, raw, calls });
  }
  return { executed, rest: "" };
}

/** The segments as text again, results re-wrapped (the rest is parsed like any turn). */
function rejoin(segments: readonly { text: string; observations: string[] }[], resultTag: string): string {
  return segments.map((segment) => segment.text + segment.observations.map((body) => `<${resultTag}>${body}</${resultTag}>`).join("")).join("");
}
