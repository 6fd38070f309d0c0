// A dialect builds each step's messages once and reuses them on later turns (a run's steps do not
// change). These tests hold that reuse to what building from scratch gives, turn by turn, for
// every kind of step, and check that nothing stale is served when the run around the steps differs.
import { describe, expect, it } from "vitest";
import {
  deepeyesDialect,
  miniO3Dialect,
  mmsearchR1Dialect,
  r1v4Dialect,
  textProtocolDialect,
  thymeDialect,
  ToolRegistry,
  webwatcherDialect,
  type Dialect,
  type TrajectoryStep,
} from "interleaf";
import { ImageGallery } from "interleaf/images";
import { allTools, callRecord, loadImages, step, zoom } from "./agent-fixtures.js";

const { original, crops } = await loadImages();

/** A run's steps, one of each kind: tool calls with and without images, a capped turn, a malformed turn, a graph step, an answer. */
function trajectory(): TrajectoryStep[] {
  return [
    step(0, { kind: "tool_calls", thought: "Zoom on the sign.", raw: '<think>Zoom on the sign.</think>\n<tool_call>{"name": "zoom", "arguments": {"bbox_2d": [1, 2, 30, 40]}}', calls: [callRecord("s0c0", "zoom", { bbox_2d: [1, 2, 30, 40] }, "Zoomed.", [crops[0]!])] }),
    step(1, { kind: "malformed", thought: "", raw: "I think so", problem: "the turn has no action" }),
    step(2, { kind: "tool_calls", thought: "Search it.", calls: [callRecord("s2c0", "text_search", { query: "sign" }, "1. A sign (example.org)")], note: "Only the first action of that turn was run." }),
    step(3, { kind: "tool_calls", source: "graph", thought: "", calls: [callRecord("s3c0", "zoom", { bbox_2d: [0, 0, 9, 9] }, "Zoomed again.", [crops[1]!])] }),
    step(4, { kind: "answer", thought: "Done.", answer: "a stop sign" }),
  ];
}

function buildTurn(dialect: Dialect, steps: TrajectoryStep[], question = "What does the sign say?", images = [original]) {
  const produced = steps.flatMap((s) => s.calls.flatMap((call) => call.observation.images));
  return dialect.buildRequest({ question, images, steps, tools: allTools, gallery: new ImageGallery(images, produced) });
}

const dialects: [string, () => Dialect][] = [
  ["r1v4", () => r1v4Dialect()],
  ["DeepEyes", () => deepeyesDialect()],
  ["DeepEyes V5", () => deepeyesDialect({ loop: "v5" })],
  ["Thyme", () => thymeDialect()],
  ["Mini-o3", () => miniO3Dialect()],
  ["WebWatcher", () => webwatcherDialect()],
  ["MMSearch-R1", () => mmsearchR1Dialect()],
];

describe.each(dialects)("%s: a request built turn after turn", (_name, make) => {
  it("equals the request built from scratch at every turn", () => {
    const dialect = make();
    const steps = trajectory();
    for (let turn = 0; turn <= steps.length; turn++) {
      const reused = buildTurn(dialect, steps.slice(0, turn));
      const fresh = buildTurn(make(), structuredClone(steps.slice(0, turn)));
      expect(reused).toEqual(fresh);
    }
  });

  it("follows the question and the input images when the same steps run again in another run", () => {
    const dialect = make();
    const steps = trajectory();
    buildTurn(dialect, steps);
    const other = buildTurn(dialect, steps, "Which colour is the sign?", [crops[1]!]);
    expect(other).toEqual(buildTurn(make(), structuredClone(steps), "Which colour is the sign?", [crops[1]!]));
  });
});

describe("a text-protocol dialect's own system prompt", () => {
  it("is written once per tool set, not once per turn", () => {
    let written = 0;
    const dialect = textProtocolDialect({
      name: "counting",
      systemPrompt: ({ tools }) => `prompt #${++written} for ${tools.map((tool) => tool.name).join(", ")}`,
    });
    const registry = new ToolRegistry([zoom]);
    const build = (tools: ToolRegistry) => dialect.buildRequest({ question: "q", images: [], steps: [], tools, gallery: new ImageGallery([], []) });
    const first = build(registry);
    build(registry);
    build(registry);
    expect(written).toBe(1);
    expect(build(allTools).messages[0]).not.toEqual(first.messages[0]);
    expect(written).toBe(2);
  });
});
