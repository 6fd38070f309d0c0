import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createGraphAgent, openStorage, r1v4Dialect } from "interleaf";
import { MemoryImageStore } from "interleaf/storage";
import { interleavedGraph } from "interleaf/graphs";
import { expectSameTrajectory, openCassette, scriptedModel, withCassette } from "interleaf/testing";
import { PHOTO, QUESTION, lazyCorpusSearch, realTools, recordedAgent, startModelServer } from "./recorded-run.js";

describe("record once against real services, replay forever", () => {
  it("records a live run to a folder, replays it with the services gone, and re-records the same bytes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-cassettes-"));
    const server = await startModelServer();
    const run = (mode: "record" | "replay", baseURL = "http://127.0.0.1:9/v1", search = lazyCorpusSearch()) =>
      withCassette("live", async (cassette) => recordedAgent(cassette, { baseURL, tools: realTools(search) }).run({ question: QUESTION, images: [PHOTO] }), { dir, mode });
    const recorded = await run("record", server.baseURL);
    const first = readFileSync(join(dir, "live", "cassette.jsonl"));
    expect(server.requests).toHaveLength(4);
    expect(readdirSync(join(dir, "live", "images")).sort()).toEqual(recorded.steps.flatMap((s) => s.calls.flatMap((c) => c.observation.images.map((i) => `${i.id}.jpg`))).sort());

    await run("record", server.baseURL);
    expect(readFileSync(join(dir, "live", "cassette.jsonl")).equals(first)).toBe(true);
    await server.close();

    const search = lazyCorpusSearch();
    const replayed = await run("replay", undefined, search);
    expect(search.opened).toBe(false);
    expectSameTrajectory(recorded, replayed);
    expect(replayed.counters).toEqual(recorded.counters);
  });

  it("re-ingests recorded images into an empty store on replay", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-cassettes-"));
    const server = await startModelServer();
    await withCassette("images", async (cassette) => recordedAgent(cassette, { baseURL: server.baseURL }).run({ question: QUESTION, images: [PHOTO] }), { dir, mode: "record" });
    await server.close();
    const images = new MemoryImageStore();
    const cassette = await openCassette(join(dir, "images"), { mode: "replay" });
    const agent = createGraphAgent({ graph: interleavedGraph(), dialect: r1v4Dialect(), model: cassette.model(scriptedModel([])), tools: cassette.tools(realTools()), storage: { ...(await openStorage("memory")), images } });
    const result = await agent.run({ question: QUESTION, images: [PHOTO] });
    const produced = result.steps.flatMap((s) => s.calls.flatMap((c) => c.observation.images));
    expect(produced).toHaveLength(2);
    for (const ref of produced) expect(await images.has(ref.id)).toBe(true);
  });

  it("auto replays what exists and records the rest; off neither reads nor writes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-cassettes-"));
    const live = scriptedModel((request) => `<think>.</think><answer>${JSON.stringify(request.messages.at(-1)?.content[0])}</answer>`, { modelId: "echo" });
    const ask = (question: string, mode: "auto" | "off") =>
      withCassette("auto", async (cassette) => createGraphAgent({ graph: interleavedGraph(), dialect: r1v4Dialect(), model: cassette.model(live) }).run({ question }), { dir, mode });
    await ask("one", "auto");
    expect(live.calls).toHaveLength(1);
    await ask("one", "auto");
    expect(live.calls).toHaveLength(1);
    await ask("two", "auto");
    expect(live.calls).toHaveLength(2);
    const lines = readFileSync(join(dir, "auto", "cassette.jsonl"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(3);
    await ask("three", "off");
    expect(live.calls).toHaveLength(3);
    expect(readFileSync(join(dir, "auto", "cassette.jsonl"), "utf8").trim().split("\n")).toEqual(lines);
  });
});
