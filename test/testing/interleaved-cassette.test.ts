import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cassetteModeFromEnv, expectAnswer, expectToolCalled, expectToolOrder, withCassette } from "interleaf/testing";
import { CASSETTE, CASSETTES, PHOTO, QUESTION, recordedAgent, startModelServer } from "./recorded-run.js";

// INTERLEAF_CASSETTE=record npx vitest run test/testing/interleaved-cassette.test.ts records it again
// (against the local model server below); by default, and in CI, the committed cassette is replayed.
const mode = cassetteModeFromEnv();

describe(`a full interleaved run on a real photo (cassette ${CASSETTE}, ${mode})`, () => {
  it("crops, zooms, searches and answers, with every model and tool call served by the cassette", async () => {
    const server = mode === "replay" ? undefined : await startModelServer();
    try {
      const { result, unused } = await withCassette(
        CASSETTE,
        async (cassette) => {
          const agent = recordedAgent(cassette, server ? { baseURL: server.baseURL } : {});
          const result = await agent.run({ question: QUESTION, images: [PHOTO] }, { threadId: "photo" });
          return { result, unused: cassette.unused() };
        },
        { dir: CASSETTES, mode },
      );
      expect(result.status).toBe("answered");
      expectAnswer(result, /red/i);
      expectAnswer(result, (answer) => /hot/.test(answer));
      expectToolOrder(result, ["crop", "zoom", "text_search"]);
      expectToolCalled(result, "crop", { bbox_2d: [1120, 1080, 1320, 1260] });
      const [crop, zoom, search] = result.steps.flatMap((s) => s.calls);
      expect(crop?.observation.images[0]).toMatchObject({ width: 200, height: 180, op: { name: "crop" } });
      expect(zoom?.observation.images[0]?.parent).toBe(crop?.observation.images[0]?.id);
      expect(zoom?.observation.images[0]).toMatchObject({ width: 448, height: 582 });
      expect(search?.observation.text).toMatch(/red label a hot one/);
      expect(result.counters).toMatchObject({ toolCalls: 3, modelTurns: 4 });
      if (mode === "replay") expect(unused).toEqual([]);
      else expect(server?.requests).toHaveLength(4);
    } finally {
      await server?.close();
    }
  });

  it("keeps the recording readable: a header, one call per line, images as files by sha256", () => {
    const lines = readFileSync(`${CASSETTES}/${CASSETTE}/cassette.jsonl`, "utf8").trim().split("\n");
    expect(JSON.parse(lines[0] as string)).toEqual({ kind: "cassette", version: 1 });
    const entries = lines.slice(1).map((line) => JSON.parse(line) as { kind: string; key: string; output?: { images: { id: string }[] } });
    expect(entries.map((e) => e.kind)).toEqual(["model", "tool", "model", "tool", "model", "tool", "model"]);
    for (const line of lines.slice(1)) expect(line.startsWith('{"kind":')).toBe(true);
    for (const id of entries.flatMap((e) => e.output?.images ?? []).map((i) => i.id)) {
      expect(readFileSync(`${CASSETTES}/${CASSETTE}/images/${id}.jpg`).length).toBeGreaterThan(1000);
    }
    expect(lines.join("\n")).not.toContain("base64");
  });
});
