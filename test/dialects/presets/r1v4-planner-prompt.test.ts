import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ToolRegistry } from "interleaf";
import { r1v4PlannerPrompt } from "interleaf/planning";
import { code, imageSearch, textSearch, webVisit, zoom } from "../agent-fixtures.js";

describe("R1V4 planner prompt (Table 3)", () => {
  it("is Table 3 of the report, restored only where the PDF lost spaces and wrapped lines", async () => {
    const table3 = await readFile(new URL("../../fixtures/golden/r1v4-table3.txt", import.meta.url), "utf8");
    expect(r1v4PlannerPrompt(new ToolRegistry([imageSearch, textSearch, webVisit, zoom, code]))).toBe(table3);
  });

  it("allows exactly Table 3's tool names, whatever else the executor has, and never asks for <plan> tags", () => {
    const prompt = r1v4PlannerPrompt(new ToolRegistry([imageSearch, textSearch, webVisit, zoom, code]));
    expect(prompt).toContain('Allowed tool names (exact match required): "image_search", "text_search", "web_visit", "none".');
    expect(prompt).not.toMatch(/\bzoom\b|"code"|<plan>/);
  });

  it("offers no tool the executor lacks", () => {
    const prompt = r1v4PlannerPrompt(new ToolRegistry([textSearch]));
    expect(prompt).not.toMatch(/image_search|web_visit/);
    expect(prompt).toContain('"tool_name": One of "text_search" or "none"');
    expect(prompt).toContain('Allowed tool names (exact match required): "text_search", "none".');
  });
});
