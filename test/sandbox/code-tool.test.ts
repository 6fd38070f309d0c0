// The code tool on real photos: PIL and OpenCV snippets in the styles of R1V4's figures and
// Thyme's outputs, produced images checked for size and pixels against sharp.
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createToolContext } from "interleaf/testing";
import { type ImageRef, type ToolContext, type ToolOutput } from "../../src/index.js";
import { MemoryImageStore } from "../../src/images/memory-image-store.js";
import { ingestImage } from "../../src/images/ingest.js";
import { createLocalSandbox } from "../../src/sandbox/index.js";
import { codeTool } from "../../nodes/code/index.js";
import { extractPythonCode } from "../../nodes/code/extract-python-code.js";

const sandbox = createLocalSandbox({ limits: { wallMs: 30_000 } });
const tool = codeTool({ sandbox });
const fixture = (name: string) => readFileSync(new URL(`../fixtures/images/${name}`, import.meta.url));

let store: MemoryImageStore;
let mug: ImageRef; // blackmug.JPG 4000×2700, as a lossless PNG so PIL and sharp decode the same pixels
let vending: ImageRef; // vending_machine.jpg 2250×1500, the JPEG as is
let mugRaw: { data: Buffer; width: number; height: number };

beforeAll(async () => {
  store = new MemoryImageStore();
  const png = await sharp(fixture("blackmug.JPG")).rotate().png({ compressionLevel: 1 }).toBuffer();
  mug = await ingestImage(store, png);
  vending = await ingestImage(store, fixture("vending_machine.jpg"));
  const raw = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  mugRaw = { data: raw.data, width: raw.info.width, height: raw.info.height };
});

const contextFor = (inputs: ImageRef[], produced: ImageRef[] = []): ToolContext => createToolContext({ images: store, inputs, produced });
const run = (code: string, context: ToolContext, t = tool): Promise<ToolOutput> => t.execute(t.input.parse({ code }), context);

async function rawOf(ref: ImageRef) {
  const { bytes } = await store.get(ref.id);
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Pixels of the mug PNG in a region, decoded by sharp. */
async function expectedRegion(left: number, top: number, width: number, height: number) {
  const { data } = await sharp(mugRaw.data, { raw: { width: mugRaw.width, height: mugRaw.height, channels: 3 } })
    .extract({ left, top, width, height })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return data;
}

describe("fidelity on real photos", () => {
  it("PIL crop with image.crop((x1, y1, x2, y2)): the saved image has the box's size and exactly its pixels", async () => {
    const output = await run(
      [
        "from PIL import Image",
        'image_path = "/eval/blackmug.jpg"', // R1V4 writes the path it was shown: rewritten to the input
        "image = Image.open(image_path)",
        "x1, y1, x2, y2 = 1500, 900, 2300, 1500",
        "cropped = image.crop((x1, y1, x2, y2))",
        'output_path = "/mnt/data/temp_processed_images/mug_crop.png"',
        "cropped.save(output_path)",
        "print(output_path)",
      ].join("\n"),
      contextFor([mug]),
    );
    expect(output.images).toHaveLength(1);
    const [ref] = output.images ?? [];
    expect([ref?.width, ref?.height]).toEqual([800, 600]);
    const got = await rawOf(ref as ImageRef);
    expect(got.data.equals(await expectedRegion(1500, 900, 800, 600))).toBe(true);
    expect(output.text).toBe("/mnt/data/temp_processed_images/mug_crop.png\nImages produced: observation 1 = /mnt/data/temp_processed_images/mug_crop.png (800×600)");
  });

  it("numpy slicing img[y1:y2, x1:x2] with OpenCV, then cv2.resize with a zoom factor", async () => {
    const output = await run(
      [
        "import cv2",
        "img = cv2.imread(image_path)",
        "roi = img[700:900, 1000:1300]",
        "cv2.imwrite('/mnt/data/temp_processed_images/roi.png', roi)",
        "zoom = cv2.resize(roi, None, fx=2.5, fy=2.5, interpolation=cv2.INTER_CUBIC)",
        "cv2.imwrite('/mnt/data/temp_processed_images/roi_zoom.png', zoom)",
        "print('/mnt/data/temp_processed_images/roi.png', roi.shape)",
        "print('/mnt/data/temp_processed_images/roi_zoom.png', zoom.shape)",
      ].join("\n"),
      contextFor([mug]),
    );
    const [roi, zoom] = output.images ?? [];
    expect([roi?.width, roi?.height, zoom?.width, zoom?.height]).toEqual([300, 200, 750, 500]);
    expect((await rawOf(roi as ImageRef)).data.equals(await expectedRegion(1000, 700, 300, 200))).toBe(true);
    expect(output.text).toContain("(200, 300, 3)");
    expect(output.text).toContain("observation 2 = /mnt/data/temp_processed_images/roi_zoom.png (750×500)");
  });

  it("ImageEnhance.Contrast: same size, pixels pushed away from the mean as PIL's formula says", async () => {
    const output = await run(
      [
        "from PIL import Image, ImageEnhance",
        "image = Image.open(image_path).convert('RGB')",
        "region = image.crop((1500, 900, 1700, 1100))",
        "region.save('/mnt/data/temp_processed_images/before.png')",
        "ImageEnhance.Contrast(region).enhance(1.8).save('/mnt/data/temp_processed_images/contrast.png')",
        "print('/mnt/data/temp_processed_images/before.png')",
        "print('/mnt/data/temp_processed_images/contrast.png')",
      ].join("\n"),
      contextFor([mug]),
    );
    const [before, after] = await Promise.all((output.images ?? []).map(rawOf));
    expect([after?.width, after?.height]).toEqual([200, 200]);
    // PIL: mean of the L image (ITU-R 601-2 luma), then out = mean + 1.8 × (in − mean), clipped.
    const b = before!.data;
    let sum = 0;
    for (let i = 0; i < b.length; i += 3) sum += Math.floor(((b[i] as number) * 299 + (b[i + 1] as number) * 587 + (b[i + 2] as number) * 114) / 1000);
    const mean = Math.floor(sum / (b.length / 3) + 0.5);
    let worst = 0;
    for (let i = 0; i < b.length; i += 97) {
      const expected = Math.min(255, Math.max(0, mean + 1.8 * ((b[i] as number) - mean)));
      worst = Math.max(worst, Math.abs(expected - (after!.data[i] as number)));
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(after!.data.equals(b)).toBe(false);
  });

  it("rotate(90, expand=True) turns the image counter-clockwise: size swapped, corners where they belong", async () => {
    const output = await run(
      [
        "from PIL import Image",
        "region = Image.open(image_path).crop((1000, 700, 1300, 900))",
        "region.rotate(90, expand=True).save('/mnt/data/temp_processed_images/rotated.png')",
        "print('/mnt/data/temp_processed_images/rotated.png')",
      ].join("\n"),
      contextFor([mug]),
    );
    const rotated = await rawOf(output.images![0]!);
    expect([rotated.width, rotated.height]).toEqual([200, 300]);
    const region = await expectedRegion(1000, 700, 300, 200);
    const pixel = (data: Buffer, width: number, x: number, y: number) => [...data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)];
    // Counter-clockwise: new (x, y) = old (W − 1 − y, x), W = 300.
    for (const [x, y] of [[0, 0], [199, 0], [0, 299], [57, 123]] as const) {
      expect(pixel(rotated.data, 200, x, y)).toEqual(pixel(region, 300, 299 - y, x));
    }
  });

  it("drawing boxes with ImageDraw and cv2.rectangle on the JPEG photo: outline pixels red, inside untouched", async () => {
    const output = await run(
      [
        "import cv2",
        "from PIL import Image, ImageDraw",
        "image = Image.open(image_path).convert('RGB')",
        "draw = ImageDraw.Draw(image)",
        "draw.rectangle((100, 100, 400, 300), outline=(255, 0, 0), width=5)",
        "image.save('/mnt/data/temp_processed_images/boxed.png')",
        "img = cv2.imread(image_path)",
        "cv2.rectangle(img, (600, 200), (900, 500), (0, 0, 255), 4)",
        "cv2.imwrite('/mnt/data/temp_processed_images/boxed_cv.png', img)",
        "print('/mnt/data/temp_processed_images/boxed.png')",
        "print('/mnt/data/temp_processed_images/boxed_cv.png')",
      ].join("\n"),
      contextFor([vending]),
    );
    const [pil, cv] = await Promise.all((output.images ?? []).map(rawOf));
    expect([pil?.width, pil?.height, cv?.width, cv?.height]).toEqual([2250, 1500, 2250, 1500]);
    const at = (img: { data: Buffer; width: number }, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3)];
    expect(at(pil!, 100, 200)).toEqual([255, 0, 0]);
    expect(at(pil!, 250, 300)).toEqual([255, 0, 0]);
    expect(at(cv!, 600, 350)).toEqual([255, 0, 0]);
    expect(at(cv!, 750, 200)).toEqual([255, 0, 0]);
    // Inside the boxes, both decoders agree with sharp's decode of the JPEG within rounding.
    const original = await rawOf(vending);
    for (const [x, y] of [[250, 200], [750, 350]] as const) {
      const a = at(original, x, y);
      const b = at(x < 500 ? pil! : cv!, x, y);
      for (let c = 0; c < 3; c++) expect(Math.abs((a[c] as number) - (b[c] as number))).toBeLessThanOrEqual(3);
    }
  });
});

describe("the code tool", () => {
  it("stores produced images with provenance: op code, the code's sha256 and path; no affine", async () => {
    const code = "from PIL import Image\nImage.open(image_path).crop((0, 0, 300, 200)).save('/mnt/data/temp_processed_images/a.png')";
    const output = await run(code, contextFor([mug]));
    const [ref] = output.images ?? [];
    expect(ref?.parent).toBe(mug.id);
    expect(ref?.origin).toBe(mug.id);
    expect(ref?.op?.name).toBe("code");
    expect(ref?.op?.params).toEqual({ sha256: (await import("node:crypto")).createHash("sha256").update(code).digest("hex"), path: "/mnt/data/temp_processed_images/a.png" });
    expect(ref?.toOrigin).toBeUndefined();
    expect(await store.has(ref!.id)).toBe(true);
  });

  it("later calls reopen images saved earlier at their paths, and see every image by label in image_paths", async () => {
    const first = await run(
      "from PIL import Image\nImage.open(image_path).crop((1500, 900, 2300, 1500)).save('/mnt/data/temp_processed_images/step1.png')\nprint('/mnt/data/temp_processed_images/step1.png')",
      contextFor([mug]),
    );
    const produced = first.images ?? [];
    const second = await run(
      [
        "from PIL import Image",
        "im = Image.open('/mnt/data/temp_processed_images/step1.png')",
        "print(im.size, sorted(image_paths))",
        "im.crop((0, 0, 100, 100)).save('/mnt/data/temp_processed_images/step2.png')",
        "print(Image.open(image_paths['observation 1']).size)",
      ].join("\n"),
      contextFor([mug], produced),
    );
    expect(second.text).toContain("(800, 600) ['observation 1', 'original image']");
    expect(second.text).toContain("(800, 600)\n");
    // step1.png was only reopened, not changed: only step2 comes back, numbered after observation 1.
    expect(second.images).toHaveLength(1);
    expect(second.text).toContain("observation 2 = /mnt/data/temp_processed_images/step2.png (100×100)");
  });

  it("strips ```python fences and Thyme's <code> wrapper", async () => {
    expect(extractPythonCode("Let me zoom.\n```python\n    x = 1\n    print(x)\n```\n")).toBe("x = 1\nprint(x)");
    expect(extractPythonCode("<code>\n```python\nprint(2)\n```\n</code>")).toBe("print(2)");
    const output = await run("```python\nprint('fenced', 6 * 7)\n```", contextFor([mug]));
    expect(output.text).toBe("fenced 42");
  });

  it("returns R1V4's JSON observation variant", async () => {
    const json = codeTool({ sandbox, resultFormat: "json" });
    const output = await run("print('hello')", contextFor([mug]), json);
    expect(JSON.parse(output.text)).toEqual({ result: "hello", type: "code" });
  });

  it("turns exceptions and syntax errors into observations with the traceback's last lines", async () => {
    const failed = await run("import cv2\nimg = cv2.imread(image_path)\nprint('shape', img.shape)\nimg.crop((0, 0, 10, 10))", contextFor([mug]));
    expect(failed.text).toMatch(/^shape \(2700, 4000, 3\)\nError: the code failed \(exit status 1\)\./);
    expect(failed.text).toContain("AttributeError: 'numpy.ndarray' object has no attribute 'crop'");
    expect(failed.text).toContain('File "<code>", line 4');
    expect((failed.data as { status: string }).status).toBe("error");

    const syntax = await run("print('unclosed'", contextFor([mug]));
    expect(syntax.text).toContain("SyntaxError");
    expect(syntax.images).toEqual([]);
  });

  it("keeps images saved before a failure", async () => {
    const output = await run(
      "from PIL import Image\nImage.open(image_path).crop((0, 0, 300, 200)).save('/mnt/data/temp_processed_images/kept.png')\nraise ValueError('later problem')",
      contextFor([mug]),
    );
    expect(output.images).toHaveLength(1);
    expect(output.text).toContain("ValueError: later problem");
  });

  it("reports a timeout as an observation", async () => {
    const quick = codeTool({ sandbox, limits: { wallMs: 1_500 } });
    const output = await run("import time\ntime.sleep(30)", contextFor([mug]), quick);
    expect(output.text).toMatch(/^Error: the code ran longer than 1.5 s and was stopped/);
  });

  it("says so when the code printed nothing", async () => {
    const output = await run("x = 1", contextFor([mug]));
    expect(output.text).toMatch(/printed nothing/);
  });

  it("can switch Thyme's crop rules off", async () => {
    const code = "from PIL import Image\nprint(Image.open(image_path).crop((10, 10, 30, 30)).size)";
    expect((await run(code, contextFor([mug]))).text).toBe("(64, 64)");
    expect((await run(code, contextFor([mug]), codeTool({ sandbox, thymeCropRules: false }))).text).toBe("(20, 20)");
    expect((await run(code, contextFor([mug]), codeTool({ sandbox, thymeCropRules: { minSize: 32 } }))).text).toBe("(32, 32)");
  });
});
