// serverGraph() in this process, as LangGraph's server calls it: the factory with a run's config and
// context, then the graph's invoke. (test/ecosystem/langgraph-server.child-process.test.ts runs it on the real server.)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InterleafError } from "interleaf";
import { serverGraph } from "interleaf/server";
import { root } from "../package/built-package.js";

const dir = mkdtempSync(join(tmpdir(), "interleaf-server-graph-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const photo = readFileSync(join(root, "test/fixtures/images/r1v4_demo_5.jpg"));
const photos = join(dir, "photos");
mkdirSync(photos);
writeFileSync(join(photos, "photo.jpg"), photo);
symlinkSync(join(root, "package.json"), join(photos, "escape.jpg"));
writeFileSync(join(dir, "turns.json"), JSON.stringify(["<think>Five.</think><answer>5</answer>"]));

const factory = serverGraph({ spec: { script: "turns.json", baseUrl: "http://127.0.0.1:9/v1" }, cwd: dir, storage: join(dir, "threads.db"), imageRoot: photos });
type Invokable = { invoke(input: unknown, options: unknown): Promise<{ answer: string | null; images: { id: string }[]; steps: unknown[] }> };
const invoke = async (threadId: string, input: unknown, context: unknown = {}) => {
  const graph = (await factory({ configurable: { thread_id: threadId } }, { executionRuntime: { context } })) as unknown as Invokable;
  return graph.invoke(input, { configurable: { thread_id: threadId }, context });
};
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe("serverGraph", () => {
  it("runs from JSON alone: a data URL image and a path under imageRoot are stored, the answer and steps checkpointed", async () => {
    const dataUrl = `data:image/jpeg;base64,${photo.toString("base64")}`;
    const result = await invoke("t1", { question: "How many?", images: [dataUrl, "photo.jpg"] });
    expect(result.answer).toBe("5");
    expect(result.steps).toHaveLength(1);
    expect(result.images.map((image) => image.id)).toEqual([result.images[0]?.id, result.images[0]?.id]);
  });

  it("refuses a path outside imageRoot (a symbolic link out of it included), and any path without imageRoot", async () => {
    for (const path of ["../turns.json", "escape.jpg", "/etc/passwd"]) {
      const error = await failure(invoke(`t-${path}`, { question: "?", images: [path] }));
      expect(InterleafError.isInstance(error), path).toBe(true);
      expect(String((error as Error).message), path).toMatch(/outside the server's image folder|no image file/);
    }
    const noRoot = serverGraph({ spec: { script: "turns.json" }, cwd: dir, storage: join(dir, "threads.db") });
    const graph = (await noRoot({ configurable: { thread_id: "t-noroot" } })) as unknown as Invokable;
    const error = await failure(graph.invoke({ question: "?", images: ["photo.jpg"] }, { configurable: { thread_id: "t-noroot" } }));
    expect((error as Error).message).toContain("reads no image files by path");
  });

  it("fetches image URLs through the SSRF guard: a loopback URL is blocked unless the operator allows it", async () => {
    const error = await failure(invoke("t-url", { question: "?", images: ["http://127.0.0.1:9/photo.jpg"] }));
    expect(InterleafError.isInstance(error, "fetch_blocked")).toBe(true);
  });

  it("lets a client choose the dialect but not a base URL the operator did not list, nor where the key comes from", async () => {
    const refused = await failure(invoke("t-url2", { question: "?" }, { model: "openai-compatible:m@http://10.0.0.1:8000/v1" }));
    expect(InterleafError.isInstance(refused, "config_invalid")).toBe(true);
    expect((refused as Error).message).toContain("is not one this server allows");
    // apiKeyEnv and script are not client settings: ignored, the operator's script still plays.
    const result = await invoke("t-ctx", { question: "?" }, { dialect: "r1v4", apiKeyEnv: "HOME", script: "/etc/passwd" });
    expect(result.answer).toBe("5");
    const unknownDialect = await failure(invoke("t-dialect", { question: "?" }, { dialect: "klingon" }));
    expect((unknownDialect as Error).message).toContain('unknown dialect "klingon"');
  });
});
