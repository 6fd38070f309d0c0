import { describe, expect, it } from "vitest";
import { parseTaggedTurn, type TaggedAction, type TaggedTurnSyntax } from "../../src/dialects/text-protocol/tagged-turn.js";

const syntax: TaggedTurnSyntax = { thinkTag: "think", answerTag: "answer", toolCallTag: "tool_call", actionTags: ["code", "text_search"], resultTag: "observation" };

// The parser as it was before it was made linear (one regex search per opening tag and a scan of
// every later tag), kept as the reference its replacement must agree with. The one change since:
// a blank unclosed tag right before another of its name is a repeated opening tag and is skipped.
interface Span extends TaggedAction {
  start: number;
  end: number;
}
const escape = (tag: string) => tag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const openPattern = (tag: string) => new RegExp(`<${escape(tag)}(?:\\s[^<>]*)?>`, "gi");
const closePattern = (tag: string) => new RegExp(`</${escape(tag)}\\s*>`, "gi");
function firstMatch(pattern: RegExp, text: string, from: number): RegExpExecArray | null {
  pattern.lastIndex = from;
  return pattern.exec(text);
}
function referenceSpans(text: string, tags: readonly string[], from: number): Span[] {
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
    if (!closed && later[0]?.tag === open.tag && text.slice(open.bodyStart, bodyEnd).trim() === "") return; // the one change
    const end = closed ? close.index + close[0].length : bodyEnd;
    spans.push({ tag: open.tag, body: text.slice(open.bodyStart, bodyEnd), closed, start: open.start, end });
    consumed = end;
  });
  return spans;
}
function referenceParse(raw: string) {
  let text = raw;
  const madeUp = firstMatch(openPattern(syntax.resultTag), text, 0);
  if (madeUp) text = text.slice(0, madeUp.index);
  const tags = ["tool_call", ...syntax.actionTags, syntax.answerTag];
  const thinkOpen = firstMatch(openPattern("think"), text, 0);
  const thinkClose = firstMatch(closePattern("think"), text, thinkOpen ? thinkOpen.index + thinkOpen[0].length : 0);
  let thought = "";
  let rest = 0;
  if (thinkClose) {
    thought = text.slice(thinkOpen ? thinkOpen.index + thinkOpen[0].length : 0, thinkClose.index);
    rest = thinkClose.index + thinkClose[0].length;
  } else if (thinkOpen) {
    const bodyStart = thinkOpen.index + thinkOpen[0].length;
    rest = referenceSpans(text, tags, bodyStart)[0]?.start ?? text.length;
    thought = text.slice(bodyStart, rest);
  }
  const spans = referenceSpans(text, tags, rest);
  const answer = spans.find((span) => span.tag === "answer");
  return {
    thought: thought.trim(),
    thinkFound: thinkOpen !== null || thinkClose !== null,
    actions: spans.filter((span) => span.tag !== "answer").map(({ tag, body, closed }) => ({ tag, body, closed })),
    ...(answer ? { answer: answer.body.trim() } : {}),
  };
}

/** A small seeded generator (mulberry32), so a failing turn can be reproduced from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = [
  "<think>", "</think>", "<answer>", "</answer>", "<tool_call>", "</tool_call>", "<code>", "</code>", "<text_search>", "</text_search>",
  "<observation>", "<TOOL_CALL>", "</Answer >", "<code lang=py>", "<code\n>", "<answerx>", "</tool_call", "<", ">", " ", "\n", "x", "{}", "zoom",
];

function randomTurn(next: () => number): string {
  const length = Math.floor(next() * 14);
  let out = "";
  for (let i = 0; i < length; i++) out += pieces[Math.floor(next() * pieces.length)];
  return out;
}

describe("parseTaggedTurn", () => {
  it("agrees with the reference parser on 20,000 random small turns", () => {
    const mismatches: string[] = [];
    for (let seed = 1; seed <= 20_000; seed++) {
      const turn = randomTurn(random(seed));
      if (JSON.stringify(parseTaggedTurn(turn, syntax)) !== JSON.stringify(referenceParse(turn))) mismatches.push(turn);
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it("reads nested answer tags as one answer", () => {
    expect(parseTaggedTurn("<think>t</think><answer><answer>x</answer></answer>", syntax).answer).toBe("x");
    expect(parseTaggedTurn("<think>t</think><answer>\n <answer> x </answer>", syntax).answer).toBe("x");
  });

  it("reads a repeated opening tool-call tag as one call", () => {
    expect(parseTaggedTurn('<think>t</think><tool_call>\n<tool_call>{"name": "zoom"}</tool_call>', syntax).actions).toEqual([
      { tag: "tool_call", body: '{"name": "zoom"}', closed: true },
    ]);
  });

  it("keeps an unclosed tag with a body before another of its name", () => {
    expect(parseTaggedTurn("<think>t</think><code>a<code>b</code>", syntax).actions).toEqual([
      { tag: "code", body: "a", closed: false },
      { tag: "code", body: "b", closed: true },
    ]);
  });
});
