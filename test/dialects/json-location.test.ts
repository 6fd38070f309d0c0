import { describe, expect, it } from "vitest";
import { parseJsonLocated } from "../../src/dialects/json-location.js";
import { stripCodeFence } from "../../src/dialects/json-location.js";

/** The regular expression stripCodeFence used before (quadratic on long blank runs), as the reference. */
function referenceStrip(source: string): string {
  return /^\s*```[a-zA-Z0-9_+-]*[^\S\n]*\n?([\s\S]*?)\n?[^\S\n]*```\s*$/.exec(source)?.[1] ?? source;
}

const pieces = ["```", "`", "json", "py+3", " ", "\t", "\n", "\r", "\u00a0", "{", "}", "x", "-"];

describe("stripCodeFence", () => {
  it("agrees with the former regular expression on every string of up to 5 pieces", () => {
    let frontier = [""];
    let checked = 0;
    const mismatches: string[] = [];
    for (let length = 1; length <= 5; length++) {
      const next: string[] = [];
      for (const prefix of frontier) for (const piece of pieces) next.push(prefix + piece);
      for (const source of next) if (stripCodeFence(source) !== referenceStrip(source)) mismatches.push(source);
      checked += next.length;
      frontier = next;
    }
    expect(checked).toBeGreaterThan(400_000);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it("strips a fence with a language and keeps a bare block", () => {
    expect(stripCodeFence('```json\n{"a": 1}\n```')).toBe('{"a": 1}');
    expect(stripCodeFence("print(1)")).toBe("print(1)");
  });

  it("handles a long blank run inside a fence in linear time", () => {
    const started = performance.now();
    expect(stripCodeFence(`\`\`\`\n${" ".repeat(1_000_000)}x`)).toBe(`\`\`\`\n${" ".repeat(1_000_000)}x`);
    expect(parseJsonLocated(`\`\`\`json\n${" \t".repeat(500_000)}{}\n\`\`\``)).toEqual({ ok: true, value: {} });
    // The former regular expression took about 10 s for 40,000 blanks.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
