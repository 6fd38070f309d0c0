import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { openStorage, r1v4Dialect, ToolRegistry, type Storage } from "interleaf";
import { assistantTurnsOf, exportDataset, leakGuard, readExportedDataset, validateExportLine, type ExportFormat, type TrajectoryRecord } from "interleaf/data";
import { visualTools } from "interleaf/nodes";
import { answer, recordedRun, zoom } from "./data-fixtures.js";

const tools = new ToolRegistry(visualTools());
const crop = (box: number[]) => `<think>Crop the shelf.</think>\n<tool_call>{"name": "crop", "arguments": {"bbox_2d": [${box.join(", ")}], "image": "observation 1"}}</tool_call>`;

describe("dataset exports", () => {
  let storage: Storage;
  let records: TrajectoryRecord[];
  beforeEach(async () => {
    storage = await openStorage("memory");
    records = [
      await recordedRun(storage, "b-run", [zoom([100, 300, 400, 700]), crop([10, 10, 200, 200]), answer("3")], { gold: "3", benchmark: "vstar", category: "attribute" }),
      await recordedRun(storage, "a-run", [answer("2", "Two, at a glance.")], { gold: "2", benchmark: "vstar", category: "spatial" }),
    ];
  });
  const out = () => mkdtempSync(join(tmpdir(), "interleaf-export-"));

  for (const format of ["ms-swift", "sharegpt", "openai", "raw"] as const satisfies readonly ExportFormat[]) {
    it(`${format}: valid by the format's rules, re-imported, and parsed back to the same actions`, async () => {
      const dir = out();
      const result = await exportDataset(records, { format, outDir: dir, dialect: r1v4Dialect(), tools, images: storage.images });
      expect(result.lines).toBe(2);
      // the photo, the zoom and the crop of the zoom, each written once
      expect(result.images).toBe(3);
      const dataset = await readExportedDataset(dir);
      expect(dataset.format).toBe(format);
      expect(dataset.lines).toHaveLength(2);
      // sorted by thread id: a deterministic order
      const firstTurns = assistantTurnsOf(format, dataset.lines[1]!);
      const parsed = firstTurns.map((text) => r1v4Dialect().parseTurn({ text, toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } }, tools));
      const actions = parsed.map((turn) => (turn.kind === "tool_calls" ? turn.calls.map((c) => [c.name, c.arguments]) : turn.kind === "answer" ? turn.answer : turn.problem));
      const original = records[0]!.steps.map((step) => (step.kind === "tool_calls" ? step.calls.map((c) => [c.name, c.arguments]) : step.answer));
      expect(actions).toEqual(original);
      if (format !== "openai") expect(readdirSync(join(dir, "images")).sort()).toHaveLength(3);
    });
  }

  it("ms-swift lines hold one <image> per image, in order, with the observation images where the model saw them", async () => {
    const dir = out();
    await exportDataset(records, { format: "ms-swift", outDir: dir, dialect: r1v4Dialect(), tools, images: storage.images });
    const line = JSON.parse(readFileSync(join(dir, "data.jsonl"), "utf8").split("\n")[1]!);
    expect(line.messages.map((m: { role: string }) => m.role)).toEqual(["system", "user", "assistant", "user", "assistant", "user", "assistant"]);
    expect(line.messages[1].content.startsWith("<image>")).toBe(true);
    expect(line.messages[3].content).toContain("<observation>");
    expect(line.messages[3].content.split("<image>")).toHaveLength(2);
    expect(line.images).toHaveLength(3);
    expect(line.images.every((path: string) => /^images\/[0-9a-f]{64}\.jpg$/.test(path))).toBe(true);
    expect(line.messages[6].content).toBe("<think>I counted them.</think>\n<answer>3</answer>");
  });

  it("writes the same bytes twice (deterministic), whatever the order of the trajectories", async () => {
    const one = out();
    const two = out();
    await exportDataset(records, { format: "sharegpt", outDir: one, dialect: r1v4Dialect(), tools, images: storage.images });
    await exportDataset([...records].reverse(), { format: "sharegpt", outDir: two, dialect: r1v4Dialect(), tools, images: storage.images });
    for (const file of ["data.jsonl", "dataset-card.json", "dataset-card.md"]) expect(readFileSync(join(two, file), "utf8")).toBe(readFileSync(join(one, file), "utf8"));
  });

  it("scrubs secrets and local paths, and the validator catches them when they remain", async () => {
    const dir = out();
    const leaky = await recordedRun(storage, "leaky", [answer("3", `The key sk-live-abcdef123456 is in ${process.cwd()}/notes.txt`)], {}, `What is in ${process.cwd()}/photo.jpg?`);
    const guard = leakGuard({ env: { SERVICE_API_KEY: "sk-live-abcdef123456" } });
    await exportDataset([leaky], { format: "ms-swift", outDir: dir, dialect: r1v4Dialect(), tools, images: storage.images, guard });
    const text = readFileSync(join(dir, "data.jsonl"), "utf8");
    expect(text).not.toContain("sk-live-abcdef123456");
    expect(text).not.toContain(process.cwd());
    expect(text).toContain("[redacted]");
    expect(text).toContain("<local>/photo.jpg");
    const problems = validateExportLine("ms-swift", { messages: [{ role: "user", content: `see ${process.cwd()}` }, { role: "assistant", content: "sk-live-abcdef123456" }], images: [] }, dir, guard);
    expect(problems).toEqual(["a local path appears in the data (" + process.cwd().length + " characters)", "a secret from the environment appears in the data"]);
  });

  it("the validators follow the formats' rules", () => {
    const guard = { localPaths: [], secrets: [] };
    const dir = out();
    expect(validateExportLine("ms-swift", { messages: [{ role: "assistant", content: "hi" }, { role: "user", content: "x" }], images: [] }, dir, guard)).toEqual([
      "turn 1 should be user, not assistant",
      "turn 2 should be assistant, not user",
      "the conversation does not end with the assistant",
    ]);
    expect(validateExportLine("sharegpt", { conversations: [{ from: "human", value: "<image><image>q" }], images: ["images/x.jpg", "/etc/passwd"] }, dir, guard)).toEqual([
      "an odd number of turns: the last must be gpt",
      "image file images/x.jpg is missing",
      'image path "/etc/passwd" is not relative to the dataset',
    ]);
    expect(validateExportLine("openai", { messages: [{ role: "assistant", content: [{ type: "image_url", image_url: { url: "file:///etc/passwd" } }] }] }, dir, guard)).toEqual([
      "message 1 (assistant) holds an image: only user messages may",
      "message 1 has an image that is not a base64 data URL",
    ]);
  });

  it("a literal <image> written by the model cannot break the image count", async () => {
    const dir = out();
    const tricky = await recordedRun(storage, "tricky", [answer("3", "The page said <image> here.")]);
    await exportDataset([tricky], { format: "ms-swift", outDir: dir, dialect: r1v4Dialect(), tools, images: storage.images });
    expect((await readExportedDataset(dir)).lines[0]!.images).toHaveLength(1);
  });

  it("planner data: R1V4's planner prompt in, the derived plan out, only where execution matched the plan", async () => {
    const dir = out();
    const result = await exportDataset(records, { format: "planner", outDir: dir, dialect: r1v4Dialect(), tools, images: storage.images });
    expect(result.lines).toBe(1);
    expect(result.skipped).toEqual([{ threadId: "a-run", reason: "too short for a plan (R1V4's plans have 2 to 10 steps)" }]);
    const line = JSON.parse(readFileSync(join(dir, "data.jsonl"), "utf8"));
    expect(line.messages.map((m: { role: string }) => m.role)).toEqual(["system", "user", "assistant"]);
    const plan = JSON.parse(line.messages[2].content);
    expect(plan.map((step: { tool_name: string }) => step.tool_name)).toEqual(["zoom", "crop", "none"]);
    expect(line.images).toHaveLength(1);
  });

  it("a dataset card counts benchmarks, categories and tool calls", async () => {
    const dir = out();
    await exportDataset(records, { format: "raw", outDir: dir, dialect: r1v4Dialect(), tools, images: storage.images, sources: ["eval run vstar-1"] });
    const card = JSON.parse(readFileSync(join(dir, "dataset-card.json"), "utf8"));
    expect(card).toMatchObject({ format: "raw", dialect: "r1v4", lines: 2, images: 3, byBenchmark: { vstar: 2 }, byCategory: { attribute: 1, spatial: 1 }, toolCalls: { histogram: { 0: 1, 2: 1 }, byTool: { crop: 1, zoom: 1 } }, sources: ["eval run vstar-1"] });
    expect(readFileSync(join(dir, "dataset-card.md"), "utf8")).toContain("| vstar | 2 |");
  });

  it("a corrupted export is refused on reading, naming the line", async () => {
    const dir = out();
    await exportDataset(records, { format: "ms-swift", outDir: dir, dialect: r1v4Dialect(), tools, images: storage.images });
    const lines = readFileSync(join(dir, "data.jsonl"), "utf8").split("\n");
    writeFileSync(join(dir, "data.jsonl"), [lines[0], "{not json", lines[1]].join("\n"));
    await expect(readExportedDataset(dir)).rejects.toMatchObject({ code: "export_invalid", details: { problems: ["line 2: not JSON"] } });
  });
});
