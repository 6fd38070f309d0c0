/**
 * Model turns an attacker (or a looping model) might write, each built to a given size in
 * characters, and a normal turn of the same size to compare them with.
 */
export const hostileTurns: Record<string, (chars: number) => string> = {
  /** One tool call repeated until the size is reached. */
  repeatedCalls: (chars) => fill("<think>x</think>", '<tool_call>{"name": "zoom", "arguments": {"bbox_2d": [1, 2, 3, 4]}}</tool_call>', chars),
  /** Opening tool-call tags that are never closed. */
  nestedCalls: (chars) => fill("<think>x</think>", "<tool_call>", chars),
  /** Opening tags of every kind inside a reasoning tag that is never closed. */
  unclosedThink: (chars) => fill("<think>", "<code><text_search><answer>", chars),
  /** Closing tags with no opening ones. */
  strayCloses: (chars) => fill("<think>x</think>", "</tool_call></answer></think>", chars),
  /** Tool calls whose closing tags all come at the end. */
  closesAtEnd: (chars) => {
    const pairs = Math.floor((chars - 16) / "<tool_call></tool_call>".length);
    return `<think>x</think>${"<tool_call>".repeat(pairs)}${"</tool_call>".repeat(pairs)}`;
  },
  /** A code tag with a fence around a long run of blank space. */
  fencedBlanks: (chars) => `<think>x</think><code>\`\`\`python\n${" ".repeat(Math.max(0, chars - 40))}x</code>`,
  /** A tool call whose JSON is a long run of blank space before a fence. */
  jsonBlanks: (chars) => `<think>x</think><tool_call>\`\`\`json\n${" \t".repeat(Math.max(0, Math.floor((chars - 50) / 2)))}{}</tool_call>`,
  /** Answer tags nested in each other. */
  nestedAnswers: (chars) => fill("<think>x</think>", "<answer>", chars),
  /** A trace of calls each followed by its result: every pair becomes a server-executed step. */
  serverTrace: (chars) => fill("", '<think>x</think><tool_call>{"name": "zoom", "arguments": {"bbox_2d": [1, 2, 3, 4]}}</tool_call><observation>r</observation>', chars),
  /** Result tags opened after a call and never closed. */
  unclosedResults: (chars) => fill('<think>x</think><tool_call>{"name": "zoom", "arguments": {"bbox_2d": [1, 2, 3, 4]}}</tool_call>', "<observation>", chars),
};

/** A turn of ordinary prose reasoning and one tool call, of the given size. */
export function normalTurn(chars: number): string {
  const call = '<tool_call>{"name": "zoom", "arguments": {"bbox_2d": [10, 20, 110, 220]}}</tool_call>';
  const sentence = "The sign in the upper left corner is too small to read, so I will zoom in on it. ";
  return `<think>${fill("", sentence, chars - call.length - 15)}</think>${call}`;
}

function fill(head: string, unit: string, chars: number): string {
  return head + unit.repeat(Math.max(0, Math.floor((chars - head.length) / unit.length)));
}
