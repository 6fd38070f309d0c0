import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { END, START, StateGraph } from "@langchain/langgraph";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { AgentState, createGraphAgent, openStorage, r1v4Dialect } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";
import { answer } from "./helpers.js";

// A failed run says what failed: the model backend, the storage, or a bug.
describe("the code of a failed run", () => {
  it("is model_failed when the model backend throws, with the backend's words", async () => {
    const model = scriptedModel([new Error("socket hang up")]);
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), storage: "memory" });
    const result = await agent.run({ question: "?" });
    expect(result.status).toBe("failed");
    expect(result.error).toMatchObject({ code: "model_failed", message: expect.stringContaining("socket hang up") });
  });

  it("is internal_error, not model_failed, when a node has a bug", async () => {
    const graph = new StateGraph(AgentState)
      .addNode("broken", (state) => {
        const missing = (state as unknown as { notAField?: { steps: unknown[] } }).notAField;
        return { question: String(missing!.steps.length) };
      })
      .addEdge(START, "broken")
      .addEdge("broken", END);
    const agent = createGraphAgent({ graph, model: scriptedModel([answer("never asked")]), dialect: r1v4Dialect(), storage: "memory" });
    const result = await agent.run({ question: "?" });
    expect(result.status).toBe("failed");
    expect(result.error?.code).toBe("internal_error");
    expect(result.error?.message).toMatch(/unexpected error.*Cannot read properties of undefined/);
  });

  it("is storage_failed when the database refuses a checkpoint", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "interleaf-failing-db-")), "runs.db");
    const storage = await openStorage(path);
    const model = scriptedModel(() => answer("42"));
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), storage });
    expect((await agent.run({ question: "first" })).status).toBe("answered");
    // From now on the database refuses new checkpoints, as a full disk would.
    const db = new Database(path);
    db.exec("CREATE TRIGGER refuse BEFORE INSERT ON checkpoints BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;");
    db.close();
    const result = await agent.run({ question: "second" });
    await storage.close();
    expect(result.status).toBe("failed");
    expect(result.error?.code).toBe("storage_failed");
    expect(result.error?.message).toMatch(/storage failed writing a checkpoint: database or disk is full/);
  });
});
