import { describe, expect, it } from "vitest";
import { InterleafError, createGraphAgent, r1v4Dialect, type AgentContext, type Planner } from "interleaf";
import { MemoryImageStore, MemoryResultCache } from "interleaf/storage";
import { chainPageFetchers, modelSummarizer, refusingImageHost } from "interleaf/search";
import { createLocalSandbox } from "interleaf/sandbox";
import { modelPlanner } from "interleaf/planning";
import { plannerFor } from "../../nodes/planning/plan-node.js";
import { openMemoryStorage } from "../../src/storage/open-memory-storage.js";
import { codeTool, imageSearchTool, textSearchTool, webVisitTool } from "interleaf/nodes";
import { interleavedGraph, plannerGraph } from "interleaf/graphs";
import { scriptedImageSearch, scriptedModel, scriptedPageFetcher, scriptedSearch } from "interleaf/testing";

// Every place interleaf receives a user's implementation of an extension point checks its
// specificationVersion: another version is refused at once with `config_invalid`, naming the
// interface and the version found, instead of failing later on a missing method.

/** The same implementation, claiming another contract version (methods kept). */
function asVersion<T extends object>(implementation: T, version: unknown): T {
  return Object.assign(Object.create(Object.getPrototypeOf(implementation) as object) as T, implementation, { specificationVersion: version });
}

function refusal(run: () => unknown): InterleafError {
  try {
    run();
  } catch (error) {
    if (InterleafError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a config_invalid refusal, nothing was thrown");
}

/** `version` is what the implementation declares; null when it declares none. */
function expectRefused(run: () => unknown, extensionPoint: string, version: string | number | null = "v2"): void {
  const error = refusal(run);
  expect(error.code).toBe("config_invalid");
  expect(error.details).toEqual({ extensionPoint, specificationVersion: version, supported: ["v1"] });
  expect(error.message).toContain(`the ${extensionPoint}`);
  expect(error.message).toContain(version === null ? "has no specificationVersion" : `declares specificationVersion ${JSON.stringify(version)}`);
  expect(error.message).toContain('supports "v1" only');
}

const model = scriptedModel(["<think>.</think><answer>ok</answer>"]);
const memoryStorage = () => openMemoryStorage();

describe("createGraphAgent checks the contract version of what it is given", () => {
  it("refuses a v2 model backend, naming it", () => {
    expectRefused(() => createGraphAgent({ graph: interleavedGraph(), model: asVersion(model, "v2"), dialect: r1v4Dialect(), storage: "memory" }), "ModelBackend");
    expect(refusal(() => createGraphAgent({ graph: interleavedGraph(), model: asVersion(model, "v2"), dialect: r1v4Dialect(), storage: "memory" })).message).toContain('"scripted/script"');
  });

  it("refuses a dialect, an image store and a result cache of another version, or with none", () => {
    expectRefused(() => createGraphAgent({ graph: interleavedGraph(), model, dialect: asVersion(r1v4Dialect(), "v2"), storage: "memory" }), "Dialect");
    expectRefused(() => createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), storage: { ...memoryStorage(), images: asVersion(new MemoryImageStore(), "v2") } }), "ImageStore");
    expectRefused(() => createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), storage: { ...memoryStorage(), cache: asVersion(new MemoryResultCache(), undefined) } }), "ResultCache", null);
  });

  it("checks again when a model is swapped with agent.with", async () => {
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), storage: "memory" });
    expectRefused(() => agent.with({ model: asVersion(model, 2) }), "ModelBackend", 2);
    const result = await agent.run({ question: "ok?" });
    expect(result.answer).toBe("ok");
    await agent.close();
  });

  it("says what it expected when given no object at all", () => {
    const error = refusal(() => createGraphAgent({ graph: interleavedGraph(), model: undefined as never, dialect: r1v4Dialect(), storage: "memory" }));
    expect(error.code).toBe("config_invalid");
    expect(error.message).toBe("expected a ModelBackend, got undefined");
  });
});

describe("tools, planners and fetchers check the implementations they are given", () => {
  it("refuses search backends, fetchers, summarizers, image hosts and sandboxes of another version", () => {
    expectRefused(() => textSearchTool({ backend: asVersion(scriptedSearch({}), "v2") }), "SearchBackend");
    expectRefused(() => imageSearchTool({ backend: asVersion(scriptedImageSearch({}), "v2") }), "ImageSearchBackend");
    expectRefused(() => imageSearchTool({ backend: scriptedImageSearch({}), host: asVersion(refusingImageHost(), "v2") }), "ImageHost");
    expectRefused(() => webVisitTool({ fetcher: asVersion(scriptedPageFetcher({}), "v2") }), "PageFetcher");
    expectRefused(() => webVisitTool({ fetcher: scriptedPageFetcher({}), summarizer: asVersion(modelSummarizer(model), "v2") }), "Summarizer");
    expectRefused(() => chainPageFetchers([scriptedPageFetcher({}), asVersion(scriptedPageFetcher({}), "v0")]), "PageFetcher", "v0");
    expectRefused(() => codeTool({ sandbox: asVersion(createLocalSandbox(), "v2") }), "CodeSandbox");
  });

  it("refuses a v2 model under a planner or a summarizer", () => {
    expectRefused(() => modelPlanner(asVersion(model, "v2")), "ModelBackend");
    expectRefused(() => modelSummarizer(asVersion(model, "v2")), "ModelBackend");
  });

  it("refuses a v2 planner when the graph is built, and one chosen per run when it is chosen", () => {
    const planner: Planner = asVersion(modelPlanner(model), "v2");
    expectRefused(() => plannerGraph({ planner }), "Planner");
    expectRefused(() => plannerFor(() => planner, {} as AgentContext), "Planner");
    expect(refusal(() => plannerGraph({ planner })).message).toContain('the Planner "scripted:script" declares specificationVersion "v2"');
  });

  it("accepts the built-in v1 implementations", () => {
    expect(() => [
      textSearchTool({ backend: scriptedSearch({}) }),
      imageSearchTool({ backend: scriptedImageSearch({}) }),
      webVisitTool({ fetcher: chainPageFetchers([scriptedPageFetcher({})]), summarizer: modelSummarizer(model) }),
      codeTool({ sandbox: createLocalSandbox() }),
      plannerGraph({ planner: modelPlanner(model) }),
    ]).not.toThrow();
  });
});
