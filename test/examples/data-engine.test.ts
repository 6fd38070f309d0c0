import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("docs/data-engine.md", () => {
  it("shows the code this test runs, and the code works", async () => {
    const doc = readFileSync(new URL("../../docs/data-engine.md", import.meta.url), "utf8");
    const own = readFileSync(new URL(import.meta.url), "utf8");
    const block = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1])[0];
    expect(/\/\/ doc:begin\n([\s\S]*?)\/\/ doc:end/.exec(own)?.[1]).toBe(block);
    const { report, result } = await example();
    expect(report.kept).toBe(1);
    expect(result.lines).toBe(1);
    expect(readFileSync(result.dataFile, "utf8")).toContain("<answer>3</answer>");
  });
});

async function example() {
  // doc:begin
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { createGraphAgent, openStorage, r1v4Dialect, ToolRegistry } = await import("interleaf");
  const { exportDataset, formatFilter, repetitionFilter, runFilters, toolErrorFilter, trajectoryRecord } = await import("interleaf/data");
  const { interleavedGraph } = await import("interleaf/graphs");
  const { visualTools } = await import("interleaf/nodes");
  const { scriptedModel } = await import("interleaf/testing");

  const storage = await openStorage("memory");
  const tools = visualTools();
  const photo = new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url).pathname;
  const runs = [
    ["good", ['<think>Zoom on the table.</think>\n<tool_call>{"name": "zoom", "arguments": {"bbox_2d": [100, 300, 400, 700]}}</tool_call>', "<think>Three bottles.</think>\n<answer>3</answer>"]],
    ["no-answer", ['<think>Zoom.</think>\n<tool_call>{"name": "zoom", "arguments": {"bbox_2d": [100, 300, 400, 700]}}</tool_call>']],
  ] as const;
  const records = [];
  for (const [threadId, turns] of runs) {
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([...turns]), dialect: r1v4Dialect(), tools, storage });
    await agent.run({ question: "How many bottles?", images: [photo] }, { threadId });
    records.push(trajectoryRecord(threadId, (await agent.state(threadId))!, { gold: "3" }));
  }

  // Cheap rule filters first; add answerFilter, finalConsistencyFilter, stepConsistencyFilter with a judge.
  const report = await runFilters(records, [formatFilter(), toolErrorFilter(), repetitionFilter()], storage);
  const kept = records.filter((record) => report.trajectories.find((t) => t.threadId === record.threadId)?.passed);
  const result = await exportDataset(kept, {
    format: "ms-swift",
    outDir: mkdtempSync(join(tmpdir(), "sft-")),
    dialect: r1v4Dialect(),
    tools: new ToolRegistry(tools),
    images: storage.images,
    filterReport: report,
  });
  console.log(`${report.kept} of ${report.total} kept; ${result.lines} line(s) in ${result.dataFile}`);
  // doc:end
  return { report, result };
}
