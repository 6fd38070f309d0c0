import { describe, expect, it } from "vitest";
import { ToolRegistry, nativeDialect, r1v4Dialect } from "interleaf";

const said = (text: string) => ({ text, toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } });

describe("nested answer tags", () => {
  it.each([
    ["r1v4", r1v4Dialect()],
    ["native", nativeDialect()],
  ] as const)("%s reads <answer><answer>x</answer></answer> as x", (_name, dialect) => {
    const turn = dialect.parseTurn(said("<think>t</think><answer><answer>x</answer></answer>"), new ToolRegistry());
    expect(turn).toEqual({ kind: "answer", thought: "t", answer: "x" });
  });
});
