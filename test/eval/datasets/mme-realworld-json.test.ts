// MME-RealWorld's official JSON layout (the entry shape of yfzhang114/MME-RealWorld's
// evaluation/output_test_template.json @ 87096fc), with a small image folder made here.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { datasetRefFor, evalReport, getScorer, loadMmeRealWorldJson, openDataset, runEval } from "interleaf/eval";
import { createGraphAgent, r1v4Dialect } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { openStorage } from "interleaf/storage";
import { scriptedModel } from "interleaf/testing";

const ENTRIES = [
  {
    Question_id: "Perception/Autonomous_Driving/Objects_Identify/0000",
    "Question Type": "Multiple Choice",
    Image: "AutonomousDriving/front.jpg",
    Text: "This image shows the front view of the ego car. What are objects to the front of the ego car?",
    "Answer choices": ["(A) Many cars and one trailer.", "(B) Many pedestrians.", "(C) Three pedestrians.", "(D) Many cars and one truck.", "(E) All the above answers are wrong."],
    "Ground truth": "D",
    Task: "Perception",
    Subtask: "Autonomous_Driving",
    Category: "Objects_Identify",
  },
  {
    Question_id: "Reasoning/Monitoring/Intention/0001",
    "Question Type": "Multiple Choice",
    Image: "Monitoring/street.jpg",
    Text: "Where is the person in red going?",
    "Answer choices": ["(A) Left.", "(B) Right.", "(C) Straight on.", "(D) Nowhere.", "(E) All the above answers are wrong."],
    "Ground truth": "B",
    Task: "Reasoning",
    Subtask: "Monitoring",
    Category: "Intention",
  },
];

async function folder(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "interleaf-mme-"));
  for (const image of ["AutonomousDriving/front.jpg", "Monitoring/street.jpg"]) {
    mkdirSync(join(dir, image, ".."), { recursive: true });
    await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 120, b: 30 } } }).jpeg().toFile(join(dir, image));
  }
  writeFileSync(join(dir, "MME-RealWorld.json"), JSON.stringify(ENTRIES, null, 4));
  return dir;
}

describe("MME-RealWorld's official JSON", () => {
  it("lays each question out as the official script does, with its choices, gold letter and task groups", async () => {
    const dir = await folder();
    const ref = datasetRefFor(join(dir, "MME-RealWorld.json"));
    expect(ref).toMatchObject({ layout: "mme-realworld-json", benchmark: "mme-realworld" });
    const items = [];
    for await (const item of openDataset(ref).items()) items.push(item);
    expect(items.map((item) => [item.id, item.gold, item.category, item.groups])).toEqual([
      ["Perception/Autonomous_Driving/Objects_Identify/0000", "D", "Objects_Identify", { task: "Perception", subtask: "Autonomous_Driving", category: "Objects_Identify" }],
      ["Reasoning/Monitoring/Intention/0001", "B", "Intention", { task: "Reasoning", subtask: "Monitoring", category: "Intention" }],
    ]);
    expect(items[1]?.question).toBe(
      "Where is the person in red going? The choices are listed below: \n(A) Left.\n(B) Right.\n(C) Straight on.\n(D) Nowhere.\n(E) All the above answers are wrong.\nSelect the best answer to the above multiple-choice question based on the image. Respond with only the letter (A, B, C, D, or E) of the correct option.\nThe best answer is:",
    );
    expect(items[0]?.images).toEqual([join(dir, "AutonomousDriving/front.jpg")]);
  });

  it("runs end to end and reports Perception and Reasoning with the official scorer", async () => {
    const dir = await folder();
    const storage = await openStorage("memory");
    const model = scriptedModel((request) => (JSON.stringify(request.messages).includes("ego car") ? "<answer>D</answer>" : "<answer>A</answer>"));
    const summary = await runEval({
      storage,
      dataset: datasetRefFor(join(dir, "MME-RealWorld.json")),
      agent: { mode: "general", dialect: "r1v4" },
      makeAgent: async (_spec, s) => createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect({ requireThink: false }), storage: s }),
      scorers: [getScorer("mme-realworld.official")],
      verifyChecksum: false,
    });
    expect(summary.done).toBe(2);
    const report = await evalReport(storage, summary.runId);
    expect(report.table2.columns).toEqual(["Perception", "Reasoning", "Overall"]);
    expect(Object.fromEntries(report.table2.columns.map((column) => [column, report.table2.cells[column]?.value]))).toEqual({ Perception: 1, Reasoning: 0, Overall: 0.5 });
  });

  it("refuses a file that is not the official layout, naming the entry", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-mme-bad-"));
    writeFileSync(join(dir, "MME-RealWorld.json"), JSON.stringify([{ Question_id: "x", Text: "q" }]));
    const read = async () => {
      for await (const _item of loadMmeRealWorldJson(join(dir, "MME-RealWorld.json")).items()) void _item;
    };
    await expect(read()).rejects.toMatchObject({ code: "dataset_invalid", message: expect.stringContaining('entry 0 is not an MME-RealWorld question: no "Answer choices" list') });
  });
});
