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

function escape(tag: string): string {
  return tag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function openPattern(tag: string): RegExp {
  return new RegExp(`<${escape(tag)}(?:\\s[^<>]*)?>`, "gi");
}

function closePattern(tag: string): RegExp {
  return new RegExp(`</${escape(tag)}\\s*>`, "gi");
}

function firstMatch(pattern: RegExp, text: string, from: number): RegExpExecArray | null {
  pattern.lastIndex = from;
  return pattern.exec(text);
}

/** Every occurrence of the given tags in `text` from `from`, outermost first; a missing close runs to the next tag or the end. */
function findSpans(text: string, tags: readonly string[], from: number): Span[] {
  const opens: { tag: string; start: number; bodyStart: number }[] = [];
  for (const tag of tags) {
    const pattern = openPattern(tag);
    pattern.lastIndex = from;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) opens.push({ tag, start: m.index, bodyStart: m.index + m[0].length });
  }
  opens.sort((a, b) => a.start - b.start);
  const spans: Span[] = [];
  let consumed = from;
  opens.forEach((open, i) => {
    if (open.start < consumed) return;
    const close = firstMatch(closePattern(open.tag), text, open.bodyStart);
    const later = opens.slice(i + 1).filter((other) => other.start >= open.bodyStart);
    const nextSame = later.find((other) => other.tag === open.tag)?.start ?? text.length;
    const closed = close !== null && close.index <= nextSame;
    const bodyEnd = closed ? close.index : (later[0]?.start ?? text.length);
    const end = closed ? close.index + close[0].length : bodyEnd;
    spans.push({ tag: open.tag, body: text.slice(open.bodyStart, bodyEnd), closed, start: open.start, end });
    consumed = end;
  });
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
    const madeUp = firstMatch(openPattern(syntax.resultTag), text, 0);
    if (madeUp) text = text.slice(0, madeUp.index);
  }
  const actionTags = [...(syntax.toolCallTag ? [syntax.toolCallTag] : []), ...syntax.actionTags];
  const thinkOpen = firstMatch(openPattern(syntax.thinkTag), text, 0);
  const thinkClose = firstMatch(closePattern(syntax.thinkTag), text, thinkOpen ? thinkOpen.index + thinkOpen[0].length : 0);
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
