// Per-call overhead of the code sandbox (bubblewrap + supervisor + limits + image collection)
// against running the same Python directly with the same interpreter, in the same run.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { createLocalSandbox } from "../../src/sandbox/index.js";
import { measurement, median, type Bench } from "./measurement.js";

const PYTHON = "/usr/bin/python3";
const ROUNDS = 7;
const run = promisify(execFile);

const cropCode = (imagePath: string, outDir: string) =>
  [
    "from PIL import Image",
    `image = Image.open(${JSON.stringify(imagePath)})`,
    "crop = image.crop((3000, 1500, 4200, 2400))",
    `crop.save(${JSON.stringify(`${outDir}/crop.png`)})`,
    `print(${JSON.stringify(`${outDir}/crop.png`)})`,
  ].join("\n");

const bench: Bench = {
  name: "sandbox",
  async run() {
    const sandbox = createLocalSandbox({ limits: { wallMs: 60_000, cpuSeconds: 30 } });
    const dir = mkdtempSync(join(tmpdir(), "interleaf-sandbox-bench-"));
    try {
      // An 8K (7680×4320) JPEG made from a real photo.
      const photo = await sharp(new URL("../fixtures/images/r1v4_demo_2.jpg", import.meta.url).pathname)
        .resize(7680, 4320, { fit: "fill" })
        .jpeg({ quality: 90 })
        .toBuffer();
      const photoPath = join(dir, "photo8k.jpg");
      writeFileSync(photoPath, photo);

      await sandbox.run({ code: "pass" }); // first call checks the requirements once
      const time = async (f: () => Promise<unknown>) => {
        const start = performance.now();
        await f();
        return performance.now() - start;
      };
      const noop = { sandbox: [] as number[], direct: [] as number[] };
      const crop = { sandbox: [] as number[], direct: [] as number[] };
      for (let i = 0; i < ROUNDS; i++) {
        noop.sandbox.push(await time(() => sandbox.run({ code: "pass" })));
        noop.direct.push(await time(() => run(PYTHON, ["-c", "pass"])));
        crop.sandbox.push(
          await time(async () => {
            const result = await sandbox.run({
              code: cropCode("/mnt/inputs/photo8k.jpg", "/mnt/data"),
              inputs: [{ name: "photo8k.jpg", bytes: photo }],
            });
            if (result.images.length !== 1) throw new Error(`the sandboxed crop failed: ${result.stderr}`);
          }),
        );
        crop.direct.push(await time(() => run(PYTHON, ["-c", cropCode(photoPath, dir)])));
      }
      return {
        sandbox_call_ms: measurement(
          median(noop.sandbox),
          median(noop.direct),
          "ms",
          "no-op snippet: sandboxed call (bubblewrap, supervisor, limits) vs python3 -c directly; median of 7",
        ),
        sandbox_crop_8k_ms: measurement(
          median(crop.sandbox),
          median(crop.direct),
          "ms",
          "PIL crop of a 7680×4320 JPEG saved as PNG: sandboxed call incl. writing the input and returning the image vs python3 directly; median of 7",
        ),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
