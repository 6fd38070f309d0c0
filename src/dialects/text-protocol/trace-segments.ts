import { closeTagPattern, escapeTag, openTagPattern } from "./tag-patterns.js";

/** One assistant turn of a trace, with the result texts that followed it. */
export interface TraceSegment {
  text: string;
  observations: string[];
}

/**
 * The first match of a pattern at or after a position, for positions that never decrease: a
 * match (or the absence of one) found for an earlier position is reused while it is still ahead,
 * so all lookups together scan the text once.
 */
function forwardSearch(text: string, pattern: RegExp): (from: number) => RegExpExecArray | null {
  let found: RegExpExecArray | null | undefined;
  return (from) => {
    if (found === undefined || (found !== null && found.index < from)) {
      pattern.lastIndex = from;
      found = pattern.exec(text);
    }
    return found;
  };
}

/** Whether a text holds an opening result tag (`<observation>`), i.e. may be a trace with results. */
export function holdsResultTag(text: string, resultTag: string): boolean {
  if (resultTag === "") return false;
  const pattern = openTagPattern(resultTag);
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/**
 * Splits a trace (turns with their results in one string, as a server-side loop returns it) into
 * assistant turns, each with the results that followed it. A result closes at its closing tag or,
 * when that is missing, at the next reasoning tag. Linear in the trace's length.
 */
export function traceSegments(trace: string, resultTag: string, thinkTag: string): TraceSegment[] {
  const resultOpen = openTagPattern(resultTag);
  const closeFrom = forwardSearch(trace, closeTagPattern(resultTag));
  const thinkFrom = forwardSearch(trace, new RegExp(`<${escapeTag(thinkTag)}>`, "g"));
  const out: TraceSegment[] = [{ text: "", observations: [] }];
  let cursor = 0;
  for (;;) {
    resultOpen.lastIndex = cursor;
    const open = resultOpen.exec(trace);
    const current = out[out.length - 1] as TraceSegment;
    const between = trace.slice(cursor, open ? open.index : trace.length);
    if (between.trim() !== "" && current.observations.length > 0) out.push({ text: between, observations: [] });
    else current.text += between;
    if (!open) break;
    const bodyStart = open.index + open[0].length;
    const close = closeFrom(bodyStart);
    const nextThink = thinkFrom(bodyStart)?.index ?? -1;
    const closed = close !== null && (nextThink < 0 || close.index < nextThink);
    const bodyEnd = closed ? close.index : nextThink < 0 ? trace.length : nextThink;
    (out[out.length - 1] as TraceSegment).observations.push(trace.slice(bodyStart, bodyEnd).trim());
    cursor = closed ? close.index + close[0].length : bodyEnd;
  }
  return out.filter((segment) => segment.text.trim() !== "" || segment.observations.length > 0);
}
