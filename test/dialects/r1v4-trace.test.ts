import { describe, expect, it } from "vitest";
import { parseR1V4Trace } from "../../src/dialects/r1v4-trace.js";

// A deep-research trace in the shape the hosted Skywork API returns (bare tags, JSON observations).
const TRACE = `<think>
The photo shows a man holding a trophy on a stage. I should find out who he is with a reverse image search.
</think>
<image_search>/eval/demo_2.jpg</image_search>
<observation>[{"title": "Faker lifts the Summoner's Cup", "source": "https://img.example/faker.jpg", "link": "https://news.example/faker-worlds"}]</observation>

<think>
The matches say this is Faker. Now check whether he won the 2025 World Championship.
</think>
<text_search>Faker 2025 League of Legends World Championship final result</text_search>
<observation>[{"title": "T1 win Worlds 2025", "url": "https://esports.example/worlds-2025", "snippet": "T1 defeated KT Rolster 3-2 in the final..."}]</observation>
<think>Let me read the report to be sure.</think>
<tool_call>{"name": "web_content", "arguments": {"url": "https://esports.example/worlds-2025"}}</tool_call>
<observation>{"result": "T1, with Faker in the mid lane, won the 2025 World Championship final 3-2.", "type": "web"}</observation>
<think>
Verified with the article.
</think>
<code>
\`\`\`python
print(2025 - 2013)
\`\`\`
</code>
<observation>{"result": "12", "type": "code"}</observation>
<think>He won in 2025, twelve years after his debut.</think>
<answer>
Yes. Faker (T1) won the 2025 World Championship.
</answer>`;

describe("parseR1V4Trace", () => {
  it("splits a whole hosted trace into steps with their observations", () => {
    const trace = parseR1V4Trace(TRACE);
    expect(trace.complete).toBe(true);
    expect(trace.answer).toBe("Yes. Faker (T1) won the 2025 World Championship.");
    expect(trace.steps.map((s) => s.kind)).toEqual(["tool_calls", "tool_calls", "tool_calls", "tool_calls", "answer"]);
    expect(trace.steps.map((s) => s.calls.map((c) => [c.name, c.arguments]))).toEqual([
      [["image_search", { image_paths: ["/eval/demo_2.jpg"] }]],
      [["text_search", { queries: ["Faker 2025 League of Legends World Championship final result"] }]],
      [["web_visit", { urls: ["https://esports.example/worlds-2025"] }]],
      [["code", { code: "print(2025 - 2013)" }]],
      [],
    ]);
    expect(trace.steps[0]?.thought).toMatch(/^The photo shows a man holding a trophy/);
    expect(trace.steps[0]?.calls[0]?.observationText).toContain("Faker lifts the Summoner's Cup");
    expect(trace.steps[3]?.calls[0]?.observationText).toBe('{"result": "12", "type": "code"}');
    expect(trace.steps[1]?.raw.startsWith("<think>")).toBe(true);
    expect(trace.steps[4]?.thought).toBe("He won in 2025, twelve years after his debut.");
  });

  it("says so when the final answer is missing, keeping the steps so far", () => {
    const cut = TRACE.slice(0, TRACE.indexOf("<think>He won"));
    const trace = parseR1V4Trace(cut);
    expect(trace.complete).toBe(false);
    expect(trace.answer).toBeUndefined();
    expect(trace.problem).toMatch(/ends without an <answer>/);
    expect(trace.steps).toHaveLength(4);
  });

  it("tolerates compact whitespace, an unclosed observation and a broken call", () => {
    const trace = parseR1V4Trace(
      '<think>a</think><tool_call>{"name": "text_search", "arguments": {"queries": "x"}}</tool_call><observation>r1<think>b</think><tool_call>{"name": oops}</tool_call><observation>r2</observation><think>c</think><answer>done</answer>',
    );
    expect(trace.steps.map((s) => s.kind)).toEqual(["tool_calls", "malformed", "answer"]);
    expect(trace.steps[0]?.calls).toEqual([{ name: "text_search", arguments: { queries: "x" }, observationText: "r1" }]);
    expect(trace.steps[1]?.problem).toMatch(/does not hold valid JSON/);
    expect(trace.answer).toBe("done");
  });

  it("reports an empty trace", () => {
    expect(parseR1V4Trace("   ")).toEqual({ steps: [], complete: false, problem: "the trace is empty: no turns were found" });
  });
});
