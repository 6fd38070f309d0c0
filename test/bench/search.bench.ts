// 8 text_search queries against a local Serper-shaped server that answers each request after
// 200 ms: one tool call running them concurrently vs the same queries one after another.
import { createToolContext } from "../../src/tools/tool-context.js";
import { serperSearch } from "../../src/search/index.js";
import { textSearchTool } from "../../nodes/search/index.js";
import { SERPER_KEY, startFakeSerper } from "../search/fake-apis.js";
import { measurement, median, type Bench } from "./measurement.js";

const LATENCY_MS = 200;
const QUERIES = ["vending machine", "canned coffee", "green tea", "black mug", "desk setup", "nba arena", "skywork r1v4", "google lens"];

const bench: Bench = {
  name: "search",
  async run() {
    const server = await startFakeSerper();
    server.route("/search", (request) => {
      const { q, num } = JSON.parse(request.body) as { q: string; num: number };
      const organic = Array.from({ length: Math.min(num, 5) }, (_, i) => ({ title: `${q} ${i}`, link: `https://example.com/${i}`, snippet: `snippet ${i}` }));
      return { delayMs: LATENCY_MS, json: { organic } };
    });
    try {
      const backend = serperSearch({ apiKey: SERPER_KEY, baseURL: server.url });
      const tool = textSearchTool({ backend, maxConcurrency: 8, cache: false });
      const parallel: number[] = [];
      const sequential: number[] = [];
      for (let round = 0; round < 3; round++) {
        let start = performance.now();
        await tool.execute({ queries: QUERIES }, createToolContext());
        parallel.push(performance.now() - start);
        start = performance.now();
        for (const query of QUERIES) await tool.execute({ queries: [query] }, createToolContext());
        sequential.push(performance.now() - start);
      }
      return {
        parallel_search_wall_ms: measurement(median(parallel), median(sequential), "ms", `8 queries × ${LATENCY_MS} ms latency in one text_search call vs one after another; target ratio ≤ 0.2`),
      };
    } finally {
      await server.close();
    }
  },
};

export default bench;
