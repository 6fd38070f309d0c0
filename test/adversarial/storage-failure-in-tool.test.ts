// A storage failure in the middle of a tool call (a full disk while the produced image is stored) is not
// the tool's fault: the run fails at its last checkpoint, and `resume` runs the call again.
import { describe, expect, it } from "vitest";
import { InterleafError, createGraphAgent, openStorage, r1v4Dialect, type ImageStore } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { zoomTool } from "interleaf/nodes";
import { scriptedModel } from "interleaf/testing";
import { fileURLToPath } from "node:url";

const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
const script = ['<think>Zoom.</think><tool_call>{"name": "zoom", "arguments": {"bbox_2d": [0, 0, 300, 300]}}</tool_call>', "<think>Done.</think><answer>ok</answer>"];

/** An image store that fills up after its first write (the input image), as a full disk would. */
function fillingStore(inner: ImageStore): ImageStore & { full: boolean } {
  let writes = 0;
  const store = {
    full: true,
    specificationVersion: inner.specificationVersion,
    async put(bytes: Uint8Array, mime: string) {
      if (writes++ > 0 && store.full) throw new InterleafError("storage_failed", "database or disk is full", { retryable: true });
      return inner.put(bytes, mime);
    },
    get: (id: string) => inner.get(id),
    has: (id: string) => inner.has(id),
  };
  return store as ImageStore & { full: boolean };
}

describe("a storage failure during a tool call", () => {
  it("fails the run with storage_failed, journals nothing; resume runs the call again and answers", async () => {
    const base = await openStorage("memory");
    const images = fillingStore(base.images);
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(script), dialect: r1v4Dialect(), tools: [zoomTool], storage: { ...base, images } });
    const failed = await agent.run({ question: "What is there?", images: [photo] }, { threadId: "disk" });
    expect(failed.status).toBe("failed");
    expect(failed.error?.code).toBe("storage_failed");
    expect((await agent.state("disk"))?.pending?.requests[0]?.name).toBe("zoom");

    images.full = false;
    const resumed = await agent.resume("disk");
    expect(resumed.status).toBe("answered");
    const [zoom] = resumed.steps[0]?.calls ?? [];
    expect(zoom?.observation.error).toBeUndefined();
    expect(zoom?.observation.images).toHaveLength(1);
  });
});
