import { describe, expect, it } from "vitest";
import { InterleafError, ToolRegistry } from "interleaf";
import { MemoryImageStore } from "interleaf/storage";
import { ingestImage } from "interleaf/images";
import { scriptedModel } from "interleaf/testing";
import { readFile } from "node:fs/promises";
import { modelPlanner, parsePlanText, renderPlan, validatePlan } from "../../src/planning/index.js";
import { checkDependencies, planDependencies } from "../../src/planning/plan-dependencies.js";
import { placeholdersIn } from "../../src/planning/placeholders.js";
import { PAPER_PLAN, WEB, photo, searchWeb } from "./helpers.js";

const tools = new ToolRegistry(searchWeb(WEB));

describe("the plan model", () => {
  it("accepts the paper's plan shape and maps planner parameters to the executor's lists", () => {
    const result = validatePlan(PAPER_PLAN, { tools });
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.steps.map((s) => s.tool_name)).toEqual(["image_search", "text_search", "text_search", "web_visit", "none"]);
    expect(result.steps[0]?.parameters).toEqual({ image_paths: ["original image"] });
    expect(result.steps[1]?.parameters).toEqual({ queries: ["[Landmark identified in Step 1] height"] });
    expect(result.steps[3]?.parameters).toEqual({ urls: ["[URL of the facts page from Step 2]"] });
    expect(result.dependencies.needs).toEqual([[], [1], [1], [2], [2, 3, 4]]);
    expect(result.dependencies.waves).toEqual([[1], [2, 3], [4], [5]]);
    expect(renderPlan(result.steps)).toContain("Order (steps in brackets can run at the same time): 1 → [2, 3] → 4 → 5");
  });

  it("reads every shape real planners produce", () => {
    const json = JSON.stringify(PAPER_PLAN);
    const stringParams = JSON.stringify(PAPER_PLAN.map((s) => ({ ...s, parameters: JSON.stringify(s.parameters) })));
    const variants = [
      json,
      `<think>The image shows a tower; I will identify it first.</think>\n<plan>${json}</plan>`,
      "Here is the plan:\n```json\n" + json + "\n```\nGood luck.",
      `<think>x</think><plan>${stringParams}</plan>`,
      `{"steps": ${json}}`,
      json.replace(/}\]$/, "},]"),
      json.replaceAll('"web_visit"', '"web_content"').replaceAll('"tool_name"', '"tool"'),
    ];
    for (const text of variants) {
      const result = parsePlanText(text, { tools });
      expect(result.success, text.slice(0, 60)).toBe(true);
      if (result.success) expect(result.steps[3]).toMatchObject({ tool_name: "web_visit", parameters: { urls: ["[URL of the facts page from Step 2]"] } });
    }
    const thought = parsePlanText(variants[1] ?? "", { tools });
    expect(thought.thought).toBe("The image shows a tower; I will identify it first.");
  });

  it("reports malformed plans step by step", () => {
    const bad = (steps: unknown) => {
      const result = validatePlan(steps, { tools });
      expect(result.success).toBe(false);
      return result.success ? [] : result.issues;
    };
    expect(bad({ nothing: 1 })[0]?.message).toMatch(/JSON array/);
    expect(bad([])[0]?.message).toMatch(/no steps/);
    expect(bad([{ description: "x", tool_name: "crop_everything", parameters: {} }])[0]).toMatchObject({ step: 1, path: "tool_name" });
    expect(bad([{ description: "x", tool_name: "text_search", parameters: "{not json" }])[0]).toMatchObject({ step: 1, path: "parameters" });
    expect(bad([{ tool_name: "none", parameters: {} }])[0]).toMatchObject({ step: 1, path: "description" });
    const schema = bad([{ description: "x", tool_name: "text_search", parameters: { queries: [] } }]);
    expect(schema[0]).toMatchObject({ step: 1, path: "parameters.queries" });
    expect(parsePlanText("I cannot plan this.", { tools })).toMatchObject({ success: false });
  });

  it("rejects placeholders naming a missing or later step, and cycles, naming the step", () => {
    const step = (description: string, query: string) => ({ description, tool_name: "text_search", parameters: { query } });
    const missing = validatePlan([step("a", "x"), step("b", "[Thing from Step 7]")], { tools });
    expect(missing.success ? [] : missing.issues).toEqual([{ step: 2, message: expect.stringMatching(/cites Step 7, but the plan has 2 steps/) }]);
    const later = validatePlan([step("a", "[Thing from Step 2]"), step("b", "x")], { tools });
    expect(later.success ? [] : later.issues).toEqual([{ step: 1, message: expect.stringMatching(/cites Step 2, which comes later/) }]);
    const cycle = checkDependencies([step("a", "[X from Step 3]"), step("b", "[Y from Step 1]"), step("c", "[Z from Step 2]")]);
    expect(cycle).toEqual([{ step: 1, message: expect.stringContaining("Step 1 → Step 3 → Step 2 → Step 1") }]);
    const self = checkDependencies([step("a", "x"), step("uses [its own result from Step 2]", "y")]);
    expect(self[0]).toMatchObject({ step: 2, message: expect.stringMatching(/cites itself/) });
  });

  it("parses placeholders with several steps and ranges", () => {
    expect(placeholdersIn("compare [prices from Steps 1 and 3] with [items in Steps 4-6] and [nothing]")).toEqual([
      { text: "[prices from Steps 1 and 3]", steps: [1, 3] },
      { text: "[items in Steps 4-6]", steps: [4, 5, 6] },
    ]);
    expect(planDependencies([{ description: "a", tool_name: "none", parameters: {} }, { description: "b", tool_name: "none", parameters: {} }]).needs).toEqual([[], [1]]);
  });

  it("gives an invalid plan one repair round with the errors, then fails clearly", async () => {
    const images = new MemoryImageStore();
    const ref = await ingestImage(images, new Uint8Array(await readFile(photo)));
    const fixed = `<plan>${JSON.stringify(PAPER_PLAN)}</plan>`;
    const model = scriptedModel(['<plan>[{"description": "find it", "tool_name": "text_search", "parameters": {"query": "[X from Step 2]"}}]</plan>', fixed]);
    const plan = await modelPlanner(model).plan({ question: "How tall is this tower?", images: [ref], tools, imageStore: images });
    expect(plan.attempts).toBe(2);
    expect(plan.steps).toHaveLength(5);
    const first = model.calls[0]?.request.messages;
    expect(first?.[0]?.content[0]).toMatchObject({ type: "text", text: expect.stringContaining("text_search") });
    expect(first?.[1]?.content[0]).toMatchObject({ type: "image" });
    const repair = model.calls[1]?.request.messages.at(-1);
    expect(repair?.content[0]).toMatchObject({ type: "text", text: expect.stringContaining("Step 1: cites Step 2") });

    const stubborn = scriptedModel(["no plan", "still no plan"]);
    const failure = await modelPlanner(stubborn).plan({ question: "?", images: [], tools, imageStore: images }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(failure) && failure.code).toBe("plan_invalid");
    expect((failure as InterleafError).message).toMatch(/after 2 attempts/);
    expect((failure as InterleafError<"plan_invalid">).details.issues).toEqual([{ message: expect.stringMatching(/not valid JSON|no plan/) }]);
    expect(stubborn.calls).toHaveLength(2);
  });
});
