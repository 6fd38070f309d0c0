import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Command } from "@commander-js/extra-typings";
import { InterleafError } from "../../src/errors/index.js";
import { MemoryImageStore } from "../../src/images/memory-image-store.js";
import { ingestInputImages } from "../../src/executor/run-input.js";
import { modelPlanner, renderPlan, type PlannerResult } from "../../src/planning/index.js";
import { ToolRegistry } from "../../src/tools/tool-registry.js";
import type { AnyTool } from "../../src/tools/tool.js";
import type { ModelBackend } from "../../src/models/model-backend.js";
import { cliIndexDir } from "../cli-storage.js";
import type { CliIo } from "../cli-io.js";
import type { CommandContext } from "../command-context.js";
import { EXIT } from "../exit-codes.js";
import { apiKeyEnvOption, baseUrlOption, dbOption, dialectOption, extraBodyOption, jsonOption, modelOption, modeOption, scriptOption, searchOption } from "../options.js";
import { progressLine } from "../output/progress-line.js";
import { r1v4PlanningTools } from "../planning-tools.js";
import { runConfigFromOptions } from "../run-config-from-options.js";
import { isHostedR1V4Spec, modelFromSpec, toolsFromSpec, type AgentSpec } from "../../graphs/agent-spec/index.js";
import { hostedR1V4Planner } from "../../src/models/skywork/hosted-r1v4-planner.js";

/**
 * `interleaf plan <image> <question...>`: asks a planner (R1V4's plan-mode prompt over the model,
 * e.g. `skywork/r1v4-vl-planner-lite`) for a plan, validates it, and prints it with its
 * dependency graph. The planner is offered the tools a run of that mode would have; in
 * deepresearch mode without a search backend, R1V4's four tools as descriptions (nothing runs).
 * Exit 0 with a plan, 1 when the planner gave no valid plan.
 */
export function planCommand(context: CommandContext) {
  return new Command("plan")
    .description("print a validated plan for an image and a question (R1V4 plan mode)")
    .argument("<image>", "the image file")
    .argument("<question...>", "the question")
    .addOption(modelOption())
    .addOption(baseUrlOption())
    .addOption(apiKeyEnvOption())
    .addOption(extraBodyOption())
    .addOption(scriptOption())
    .addOption(dialectOption())
    .addOption(modeOption("deepresearch"))
    .addOption(searchOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (image, words, options) => {
      const { io } = context;
      const config = runConfigFromOptions(options, io);
      const model = await modelFromSpec({ ...config, plan: true }, io);
      const question = words.join(" ");
      const images = new MemoryImageStore();
      const refs = await ingestInputImages([resolve(io.cwd, image)], images);
      const tools = new ToolRegistry(await plannerTools(config, model, cliIndexDir(options.db, io)));
      const progress = progressLine(io);
      progress.show("waiting for the planner");
      let plan: PlannerResult;
      try {
        plan = await (isHostedR1V4Spec(config) ? hostedR1V4Planner({ backend: model }) : modelPlanner(model)).plan({ question, images: refs, tools, imageStore: images });
      } catch (error) {
        if (!InterleafError.isInstance(error) || error.code !== "plan_invalid") throw error;
        progress.clear();
        if (options.json) io.out(`${JSON.stringify({ question, error: { code: error.code, message: error.message, issues: error.details.issues ?? [] } }, null, 2)}\n`);
        io.err(`interleaf plan: ${error.message}\n`);
        context.exit(EXIT.noAnswer);
        return;
      } finally {
        progress.clear();
      }
      printPlan(plan, question, io, options.json);
      context.exit(EXIT.ok);
    });
}

/** The tools a run of the mode would have, or R1V4's descriptions when there is no search backend. */
async function plannerTools(config: AgentSpec, model: ModelBackend, indexDir: string): Promise<AnyTool[]> {
  if (config.mode === "deepresearch" && !config.search && !existsSync(indexDir)) return r1v4PlanningTools();
  return toolsFromSpec(config, model, indexDir);
}

function printPlan(plan: PlannerResult, question: string, io: CliIo, json: boolean): void {
  if (json) {
    const { needs, waves } = plan.dependencies;
    const dependencies = Object.fromEntries(needs.map((deps, i) => [String(i + 1), deps]));
    io.out(`${JSON.stringify({ question, planner: plan.planner, attempts: plan.attempts, thought: plan.thought, steps: plan.steps, dependencies, waves }, null, 2)}\n`);
    return;
  }
  const header = `Plan for "${question}" (${plan.steps.length} steps, planner ${plan.planner}${plan.attempts > 1 ? `, repaired after ${plan.attempts - 1} invalid attempt(s)` : ""})`;
  io.out(`${header}\n${plan.thought ? `Reasoning: ${plan.thought}\n` : ""}\n${renderPlan(plan.steps)}\n`);
}
