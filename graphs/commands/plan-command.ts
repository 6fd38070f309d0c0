import { resolve } from "node:path";
import { InterleafError, ToolRegistry, openStorage } from "../../src/index.js";
import { MemoryImageStore } from "../../src/images/memory-image-store.js";
import { ingestInputImages } from "../../src/executor/run-input.js";
import { EXIT, UsageError, type CliEnvironment, type CliIo } from "../../src/cli/index.js";
import { MODEL_OPTIONS, runConfigFromOptions } from "../../src/cli/model-options.js";
import { databaseSpec } from "../../src/cli/database-spec.js";
import { COMMON_OPTIONS, parseCommandLine } from "../../src/cli/parse-command-line.js";
import { resolveModel } from "../../src/cli/resolve-model.js";
import { modelPlanner, renderPlan, type PlannerResult } from "../../src/planning/index.js";
import { r1v4PlanningTools } from "./planning-tools.js";

/** Options of `interleaf plan`. */
export const PLAN_OPTIONS = {
  ...COMMON_OPTIONS,
  ...MODEL_OPTIONS,
  mode: { type: "string", default: "deepresearch" },
} as const;

/** The one-line description `interleaf --help` shows. */
export const PLAN_COMMAND_DESCRIPTION = 'plan <image> "<question>" [--model …|--script <turns.json>] [--json]   print a validated plan (R1V4 plan mode)';

/**
 * `interleaf plan <image> "<question>" [--model <provider:model> --base-url <url> | --script
 * <turns.json>] [--mode general|deepresearch] [--json]`: asks a planner (R1V4's plan-mode
 * prompt over the model, e.g. `skywork/r1v4-vl-planner-lite`) for a plan, validates it, and
 * prints it with its dependency graph. The tools offered are those `env.tools` gives a run of
 * that mode, or R1V4's four tools when no environment is passed. Exit 0 with a plan, 1 when the
 * planner gave no valid plan, 2 on bad usage.
 *
 * @example
 * ```ts
 * import { planCommand } from "./plan-command.js";
 * import { processIo } from "../../src/cli/cli-io.js";
 *
 * // process.exitCode = await planCommand(["photo.jpg", "Who built this?", "--script", "plan.json"], processIo());
 * ```
 */
export async function planCommand(argv: string[], io: CliIo, env?: CliEnvironment): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, PLAN_OPTIONS);
  const [image, ...words] = positionals;
  if (!image || words.length === 0) throw new UsageError('plan needs an image and a question: interleaf plan <image> "<question>"');
  const config = runConfigFromOptions(values, io);
  const mode = config.mode;
  const model = await resolveModel(config, io);
  const question = words.join(" ");
  const images = new MemoryImageStore();
  const refs = await ingestInputImages([resolve(io.cwd, image)], images);
  let tools: ToolRegistry;
  if (env) {
    const storage = await openStorage(databaseSpec(values.db, io));
    try {
      tools = new ToolRegistry(await env.tools({ mode, search: values.search, storage, summarizer: model, io }));
    } finally {
      await storage.close();
    }
  } else tools = new ToolRegistry(r1v4PlanningTools());
  let plan: PlannerResult;
  try {
    plan = await modelPlanner(model).plan({ question, images: refs, tools, imageStore: images });
  } catch (error) {
    if (!InterleafError.isInstance(error) || error.code !== "plan_invalid") throw error;
    if (values.json) io.out(`${JSON.stringify({ question, error: { code: error.code, message: error.message, issues: error.details.issues ?? [] } }, null, 2)}\n`);
    else io.err(`interleaf plan: ${error.message}\n`);
    return EXIT.noAnswer;
  }
  if (values.json) {
    const { needs, waves } = plan.dependencies;
    const dependencies = Object.fromEntries(needs.map((deps, i) => [String(i + 1), deps]));
    io.out(`${JSON.stringify({ question, planner: plan.planner, attempts: plan.attempts, thought: plan.thought, steps: plan.steps, dependencies, waves }, null, 2)}\n`);
  } else {
    const header = `Plan for "${question}" (${plan.steps.length} steps, planner ${plan.planner}${plan.attempts > 1 ? `, repaired after ${plan.attempts - 1} invalid attempt(s)` : ""})`;
    io.out(`${header}\n${plan.thought ? `Reasoning: ${plan.thought}\n` : ""}\n${renderPlan(plan.steps)}\n`);
  }
  return EXIT.ok;
}
