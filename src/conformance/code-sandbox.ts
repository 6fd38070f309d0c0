import { describe, expect, it } from "vitest";
import { InterleafError, isAbortError } from "../errors/index.js";
import type { CodeSandbox } from "../sandbox/code-sandbox.js";

/** Options for {@link codeSandboxConformance}. */
export interface CodeSandboxConformanceOptions {
  /** Timeout of each case in ms (default 60 000). */
  timeoutMs?: number;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];
const SECRET = "INTERLEAF_CONFORMANCE_SECRET";

/**
 * The conformance suite every {@link CodeSandbox} must pass (vitest): version `v1` and a name;
 * output, exit status and byte counts; the code's errors as results, never exceptions; inputs
 * bound to variables and read-only; globals; saved and printed images returned with their MIME
 * type from their bytes; Thyme's crop rules when asked; the wall-clock limit; nothing of the
 * host's environment (no API keys); cancellation. The code needs Python with Pillow.
 *
 * @example
 * ```ts
 * import { createLocalSandbox } from "interleaf";
 * import { codeSandboxConformance } from "interleaf/conformance";
 *
 * codeSandboxConformance("bubblewrap", () => createLocalSandbox());
 * ```
 */
export function codeSandboxConformance(name: string, factory: () => CodeSandbox | Promise<CodeSandbox>, options: CodeSandboxConformanceOptions = {}): void {
  const timeout = options.timeoutMs ?? 60_000;

  describe(`${name}: CodeSandbox conformance`, () => {
    it("declares specification version v1 and a name", async () => {
      const sandbox = await factory();
      expect(sandbox.specificationVersion).toBe("v1");
      expect(sandbox.name.length).toBeGreaterThan(0);
    });

    it("returns what the code printed, its exit status and byte counts", { timeout }, async () => {
      const result = await (await factory()).run({ code: "import sys\nprint('héllo')\nprint('note', file=sys.stderr)" });
      expect(result.status).toBe("ok");
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toBe("héllo\n");
      expect(result.stderr).toBe("note\n");
      expect(result.stdoutBytes).toBe(Buffer.byteLength("héllo\n"));
      expect(result.images).toEqual([]);
    });

    it("reports the code's errors as results with the traceback", { timeout }, async () => {
      const sandbox = await factory();
      const raised = await sandbox.run({ code: "x = 1\nraise ValueError('no such box')" });
      expect(raised.status).toBe("error");
      expect(raised.exitCode).not.toBe(0);
      expect(raised.stderr).toContain("ValueError: no such box");
      const syntax = await sandbox.run({ code: "def (" });
      expect(syntax.status).toBe("error");
      expect(syntax.stderr).toContain("SyntaxError");
    });

    it("binds inputs to variables, read-only, and globals", { timeout }, async () => {
      const code = [
        "print(open(data_path, 'rb').read().decode(), greeting)",
        "try:",
        "    open(data_path, 'ab').write(b'x')",
        "    print('written')",
        "except OSError:",
        "    print('read-only')",
      ].join("\n");
      const result = await (await factory()).run({ code, inputs: [{ name: "data.txt", bytes: new TextEncoder().encode("input"), variable: "data_path" }], globals: { greeting: "hi" } });
      expect(result.stderr).toBe("");
      expect(result.stdout).toBe("input hi\nread-only\n");
    });

    it("returns saved images, printed ones first, with the MIME type of their bytes", { timeout }, async () => {
      const code = [
        "from PIL import Image",
        "Image.new('RGB', (8, 8), 'red').save('first.png')",
        "Image.new('RGB', (8, 8), 'blue').save('shown.jpg', 'PNG')",
        "print('see shown.jpg')",
      ].join("\n");
      const result = await (await factory()).run({ code });
      expect(result.stderr).toBe("");
      expect(result.images.map((image) => [image.workPath, image.printed, image.mime])).toEqual([
        ["shown.jpg", true, "image/png"],
        ["first.png", false, "image/png"],
      ]);
      for (const image of result.images) expect(Array.from(image.bytes.subarray(0, 4))).toEqual(PNG_MAGIC);
    });

    it("applies Thyme's crop rules when asked, and reports the adjustment", { timeout }, async () => {
      const code = "from PIL import Image\nprint(Image.new('L', (200, 100)).crop((10, 10, 20, 20)).size)";
      const sandbox = await factory();
      const ruled = await sandbox.run({ code, cropRules: { minSize: 64 } });
      expect(ruled.stdout).toBe("(64, 64)\n");
      expect(ruled.cropAdjustments).toEqual([{ kind: "crop", before: [10, 10, 20, 20], after: [10, 10, 74, 74], imageSize: [200, 100] }]);
      const plain = await sandbox.run({ code });
      expect(plain.stdout).toBe("(10, 10)\n");
      expect(plain.cropAdjustments).toEqual([]);
    });

    it("stops code at the wall-clock limit with a timeout result", { timeout }, async () => {
      const result = await (await factory()).run({ code: "import time\nprint('started', flush=True)\ntime.sleep(60)", limits: { wallMs: 1_500 } });
      expect(result.status).toBe("timeout");
    });

    it("shows the code nothing of the host's environment", { timeout }, async () => {
      process.env[SECRET] = "sk-must-not-leak";
      try {
        const result = await (await factory()).run({ code: `import os\nprint(os.environ.get(${JSON.stringify(SECRET)}))` });
        expect(result.stdout).toBe("None\n");
      } finally {
        delete process.env[SECRET];
      }
    });

    it("rejects with aborted when cancelled during a run", { timeout }, async () => {
      const sandbox = await factory();
      await sandbox.run({ code: "pass" });
      const controller = new AbortController();
      const running = sandbox.run({ code: "import time\ntime.sleep(30)" }, { signal: controller.signal });
      setTimeout(() => controller.abort(), 300);
      const error = await running.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAbortError(error) || (InterleafError.isInstance(error) && error.code === "aborted"), `expected an abort, got ${String(error)}`).toBe(true);
    });
  });
}
