import { renderCompareBody } from "./render-compare.js";
import { renderThreadBody } from "./render-thread.js";
import type { ThreadView } from "./thread-view.js";
import type { ViewRoute } from "./view-route.js";

/** What changes when a run moves on: a live thread page reloads when this does. */
function threadVersion(view: ThreadView | undefined): string {
  return view ? JSON.stringify([view.steps.length, view.pending, view.answer, view.stop?.reason ?? null, view.plan?.versions ?? 0]) : "missing";
}

/** `/thread/<id>` (live while the run goes on) and `/compare/<a>/<b>`, over a thread loader. */
export function threadRoutes(loadThread: (threadId: string) => Promise<ThreadView | undefined>): ViewRoute[] {
  return [
    {
      name: "thread",
      params: 1,
      async render([id], urls) {
        const view = await loadThread(id as string);
        return view && { title: `interleaf · ${view.question.slice(0, 60)}`, body: await renderThreadBody(view, urls, { live: true }) };
      },
      version: async ([id]) => threadVersion(await loadThread(id as string)),
    },
    {
      name: "compare",
      params: 2,
      async render([a, b], urls) {
        const [left, right] = await Promise.all([loadThread(a as string), loadThread(b as string)]);
        return left && right && { title: "interleaf · compare", body: await renderCompareBody(left, right, urls) };
      },
      version: async ([a, b]) => JSON.stringify([threadVersion(await loadThread(a as string)), threadVersion(await loadThread(b as string))]),
    },
  ];
}
