import { fileURLToPath } from "node:url";
import { END, START, StateGraph } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { AgentState, createGraphAgent, deepeyesDialect, openStorage } from "interleaf";
import { answerNode, gridTool, reasonNode, routeAfterReason, toolNode, toolsNode, zoomTool } from "interleaf/nodes";
import { replayThread, scriptedModel } from "interleaf/testing";

// The README's custom agent, with a scripted model in place of the HTTP endpoint.
const photo = fileURLToPath(new URL("../fixtures/images/vending_machine.jpg", import.meta.url));
const readmeGraph = () =>
  new StateGraph(AgentState)
    .addNode("overview", toolNode(gridTool, () => ({ divisions: 6 })))
    .addNode("reason", reasonNode).addNode("tools", toolsNode).addNode("finish", answerNode)
    .addEdge(START, "overview").addEdge("overview", "reason").addEdge("tools", "reason").addEdge("finish", END)
    .addConditionalEdges("reason", routeAfterReason, ["tools", "finish", "reason", END]);
const readmeModel = () =>
  scriptedModel([
    '<think>The grid shows the machines near x 800.</think>\n<tool_call>\n{"name": "image_zoom_in_tool", "arguments": {"bbox_2d": [1150, 1100, 1280, 1250], "label": "the machines"}}\n</tool_call>',
    "<think>Red machines with a white script logo.</think><answer>Coca-Cola</answer>",
  ]);

describe("the README's custom agent", () => {
  it("looks at a labelled grid first, then zooms where the model asks, then answers", async () => {
    const model = readmeModel();
    const storage = await openStorage("memory");
    const agent = createGraphAgent({ graph: readmeGraph(), model, dialect: deepeyesDialect(), tools: [zoomTool], storage });
    const result = await agent.run({ question: "What is written on the sign?", images: [photo] });
    await storage.close();

    expect(result.answer).toBe("Coca-Cola");
    expect(result.steps.map((s) => s.calls.map((c) => c.name))).toEqual([["grid"], ["zoom"], []]);
    const [grid] = result.steps[0]?.calls[0]?.observation.images ?? [];
    expect(grid).toMatchObject({ width: 2250, height: 1500, op: { name: "grid" } });
    const [zoomed] = result.steps[1]?.calls[0]?.observation.images ?? [];
    expect(zoomed?.op?.name).toBe("zoom");
    expect(Math.min(zoomed?.width ?? 0, zoomed?.height ?? 0)).toBeGreaterThanOrEqual(448);
    // The model saw the grid image before its first turn.
    const firstRequestImages = model.calls[0]?.request.messages.flatMap((m) => m.content).filter((p) => p.type === "image");
    expect(firstRequestImages).toHaveLength(2);
  });

  it("replays from its checkpoints to the same trajectory, the fixed grid step included", async () => {
    const storage = await openStorage("memory");
    const agent = createGraphAgent({ graph: readmeGraph(), model: readmeModel(), dialect: deepeyesDialect(), tools: [zoomTool], storage });
    await agent.run({ question: "What is written on the sign?", images: [photo] }, { threadId: "readme" });
    const replay = await replayThread(agent, "readme");
    await storage.close();

    expect(replay.diff.firstDivergingStep).toBeNull();
    expect(replay.same).toBe(true);
    expect(replay.rerun.steps[0]?.calls[0]?.observation.images[0]?.id).toBe(replay.original.steps[0]?.calls[0]?.observation.images[0]?.id);
  });
});
