import { describe, expect, it } from "vitest";
import { InterleafError, isAbortError } from "../errors/index.js";
import { ingestImage } from "../images/ingest.js";
import { MemoryImageStore } from "../images/memory-image-store.js";
import type { Planner, PlannerInput, PlannerResult } from "../planning/planner.js";
import type { AnyTool } from "../tools/tool.js";
import { ToolRegistry } from "../tools/tool-registry.js";

/** Options for {@link plannerConformance}. */
export interface PlannerConformanceOptions {
  /** The tools the executor has (the plan may name only these, or `none`). */
  tools: readonly AnyTool[];
  /** The question planned for (default: "What is in the image, and where was it made?"). */
  question?: string;
  /** Encoded images given with the question. */
  images?: readonly Uint8Array[];
  /**
   * A planner that gets only invalid output (e.g. over a model that never writes a plan): it must
   * throw `plan_invalid` with the issues in `details.issues`. Omit for planners that cannot be fed
   * invalid output.
   */
  invalid?: () => Planner | Promise<Planner>;
  /** Timeout of each case in ms (default 60 000). */
  timeoutMs?: number;
}

/**
 * The conformance suite every {@link Planner} must pass (vitest): version `v1` and a name; a
 * plan whose steps name only the executor's tools (or `none`), with dependencies that cover every
 * step once, token usage and attempts, and the planner's name; JSON-serialisable results;
 * `plan_invalid` with issues when the output stays invalid; a cancelled signal is honoured.
 *
 * @example
 * ```ts
 * import { modelPlanner } from "interleaf";
 * import { plannerConformance } from "interleaf/conformance";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const plan = '<plan>[{"description": "Answer from the image", "tool_name": "none", "parameters": {}}]</plan>';
 * plannerConformance("modelPlanner", () => modelPlanner(scriptedModel(() => plan)), { tools: [] });
 * ```
 */
export function plannerConformance(name: string, factory: () => Planner | Promise<Planner>, options: PlannerConformanceOptions): void {
  const timeout = options.timeoutMs ?? 60_000;
  const input = async (): Promise<PlannerInput> => {
    const imageStore = new MemoryImageStore();
    const images = [];
    for (const bytes of options.images ?? []) images.push(await ingestImage(imageStore, bytes));
    return { question: options.question ?? "What is in the image, and where was it made?", images, tools: new ToolRegistry([...options.tools]), imageStore };
  };

  describe(`${name}: Planner conformance`, () => {
    it("declares specification version v1 and a name", async () => {
      const planner = await factory();
      expect(planner.specificationVersion).toBe("v1");
      expect(typeof planner.name).toBe("string");
      expect(planner.name.length).toBeGreaterThan(0);
    });

    it("plans with the executor's tools, dependencies covering every step once, usage and its name", { timeout }, async () => {
      const planner = await factory();
      const result = await planner.plan(await input());
      checkPlan(result, new Set([...options.tools.map((t) => t.name), "none"]));
      expect(result.planner).toBe(planner.name);
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    });

    if (options.invalid) {
      const invalid = options.invalid;
      it("throws plan_invalid with the issues when its output stays invalid", { timeout }, async () => {
        const error = await (await invalid()).plan(await input()).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(InterleafError.isInstance(error), "an invalid plan must reject with an InterleafError").toBe(true);
        expect((error as InterleafError).code).toBe("plan_invalid");
        const issues = InterleafError.isInstance(error, "plan_invalid") ? error.details.issues : undefined;
        expect(Array.isArray(issues)).toBe(true);
        expect(issues?.length).toBeGreaterThan(0);
      });
    }

    it("rejects when its signal is already cancelled", { timeout }, async () => {
      const planner = await factory();
      const controller = new AbortController();
      controller.abort();
      const error = await planner.plan({ ...(await input()), signal: controller.signal }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAbortError(error) || (InterleafError.isInstance(error) && error.code === "aborted"), `expected an abort, got ${String(error)}`).toBe(true);
    });
  });
}

function checkPlan(result: PlannerResult, tools: ReadonlySet<string>): void {
  expect(result.steps.length).toBeGreaterThan(0);
  for (const step of result.steps) {
    expect(step.description.trim().length).toBeGreaterThan(0);
    expect(tools.has(step.tool_name), `step "${step.description}" names ${step.tool_name}, which the executor does not have`).toBe(true);
  }
  expect(result.dependencies.needs).toHaveLength(result.steps.length);
  const waved = result.dependencies.waves.flat().sort((a, b) => a - b);
  expect(waved).toEqual(result.steps.map((_, i) => i + 1));
  expect(Number.isInteger(result.attempts) && result.attempts >= 0, "attempts: the model calls made, an integer").toBe(true);
  expect(result.usage.inputTokens).toBeGreaterThanOrEqual(0);
  expect(result.usage.outputTokens).toBeGreaterThanOrEqual(0);
  expect(typeof result.thought).toBe("string");
  expect(typeof result.raw).toBe("string");
}
