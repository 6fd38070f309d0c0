import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createGraphAgent, openStorage, r1v4Dialect } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";
import { answer, call, describeTool } from "./helpers.js";

// Needs PostgreSQL on 127.0.0.1:5432 (database test, user postgres); .ci/run starts it. Never skipped.
const BASE = "postgres://postgres@127.0.0.1:5432/test";
const schema = `il_agent_${randomBytes(4).toString("hex")}`;
const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));

afterAll(async () => {
  const client = new pg.Client({ connectionString: BASE });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

describe("an agent on Postgres", () => {
  it("checkpoints every transition in Postgres and reads the thread back from a new connection", async () => {
    const url = `${BASE}?schema=${schema}`;
    const script = [call("describe", { note: "pg" }), answer("stored")];
    const first = await openStorage(url);
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(script), dialect: r1v4Dialect(), tools: [describeTool()], storage: first });
    const result = await agent.run({ question: "How big?", images: [photo] }, { threadId: "pg-thread" });
    await first.close();
    expect(result.answer).toBe("stored");

    const second = await openStorage(url);
    const reader = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([]), dialect: r1v4Dialect(), storage: second });
    const state = await reader.state("pg-thread");
    expect(state?.steps.map((s) => s.kind)).toEqual(["tool_calls", "answer"]);
    expect(state?.steps[0]?.calls[0]?.observation.text).toBe("original image is 576×1024 (pg)");
    const image = await second.images.get(state?.images[0]?.id ?? "");
    expect(image.bytes.byteLength).toBeGreaterThan(90_000);
    const history = await reader.history("pg-thread");
    expect(history.length).toBeGreaterThanOrEqual(6);
    const forked = await reader.with({ model: scriptedModel([script[0] as string, answer("forked")]) }).fork("pg-thread", { checkpointId: history.find((h) => h.steps === 1)?.checkpointId });
    expect((await reader.with({ model: scriptedModel([script[0] as string, answer("forked")]) }).resume(forked)).answer).toBe("forked");
    await second.close();
  });
});
