import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { InterleafError } from "interleaf";
import {
  datasetRefFor,
  loadBrowseCompVl,
  loadCustomDataset,
  loadFvqaParquet,
  loadVlmEvalKitTsv,
  loadVstarFolder,
  parseStringifiedList,
  seededPermutation,
  verifyDataset,
  type EvalDataset,
  type EvalItem,
} from "interleaf/eval";
import { openStorage } from "interleaf/storage";

const fixture = (path: string) => fileURLToPath(new URL(`../../fixtures/eval/${path}`, import.meta.url));
const all = async (dataset: EvalDataset) => {
  const out: EvalItem[] = [];
  for await (const item of dataset.items()) out.push(item);
  return out;
};
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("FVQA parquet", () => {
  it("reads the five real rows with intact image bytes, the gold answer and its candidates", async () => {
    const items = await all(loadFvqaParquet(fixture("fvqa/fvqa-mini.parquet")));
    expect(items.map((i) => [i.id, i.question, i.gold])).toEqual([
      ["0", "What is the country of origin of this food?", "Spain"],
      ["1", "What is this building dedicated to?", "Gautama Buddha"],
      ["2", "Who commissioned this building?", "Order of Hospitallers"],
      ["3", "What is this garden named after?", "Tuileries Palace"],
      ["4", "Who is the owner of this place?", "Portugal"],
    ]);
    expect(items[0]?.candidates).toEqual(["Kingdom of Spain", "ESP", "🇪🇸", "ES", "Spain"]);
    expect(items[0]?.groups).toEqual({ data_source: "mmsearch_r1/infoseek_train_split" });
    // Bytes decoded as text would not be a JPEG any more: sharp reads every image.
    for (const item of items) {
      const meta = await sharp(item.images[0] as Uint8Array).metadata();
      expect(meta.format).toBe("jpeg");
      expect(meta.width).toBeGreaterThan(100);
    }
  });

  it("checks the row count of its manifest loudly, and the md5 before a run", async () => {
    const path = fixture("fvqa/fvqa-mini.parquet");
    await expect(all(loadFvqaParquet(path, { manifest: { rows: 1800, source: "test" } }))).rejects.toMatchObject({ code: "dataset_invalid", details: { expected: 1800, actual: 5 } });
    expect(await verifyDataset(loadFvqaParquet(path), { md5: "e786ecfe9dbd32b885f6454c13e82387", source: "test" })).toBe("e786ecfe9dbd32b885f6454c13e82387");
    const wrong = await verifyDataset(loadFvqaParquet(path), { md5: "0".repeat(32), source: "VLMEvalKit" }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(wrong, "dataset_invalid")).toBe(true);
    expect((wrong as Error).message).toContain("md5 e786ecfe9dbd32b885f6454c13e82387, expected 00000000000000000000000000000000");
  });
});

describe("VLMEvalKit TSV", () => {
  it("parses quoted cells, image cells naming another row, stringified lists and the MCQ prompt", async () => {
    const items = await all(loadVlmEvalKitTsv(fixture("vlmevalkit/hr_bench_synthetic.tsv"), { benchmark: "hrbench-4k", manifest: { rows: 4, source: "synthetic" } }));
    expect(items).toHaveLength(4);
    expect(items[0]?.question).toBe('Question: What colour is the "sign", the one on the left?\nOptions:\nA. red\nB. green\nC. blue\nD. white\nPlease select the correct answer from the options above. \n');
    expect(items[1]?.question).toContain("What colour is the sign?\tTab inside.");
    expect(items.map((i) => [i.id, i.gold, i.category, i.groups?.cycle_category, i.images.length])).toEqual([
      ["0", "A", "single", "0", 1],
      ["1", "B", "single", "0", 1],
      ["2", "C", "cross", "1", 2],
      ["3", "A", "cross", "1", 1],
    ]);
    expect(sha(items[1]?.images[0] as Uint8Array)).toBe(sha(items[0]?.images[0] as Uint8Array));
    expect(sha(items[2]?.images[0] as Uint8Array)).toBe(sha(items[0]?.images[0] as Uint8Array));
    expect(Object.keys(items[3]?.options ?? {})).toEqual(["A", "B"]);
    expect((await sharp(items[2]?.images[1] as Uint8Array).metadata()).height).toBe(40);
  });

  it("puts images in the store as rows stream by, and refuses a file whose row count is not the benchmark's", async () => {
    const storage = await openStorage("memory");
    const items = await all(loadVlmEvalKitTsv(fixture("vlmevalkit/hr_bench_synthetic.tsv"), { manifest: false, imageStore: storage.images }));
    const ref = items[0]?.images[0] as { id: string };
    expect(await storage.images.has(ref.id)).toBe(true);
    expect(items[1]?.images[0]).toEqual(ref);
    await expect(all(loadVlmEvalKitTsv(fixture("vlmevalkit/hr_bench_synthetic.tsv"), { benchmark: "hrbench-4k" }))).rejects.toMatchObject({ code: "dataset_invalid", details: { expected: 800, actual: 4 } });
  });

  it("reads stringified lists as VLMEvalKit's toliststr does, without eval", () => {
    expect(parseStringifiedList("['a, b', \"it's\", 3]")).toEqual(["a, b", "it's", "3"]);
    expect(parseStringifiedList("not a list")).toEqual(["not a list"]);
    expect(() => parseStringifiedList("['open]")).toThrow(/unclosed/);
    expect(() => parseStringifiedList("[__import__('os')]")).toThrow(/unexpected/);
  });
});

describe("V* from the official folders", () => {
  it("shuffles options with a seeded RNG, records the permutation, and keeps the gold on the right option", async () => {
    const items = await all(loadVstarFolder(fixture("vstar"), { seed: 3, manifest: { rows: 2, source: "synthetic" } }));
    expect(items.map((i) => [i.id, i.category])).toEqual([
      ["direct_attributes/sa_1", "Attribute"],
      ["relative_position/sa_2", "Spatial"],
    ]);
    for (const item of items) {
      const permutation = item.permutation as number[];
      expect(item.options?.[item.gold as string]).toBe(item.id.startsWith("direct") ? "white" : "left");
      expect(permutation.indexOf(0)).toBe("ABCD".indexOf(item.gold as string));
    }
    const again = await all(loadVstarFolder(fixture("vstar"), { seed: 3, manifest: false }));
    expect(again.map((i) => i.permutation)).toEqual(items.map((i) => i.permutation));
    // Over many seeds the correct option is not always first.
    const firsts = Array.from({ length: 40 }, (_, seed) => seededPermutation(4, seed, "direct_attributes/sa_1").indexOf(0));
    expect(new Set(firsts).size).toBe(4);
  });
});

describe("BrowseComp-VL and custom datasets", () => {
  it("reads the real BrowseComp-VL rows with their images from the upstream layout", async () => {
    const items = await all(loadBrowseCompVl(fixture("browsecomp-vl/bc_vl.jsonl")));
    expect(items).toHaveLength(6);
    expect(items[0]).toMatchObject({ id: "0", gold: "United States", alternative_gt_answers: ["United States"], category: "TV" });
    expect(items[0]?.images[0]).toBe(fixture("browsecomp-vl/images/level1/level1_1.jpg"));
    expect(items[3]?.gold).toBe("Midnight.");
    expect(datasetRefFor(fixture("browsecomp-vl/bc_vl.jsonl"))).toMatchObject({ layout: "browsecomp-vl-jsonl", benchmark: "browsecomp-vl" });
  });

  it("reads custom JSONL and CSV files", async () => {
    const jsonl = await all(loadCustomDataset(fixture("custom/questions.jsonl")));
    expect(jsonl.map((i) => [i.id, i.gold, i.images, i.category ?? null, i.candidates ?? null])).toEqual([
      ["q1", "green", [fixture("custom/square.png")], "colour", null],
      ["1", "4", [], null, ["four"]],
    ]);
    const csv = await all(loadCustomDataset(fixture("custom/questions.csv")));
    expect(csv[0]).toMatchObject({ id: "q1", question: "What colour, roughly?", gold: "A", options: { A: "green", B: "red" }, images: [fixture("custom/square.png"), fixture("custom/square.png")] });
    expect(datasetRefFor(fixture("vstar"))).toMatchObject({ layout: "vstar-folder", benchmark: "vstar" });
    expect(datasetRefFor("/data/hr_bench_8k.tsv").benchmark).toBe("hrbench-8k");
  });
});
