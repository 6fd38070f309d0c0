import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ToolRegistry } from "interleaf";
import { thymeDialect } from "../../../src/dialects/presets/thyme-dialect.js";
import { code, said } from "../agent-fixtures.js";

describe("Thyme's own published case (its README's licence-plate example)", async () => {
  const { turns } = JSON.parse(await readFile(new URL("../../fixtures/golden/thyme-readme-case.json", import.meta.url), "utf8")) as { turns: [string, string] };
  const dialect = thymeDialect();
  const tools = new ToolRegistry([code]);

  it("reads the code round inside the open <think>, as the loop runs it", () => {
    const turn = dialect.parseTurn(said(turns[0]), tools);
    expect(turn.kind).toBe("tool_calls");
    if (turn.kind !== "tool_calls") return;
    expect(turn.thought).toMatch(/^To determine the plate number of the blue car/);
    const { code: source } = turn.calls[0]?.arguments as { code: string };
    expect(source.startsWith("import cv2\nimport os")).toBe(true);
    expect(source.endsWith("print(processed_path)")).toBe(true);
  });

  it("reads the continuation after the sandbox output as the answer, with no <think> of its own", () => {
    const turn = dialect.parseTurn(said(turns[1]), tools);
    expect(turn).toEqual({
      kind: "answer",
      thought: 'Upon examining the cropped and zoomed-in image of the license plate, it becomes clear that the characters are "S QT 911". This matches option C. Therefore, the correct answer is C. S QT 911.',
      answer: "**C. S QT 911**",
    });
  });
});
