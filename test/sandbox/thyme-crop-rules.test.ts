// Thyme's crop conventions (swift/trainers/sandbox.py): clamp to the image, grow a side shorter
// than 64 px by moving its far edge, shifted back inside at the border.
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createLocalSandbox, type SandboxResult } from "../../src/sandbox/index.js";

const sandbox = createLocalSandbox({ limits: { wallMs: 30_000 } });
// 2560×1600: large enough for Thyme's published licence-plate box.
const photo = readFileSync(new URL("../fixtures/images/r1v4_demo_2.jpg", import.meta.url));
const inputs = [{ name: "photo.jpg", bytes: photo, variable: "image_path" }];
const rules = { minSize: 64 };

async function sizeOf(result: SandboxResult, index = 0): Promise<[number, number]> {
  const image = result.images[index];
  if (!image) throw new Error(`no image ${index}; stderr: ${result.stderr}`);
  const meta = await sharp(image.bytes).metadata();
  return [meta.width ?? 0, meta.height ?? 0];
}

// Thyme's published example: a licence plate box zoomed ×2 with OpenCV.
const plate = [
  "import cv2",
  "image = cv2.imread(image_path)",
  "x1, y1, x2, y2 = 1250, 1030, 1360, 1070",
  "plate = image[y1:y2, x1:x2]",
  "zoomed = cv2.resize(plate, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)",
  "cv2.imwrite('/mnt/data/plate.png', zoomed)",
  "print(zoomed.shape)",
].join("\n");

describe("Thyme's 64 px rule", () => {
  it("reproduces the published licence plate: 220×128 with the rule, 220×80 without", async () => {
    const withRules = await sandbox.run({ code: plate, inputs, cropRules: rules });
    expect(withRules.stdout.trim()).toBe("(128, 220, 3)");
    expect(await sizeOf(withRules)).toEqual([220, 128]);
    expect(withRules.cropAdjustments).toEqual([{ kind: "slice", before: [1250, 1030, 1360, 1070], after: [1250, 1030, 1360, 1094], imageSize: [2560, 1600] }]);

    const without = await sandbox.run({ code: plate, inputs });
    expect(await sizeOf(without)).toEqual([220, 80]);
    expect(without.cropAdjustments).toEqual([]);
  });

  it("applies to PIL crops, shifts boxes at the border back inside, clamps boxes outside, orders reversed corners", async () => {
    const code = [
      "from PIL import Image",
      "image = Image.open(image_path)",
      "crops = [",
      "    image.crop((1250, 1030, 1360, 1070)),", // height 40 → 64 (far edge moves)
      "    image.crop((2540, 1590, 2560, 1600)),", // at the corner: shifted back inside
      "    image.crop(box=(-50, -20, 300, 200)),", // outside: clamped to 0
      "    image.crop((400, 300, 100, 100)),", // reversed corners
      "    image.crop((10.4, 10.6, 500.2, 400.7)),", // big enough: untouched (floats kept)
      "]",
      "print([c.size for c in crops])",
    ].join("\n");
    const result = await sandbox.run({ code, inputs, cropRules: rules });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("[(110, 64), (64, 64), (300, 200), (300, 200), (490, 390)]");
    expect(result.cropAdjustments.map((a) => a.after)).toEqual([
      [1250, 1030, 1360, 1094],
      [2496, 1536, 2560, 1600],
      [0, 0, 300, 200],
      [100, 100, 400, 300],
    ]);
  });

  it("uses the size of the image being cropped (a small earlier crop), enlarging to the whole image when it is under 64 px", async () => {
    const code = [
      "from PIL import Image",
      "import numpy as np",
      "small = Image.open(image_path).resize((200, 50))",
      "a = small.crop((150, 10, 190, 30))",
      "arr = np.asarray(small)",
      "b = arr[10:30, -40:]", // negative indices, read as Python does
      "print(a.size, b.shape[:2])",
    ].join("\n");
    const result = await sandbox.run({ code, inputs, cropRules: rules });
    expect(result.stdout.trim()).toBe("(64, 50) (50, 64)");
  });

  it("leaves other code alone: assignments into slices, non-image arrays, stepped slices", async () => {
    const code = [
      "import numpy as np",
      "img = np.zeros((100, 100, 3), dtype=np.uint8)",
      "img[10:20, 10:20] = 255", // a store, not a crop
      "table = np.arange(100).reshape(10, 10)",
      "print(int(img.sum() // 255), table[0:2, 0:2].shape, img[0:10:2, 0:10:2].shape)",
    ].join("\n");
    const result = await sandbox.run({ code, inputs, cropRules: rules });
    expect(result.stdout.trim()).toBe("300 (2, 2) (5, 5, 3)");
  });

  it("honours another minimum size", async () => {
    const result = await sandbox.run({ code: plate, inputs, cropRules: { minSize: 100 } });
    expect(await sizeOf(result)).toEqual([220, 200]);
  });
});
