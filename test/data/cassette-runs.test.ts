import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createGraphAgent, InterleafError, openStorage, r1v4Dialect, ToolRegistry } from "interleaf";
import { exportDataset, formatFilter, repetitionFilter, runFilters, toolErrorFilter, trajectoryRecord } from "interleaf/data";
import { interleavedGraph } from "interleaf/graphs";
import { visualTools } from "interleaf/nodes";
import { scriptedModel, withCassette } from "interleaf/testing";
import { answer, photo, zoom } from "./data-fixtures.js";

// A run recorded once on a cassette, replayed into a fresh database, filtered and exported: the data
// engine gives the same dataset from the replay as from the recording.
async function runAndExport(mode: "record" | "replay", cassettes: string) {
  const storage = await openStorage("memory");
  const tools = visualTools();
  const threadId = "recorded";
  await withCassette("data-engine-run", async (cassette) => {
    const live = mode === "record" ? scriptedModel([zoom([100, 300, 400, 700]), answer("3", "The crop shows three bottles.")]) : scriptedModel(() => new InterleafError("model_failed", "no live model in replay"));
    const agent = createGraphAgent({ graph: interleavedGraph(), model: cassette.model(live), dialect: r1v4Dialect(), tools, storage });
    await agent.run({ question: "How many bottles?", images: [photo] }, { threadId });
  }, { dir: cassettes, mode });
  const record = trajectoryRecord(threadId, (await createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([]), dialect: r1v4Dialect(), storage }).state(threadId))!, { gold: "3" });
  const report = await runFilters([record], [formatFilter(), toolErrorFilter(), repetitionFilter()], storage);
  const outDir = mkdtempSync(join(tmpdir(), "interleaf-cassette-export-"));
  await exportDataset([record], { format: "sharegpt", outDir, dialect: r1v4Dialect(), tools: new ToolRegistry(tools), images: storage.images, filterReport: report });
  return { kept: report.kept, data: readFileSync(join(outDir, "data.jsonl"), "utf8") };
}

describe("the data engine on recorded runs", () => {
  it("exports the same dataset from a cassette replay as from the recording", async () => {
    const cassettes = mkdtempSync(join(tmpdir(), "interleaf-cassettes-"));
    const recorded = await runAndExport("record", cassettes);
    const replayed = await runAndExport("replay", cassettes);
    expect(recorded.kept).toBe(1);
    expect(replayed).toEqual(recorded);
    expect(recorded.data).toContain("The crop shows three bottles.");
  });
});
