import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToolContext } from "interleaf/testing";
import { openStorage } from "interleaf";
import { serperSearch } from "../../src/search/index.js";
import { textSearchTool } from "../../nodes/search/index.js";
import { SERPER_KEY, startFakeSerper } from "./fake-apis.js";
import type { ScriptedServer } from "./scripted-server.js";

describe("search results cached in the checkpoint database (SQLite)", () => {
  let serper: ScriptedServer;
  let dir: string;
  beforeAll(async () => {
    serper = await startFakeSerper();
    dir = await mkdtemp(join(tmpdir(), "interleaf-search-cache-"));
  });
  afterAll(async () => {
    await serper.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("a resumed process answers the same query from the database, without a request, and the key is nowhere in the file", async () => {
    const path = join(dir, "runs.sqlite");
    const tool = () => textSearchTool({ backend: serperSearch({ apiKey: SERPER_KEY, baseURL: serper.url }) });
    const before = serper.received.length;

    const first = await openStorage(`sqlite:${path}`);
    const out1 = await tool().execute({ queries: ["durable query", "second query"] }, createToolContext({ cache: first.cache, images: first.images }));
    await first.close();
    expect(serper.received.length - before).toBe(2);

    const resumed = await openStorage(`sqlite:${path}`);
    const out2 = await tool().execute({ queries: ["second query", "durable query"] }, createToolContext({ cache: resumed.cache, images: resumed.images }));
    await resumed.close();
    expect(serper.received.length - before).toBe(2);
    expect(out2.text).toContain('"title":"durable query — result 1"');
    expect(out1.text).toContain('"title":"second query — result 1"');

    const bytes = await readFile(path).then((b) => b.toString("latin1"));
    const wal = await readFile(`${path}-wal`).then((b) => b.toString("latin1"), () => "");
    expect(bytes + wal).toContain("durable query");
    expect(bytes + wal).not.toContain(SERPER_KEY);
  });
});
