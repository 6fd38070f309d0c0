// `interleaf view --eval`: rendering the page of a 2,000-thread V* run (Table 2, bars, histograms,
// counts and the item table) from its records. The baseline, in the same process, is the text
// report of the same records (`buildReport` then `formatReport(…, "md")`, i.e. `interleaf eval
// report`): the ratio is what the page costs on top of the report it shows.
import { buildReport } from "../../src/eval/report/eval-report.js";
import { formatReport } from "../../src/eval/report/format-report.js";
import { EvalRunConfigSchema, EvalThreadRecordSchema } from "../../src/eval/runs/eval-run-record.js";
import { evalRunView } from "../../src/viewer/eval/eval-run-view.js";
import { renderEvalFile } from "../../src/viewer/eval/render-eval.js";
import { median, measurement, type Bench } from "./measurement.js";

const THREADS = 2000;

function records() {
  const config = EvalRunConfigSchema.parse({
    runId: "bench",
    createdAt: 0,
    dataset: { layout: "vstar-folder", path: "/data/vstar", benchmark: "vstar", checksum: "0" },
    agent: { model: "openai:bench", dialect: "r1v4" },
    samples: 1,
    seed: 0,
    generation: {},
    scorers: ["bench.exact"],
    version: "bench",
  });
  const threads = Array.from({ length: THREADS }, (_, i) =>
    EvalThreadRecordSchema.parse({
      threadId: `eval-bench-${i}-s0`,
      itemId: String(i),
      sample: 0,
      status: i % 50 === 0 ? "failed" : i % 17 === 0 ? "stopped" : "answered",
      item: { question: `What colour is object ${i} <b>on</b> the left?`, gold: "A", category: i % 3 === 0 ? "relative_position" : "direct_attributes" },
      answer: i % 17 === 0 ? null : `(${"ABCD"[i % 4]}) colour ${i}`,
      raw: `<answer>${"ABCD"[i % 4]}</answer>`,
      scores: { "bench.exact": { score: i % 4 === 0 ? 1 : 0, extracted: "ABCD"[i % 4] } },
      usage: { inputTokens: 1000 + i, outputTokens: 100 },
      turns: 1 + (i % 6),
      toolCalls: i % 6,
      latencyMs: 2000,
      startedAt: i,
      updatedAt: i + 2000,
    }),
  );
  return { config, threads };
}

const bench: Bench = {
  name: "eval_view",
  async run() {
    const { config, threads } = records();
    const page = () => renderEvalFile(evalRunView(config, threads), (id) => `items/${id}.html`);
    const text = () => formatReport(buildReport(config, threads), "md");
    const time = (f: () => unknown) => {
      const started = performance.now();
      f();
      return performance.now() - started;
    };
    page();
    text();
    const pages: number[] = [];
    const texts: number[] = [];
    for (let i = 0; i < 7; i++) {
      pages.push(time(page));
      texts.push(time(text));
    }
    const ms = median(pages);
    return {
      eval_view_render_ms: measurement(ms, median(texts), "ms", `${THREADS} threads of a V* run, one ${Math.round(page().length / 1024)} KB page (item pages not included); baseline: the same run's markdown report (${Math.round(ms)} ms)`),
    };
  },
};

export default bench;
