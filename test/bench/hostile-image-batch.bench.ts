// The worst image batch one code call can hand over: 16 images (the sandbox's image limit) of 10000×10000
// pixels (each PNG is tiny, as in issue 17), through the code tool's own handling (what it keeps is stored)
// and then one model request holding what was kept, in a fresh process (for its own peak RSS), against 16
// ordinary 1000×1000 images. Target (issue 17): under 5 s of CPU and 1 GB of memory.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { measurement, type Bench } from "./measurement.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const COUNT = 16;

interface BatchCost {
  cpuMs: number;
  maxRssMb: number;
}

async function writeBatch(dir: string, side: number): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const file = join(dir, `${side}-${i}.png`);
    const png = await sharp({ create: { width: side, height: side, channels: 3, background: { r: i * 15, g: 128, b: 255 - i * 15 } }, limitInputPixels: false }).png({ compressionLevel: 9 }).toBuffer();
    writeFileSync(file, png);
    files.push(file);
  }
  return files;
}

function costInChild(files: string[]): Promise<BatchCost> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", "test/bench/image-batch-child.ts", ...files], { cwd: root, timeout: 300_000, killSignal: "SIGKILL" }, (error, stdout, stderr) => {
      if (error) reject(new Error(`the image batch did not finish: ${error.message} ${stderr}`));
      else resolve(JSON.parse(stdout.trim()) as BatchCost);
    });
  });
}

const bench: Bench = {
  name: "hostile image batch",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-image-batch-"));
    try {
      const normal = await costInChild(await writeBatch(dir, 1000));
      const hostile = await costInChild(await writeBatch(dir, 10_000));
      const note = `${COUNT} images of 10000×10000 from one code call, kept and sent in one request, vs ${COUNT} of 1000×1000, whole process`;
      return {
        hostile_image_batch_cpu_ms: measurement(hostile.cpuMs, normal.cpuMs, "ms", `${note}; target < 5000 ms`),
        hostile_image_batch_peak_rss_mb: measurement(hostile.maxRssMb, normal.maxRssMb, "MB", `${note}; target < 1024 MB`),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
