import { closeTagPattern, openTagPattern } from "./tag-patterns.js";

/** Which tags a text-protocol turn uses. */
export interface TaggedTurnSyntax {
  thinkTag: string;
  answerTag: string;
  /** Tag of JSON tool calls, or null. */
  toolCallTag: string | null;
  /** Tags that are actions on their own (`text_search`, `code`, `grounding`, ...). */
  actionTags: readonly string[];
  /** Where the model's turn ends for sure: text from this tag on is a made-up result. */
  resultTag: string;
}

/** An action found in a turn: the tag that holds it and its body. */
export interface TaggedAction {
  tag: string;
  body: string;
  /** Whether the closing tag was there (a stop sequence removes the last one). */
  closed: boolean;
}

/** A text-protocol turn split into reasoning, actions and answer, before any tool is looked up. */
export interface TaggedTurn {
  thought: string;
  /** Whether the turn had a reasoning tag (opened or closed). */
  thinkFound: boolean;
  /** The answer, when the turn has an answer tag. */
  answer?: string;
  /** Tool-call and action tags, in order. */
  actions: TaggedAction[];
}

interface Span extends TaggedAction {
  start: number;
  end: number;
}

interface TagMatch {
  tag: string;
  start: number;
  /** Where the match ends: the body of an opening tag starts there. */
  end: number;
}

function firstMatch(pattern: RegExp, text: string, from: number): RegExpExecArray | null {
  pattern.lastIndex = from;
  return pattern.exec(text);
}

/** Every match of a tag's pattern in `text` from `from`, in order. */
function allMatches(pattern: RegExp, tag: string, text: string, from: number): TagMatch[] {
  const out: TagMatch[] = [];
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) out.push({ tag, start: m.index, end: m.index + m[0].length });
  return out;
}

/** A cursor over matches sorted by start that only moves forward: every lookup together costs one pass. */
class ForwardCursor {
  #next = 0;
  constructor(readonly matches: readonly TagMatch[]) {}

  /** The first match starting at or after `position`; positions asked for must not decrease. */
  firstFrom(position: number): TagMatch | undefined {
    while (this.#next < this.matches.length && (this.matches[this.#next] as TagMatch).start < position) this.#next++;
    return this.matches[this.#next];
  }
}

/**
 * Every occurrence of the given tags in `text` from `from`, outermost first. A tag closes at the
 * first closing tag of its name, unless another opening tag of its name comes first; an unclosed
 * tag runs to the next tag or the end. An unclosed tag whose body is blank up to another opening
 * tag of its name is a repeated opening tag (`<answer><answer>x</answer>`): it is skipped.
 *
 * One pass over the text per tag, then one forward walk: linear in the length of the text.
 */
function findSpans(text: string, tags: readonly string[], from: number): Span[] {
  const opensByTag = new Map<string, ForwardCursor>();
  const closesByTag = new Map<string, ForwardCursor>();
  for (const tag of new Set(tags)) {
    opensByTag.set(tag, new ForwardCursor(allMatches(openTagPattern(tag), tag, text, from)));
    closesByTag.set(tag, new ForwardCursor(allMatches(closeTagPattern(tag), tag, text, from)));
  }
  // Opening tags of different names never start at the same place: no tag contains "<".
  const opens = [...opensByTag.values()].flatMap((cursor) => cursor.matches).sort((a, b) => a.start - b.start);
  const anyOpen = new ForwardCursor(opens);
  const spans: Span[] = [];
  let consumed = from;
  for (const open of opens) {
    if (open.start < consumed) continue;
    const bodyStart = open.end;
    const close = (closesByTag.get(open.tag) as ForwardCursor).firstFrom(bodyStart);
    const nextSame = (opensByTag.get(open.tag) as ForwardCursor).firstFrom(bodyStart)?.start ?? text.length;
    const closed = close !== undefined && close.start <= nextSame;
    const nextOpen = anyOpen.firstFrom(bodyStart);
    const bodyEnd = closed ? close.start : (nextOpen?.start ?? text.length);
    const body = text.slice(bodyStart, bodyEnd);
    if (!closed && nextOpen?.tag === open.tag && body.trim() === "") continue;
    const end = closed ? close.end : bodyEnd;
    spans.push({ tag: open.tag, body, closed, start: open.start, end });
    consumed = end;
  }
  return spans;
}

/**
 * Splits a text-protocol turn into its reasoning, its actions and its answer. Never throws:
 * whatever it cannot find is simply absent, and the dialect decides what is malformed.
 *
 * Lenient on purpose: a reasoning tag with no opening tag (chat templates often open it in the
 * prompt), an unclosed last action (a stop sequence removed it), text after a made-up result tag
 * (ignored).
 */
export function parseTaggedTurn(raw: string, syntax: TaggedTurnSyntax): TaggedTurn {
  let text = raw;
  if (syntax.resultTag) {
    const madeUp = firstMatch(openTagPattern(syntax.resultTag), text, 0);
    if (madeUp) text = text.slice(0, madeUp.index);
  }
  const actionTags = [...(syntax.toolCallTag ? [syntax.toolCallTag] : []), ...syntax.actionTags];
  const thinkOpen = firstMatch(openTagPattern(syntax.thinkTag), text, 0);
  const thinkClose = firstMatch(closeTagPattern(syntax.thinkTag), text, thinkOpen ? thinkOpen.index + thinkOpen[0].length : 0);
  let thought = "";
  let rest = 0;
  if (thinkClose) {
    const bodyStart = thinkOpen ? thinkOpen.index + thinkOpen[0].length : 0;
    thought = text.slice(bodyStart, thinkClose.index);
    rest = thinkClose.index + thinkClose[0].length;
  } else if (thinkOpen) {
    const bodyStart = thinkOpen.index + thinkOpen[0].length;
    const firstAction = findSpans(text, [...actionTags, syntax.answerTag], bodyStart)[0];
    rest = firstAction ? firstAction.start : text.length;
    thought = text.slice(bodyStart, rest);
  }
  const spans = findSpans(text, [...actionTags, syntax.answerTag], rest);
  const answerSpan = spans.find((span) => span.tag === syntax.answerTag);
  const turn: TaggedTurn = {
    thought: thought.trim(),
    thinkFound: thinkOpen !== null || thinkClose !== null,
    actions: spans.filter((span) => span.tag !== syntax.answerTag).map(({ tag, body, closed }) => ({ tag, body, closed })),
  };
  if (answerSpan) turn.answer = answerSpan.body.trim();
  return turn;
}
