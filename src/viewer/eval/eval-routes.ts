import { EvalRunTable } from "../../eval/runs/eval-run-table.js";
import type { Storage } from "../../storage/storage.js";
import type { ViewRoute } from "../view-route.js";
import { loadEvalRunView } from "./eval-run-view.js";
import { EVAL_ASSETS, renderEvalBody } from "./render-eval.js";

/**
 * `/eval/<run>` of `interleaf view --serve`: the run's page, its items linking to `/thread/<id>`,
 * live while the eval runs (the page reloads when a thread's record changes).
 */
export function evalRoutes(storage: Storage): ViewRoute[] {
  return [
    {
      name: "eval",
      params: 1,
      async render([runId]) {
        const view = await loadEvalRunView(storage, runId as string);
        return view && { title: `interleaf · eval ${view.report.runId}`, body: renderEvalBody(view, (id) => `/thread/${encodeURIComponent(id)}`, { live: true }), extra: EVAL_ASSETS };
      },
      // The thread records alone (no report): checked every poll while a page is open.
      async version([runId]) {
        const table = new EvalRunTable(storage.cache);
        if (!(await table.config(runId as string))) return "missing";
        return JSON.stringify((await table.threads(runId as string)).map((r) => [r.threadId, r.status, r.updatedAt, r.scores, r.judge?.verdict ?? null]));
      },
    },
  ];
}
