// Plan-and-execute: a plan of independent search steps runs as one parallel wave (LangGraph
// Send); the baseline is the same steps chained (each names the previous one), which must run
// one after the other. Tool latency is scripted (setTimeout), so the ratio shows the scheduling.
import { z } from "zod";
import { createGraphAgent, defineTool, r1v4Dialect, type PlanStep } from "../../src/index.js";
import { scriptedModel } from "../../src/testing/scripted-model.js";
import { planAndExecuteGraph } from "../../graphs/plan-and-execute/index.js";
import { median, measurement, type Bench } from "./measurement.js";

const LATENCY_MS = 60;
const STEPS = 4;

const search = defineTool({
  name: "text_search",
  description: "Scripted search with a fixed latency.",
  input: z.object({ queries: z.array(z.string()) }),
  async execute({ queries }) {
    await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
    return { text: `results for ${queries.join(", ")}` };
  },
});

function plan(chained: boolean): PlanStep[] {
  const steps: PlanStep[] = Array.from({ length: STEPS }, (_, i) => ({
    description: chained && i > 0 ? `Search topic ${i + 1} after Step ${i}.` : `Search topic ${i + 1}.`,
    tool_name: "text_search",
    parameters: { queries: [`topic ${i + 1}`] },
  }));
  return [...steps, { description: "Answer.", tool_name: "none", parameters: {} }];
}

async function runOnce(chained: boolean): Promise<number> {
  const model = scriptedModel((request) => {
    const system = request.messages[0]?.content[0];
    const planning = system?.type === "text" && system.text.startsWith("You are a planning and tool-orchestration assistant");
    return planning ? `<plan>${JSON.stringify(plan(chained))}</plan>` : "<answer>done</answer>";
  });
  const agent = createGraphAgent({ graph: planAndExecuteGraph(), model, dialect: r1v4Dialect(), tools: [search] });
  const started = performance.now();
  const result = await agent.run({ question: "bench" });
  if (result.answer !== "done") throw new Error(`bench run did not answer: ${result.stop?.message}`);
  return performance.now() - started;
}

const bench: Bench = {
  name: "planning",
  async run() {
    await runOnce(false);
    const parallel: number[] = [];
    const chained: number[] = [];
    for (let i = 0; i < 5; i++) {
      parallel.push(await runOnce(false));
      chained.push(await runOnce(true));
    }
    const p = median(parallel);
    const c = median(chained);
    return {
      plan_parallel_wall_ms: measurement(p, c, "ms", `${STEPS} independent ${LATENCY_MS} ms steps vs the same steps chained; ideal ratio ${(1 / STEPS).toFixed(2)}`),
      plan_step_overhead_ms: measurement((p - LATENCY_MS) / (STEPS + 1), LATENCY_MS, "ms", "orchestration time per step (planner, checkpoints, verify) vs one tool latency"),
    };
  },
};

export default bench;
