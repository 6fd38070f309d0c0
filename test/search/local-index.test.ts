import { mkdtemp, rm, copyFile, mkdir } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToolContext } from "interleaf/testing";
import { MemoryImageStore } from "interleaf/storage";
import { ingestImage } from "interleaf/images";
import { buildLocalIndex, openLocalIndex, searchSetupFromSpec, type LocalIndex } from "../../src/search/index.js";
import { defaultIndexDir } from "../../src/search/local-index.js";
import { imageSearchTool, webVisitTool, textSearchTool } from "../../nodes/search/index.js";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
const corpus = join(fixtures, "corpus");
const images = join(fixtures, "images");

let dir: string;
let index: LocalIndex;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "interleaf-index-"));
  const summary = await buildLocalIndex(corpus, { out: join(dir, "index"), images });
  expect(summary).toEqual({ out: join(dir, "index"), documents: 7, images: 7 });
  index = await openLocalIndex(join(dir, "index"));
}, 120_000);
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function crop(file: string, left: number, top: number, width: number, height: number): Promise<Buffer> {
  return sharp(readFileSync(join(images, file))).extract({ left, top, width, height }).jpeg({ quality: 85 }).toBuffer();
}

describe("local text index", () => {
  it("ranks the documents about the query first, with a snippet from the matching passage", async () => {
    const { results } = await index.text!.search("hot and cold drinks in Japanese vending machines", { maxResults: 3 });
    expect(results.length).toBe(3);
    expect(["Vending machines", "Vending machines in Japan", "Canned coffee"]).toContain(results[0]?.title);
    const mug = await index.text!.search("ceramic mug glaze");
    expect(mug.results[0]).toMatchObject({ title: "Choosing a coffee mug", url: "local://coffee-mugs.html" });
    expect(mug.results[0]?.snippet).toMatch(/ceramic/i);
  });

  it("tolerates typos and prefixes", async () => {
    const { results } = await index.text!.search("basketbal arena");
    expect(results[0]?.title).toBe("Basketball arena concessions");
  });

  it("serves its documents to web_visit offline, by local:// URL and by a JSON lines record's own URL", async () => {
    const tool = webVisitTool({ fetcher: index.text! });
    const out = await tool.execute({ urls: ["local://japan-vending.txt", "https://example.org/drinks/green-tea"] }, createToolContext());
    expect(out.text).toContain("one vending machine for every thirty people");
    expect(out.text).toContain("PET bottles of 500 millilitres");
    expect(out.text).not.toContain("window.tracking");
  });

  it("answers text_search through the tool", async () => {
    const out = await textSearchTool({ backend: index.text! }).execute({ queries: ["monitor at eye level"] }, createToolContext());
    expect(out.text).toContain('"title":"Desk setups","url":"local://desk-setups.md"');
  });
});

describe("local image index", () => {
  it("finds the photo a crop came from, with its caption", async () => {
    const query = await crop("vending_machine.jpg", 700, 400, 800, 600);
    const ref = { id: "0".repeat(64), mime: "image/jpeg", width: 800, height: 600 };
    const matches = await index.images!.searchImage({ ref, bytes: query });
    expect(matches[0]?.image).toBe("local-image://vending_machine.jpg");
    expect(matches[0]?.link).toBe("https://example.org/photos/vending-machine");
    expect(matches[0]?.title).toContain("Drink vending machine");
    expect(matches[0]?.score).toBeGreaterThan(0.9);
    expect(matches.map((m) => m.image)).not.toContain("local-image://blackmug.JPG");
  });

  it("finds small and off-centre crops of several photos", async () => {
    const cases: [string, number, number, number, number][] = [
      ["vending_machine.jpg", 1700, 100, 450, 700],
      ["blackmug.JPG", 1500, 1000, 1200, 900],
      ["desktop.webp", 200, 200, 1000, 1000],
      ["nba.png", 300, 200, 500, 400],
    ];
    for (const [file, ...box] of cases) {
      const bytes = await crop(file, ...box);
      const [best] = await index.images!.searchImage({ ref: { id: "0".repeat(64), mime: "image/jpeg", width: box[2], height: box[3] }, bytes });
      expect(best?.image, file).toBe(`local-image://${file}`);
    }
  });

  it("finds nothing for a photo that is not in the index", async () => {
    const only = await mkdtemp(join(tmpdir(), "interleaf-images-"));
    try {
      await mkdir(join(only, "imgs"));
      for (const file of ["blackmug.JPG", "desktop.webp", "animate_glass.jpg"]) await copyFile(join(images, file), join(only, "imgs", file));
      await buildLocalIndex(join(only, "imgs"), { out: join(only, "index") });
      const small = await openLocalIndex(join(only, "index"));
      const bytes = await crop("vending_machine.jpg", 400, 300, 1200, 900);
      expect(await small.images!.searchImage({ ref: { id: "0".repeat(64), mime: "image/jpeg", width: 1200, height: 900 }, bytes })).toEqual([]);
    } finally {
      await rm(only, { recursive: true, force: true });
    }
  });

  it("serves image_search for a crop the model saw, and shows the matched photo when asked", async () => {
    const store = new MemoryImageStore();
    const original = await ingestImage(store, readFileSync(join(images, "vending_machine.jpg")));
    const cropped = await ingestImage(store, await crop("vending_machine.jpg", 900, 500, 600, 500), {
      provenance: { parent: original, op: { name: "crop", params: { box: [900, 500, 1500, 1000] } }, toParent: [1, 0, 900, 0, 1, 500] },
    });
    const tool = imageSearchTool({ backend: index.images!, images: { showImages: 1 } });
    const out = await tool.execute({ image_paths: ["observation 1", "observation 7"] }, createToolContext({ images: store, inputs: [original], produced: [cropped] }));
    expect(out.text).toMatch(/Visual matches for "observation 1":\n1\. \{"title":"Drink vending machine — [^"]+","link":"https:\/\/example.org\/photos\/vending-machine","image":"local-image:\/\/vending_machine.jpg"\}/);
    expect(out.text).toMatch(/Visual matches for "observation 7":\nError \(image_not_found\): no image named "observation 7"/);
    expect(out.images).toHaveLength(1);
    expect(out.images?.[0]).toMatchObject({ width: 2250, height: 1500 });
  });

  it("refuses remote reverse search without an image host, with a message that says what to do", async () => {
    const store = new MemoryImageStore();
    const original = await ingestImage(store, await crop("nba.png", 0, 0, 200, 200));
    const urls: string[] = [];
    const remote = {
      specificationVersion: "v1" as const,
      provider: "remote",
      needsUrl: true,
      async searchImage(image: { url?: string }) {
        urls.push(image.url ?? "");
        return [{ title: "match", link: "https://example.com", image: "https://example.com/a.jpg" }];
      },
    };
    const refused = await imageSearchTool({ backend: remote }).execute({ image_paths: ["original image"] }, createToolContext({ images: store, inputs: [original] })).catch((e: unknown) => e);
    expect((refused as Error).message).toContain("no image host is configured");
    expect(urls).toEqual([]);
    const host = { specificationVersion: "v1" as const, url: async ({ ref }: { ref: { id: string } }) => `https://cdn.example.com/${ref.id}.jpg` };
    const out = await imageSearchTool({ backend: remote, host }).execute({ image_paths: ["original image"] }, createToolContext({ images: store, inputs: [original] }));
    expect(urls).toEqual([`https://cdn.example.com/${original.id}.jpg`]);
    expect(out.text).toContain('"title":"match"');
  });
});

describe("CLI wiring", () => {
  it("resolves --search local:<index> to the index's backends", async () => {
    const setup = await searchSetupFromSpec(`local:${join(dir, "index")}`);
    expect([setup.search.provider, setup.imageSearch?.provider]).toEqual(["local", "local-images"]);
    expect((await setup.fetcher.fetch("local://desk-setups.md")).title).toBe("Desk setups");
    await expect(searchSetupFromSpec("bing")).rejects.toThrow(/use tavily, serper or local/);
  });

  it("keeps the index beside the checkpoint database", () => {
    expect(defaultIndexDir("/data/run/checkpoints.sqlite")).toBe("/data/run/index");
  });
});
