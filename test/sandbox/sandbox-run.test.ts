// The local sandbox's contract: inputs, globals, rewrites, image collection, and refusing clearly
// when bubblewrap or the python modules are missing.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InterleafError } from "../../src/index.js";
import { createToolContext } from "interleaf/testing";
import { ingestImage } from "../../src/images/ingest.js";
import { MemoryImageStore } from "../../src/images/memory-image-store.js";
import { createLocalSandbox, DEFAULT_SANDBOX_LIMITS } from "../../src/sandbox/index.js";
import { resolveSandboxLimits } from "../../src/sandbox/sandbox-limits.js";
import { codeTool } from "../../nodes/code/index.js";

const sandbox = createLocalSandbox({ limits: { wallMs: 20_000 } });
const photo = readFileSync(new URL("../fixtures/images/nba.png", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "interleaf-sandbox-run-"));
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const errorOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe("running code", () => {
  it("binds inputs, globals, the paths dict, and pins image_path assignments that name no real file", async () => {
    const result = await sandbox.run({
      code: [
        'image_path = "/eval/17127.jpg"',
        "from PIL import Image",
        "print(image_path, Image.open(image_path).size, answer, paths)",
        'other = "/mnt/inputs/photo.png"',
      ].join("\n"),
      inputs: [{ name: "photo.png", bytes: photo, variable: "image_path", label: "original image" }],
      globals: { answer: 42 },
      pathsVariable: "paths",
      pinnedVariables: ["image_path"],
    });
    expect(result.status).toBe("ok");
    // nba.png is really a JPEG of 1119×840; PIL reads it by content.
    expect(result.stdout.trim()).toBe("/mnt/inputs/photo.png (1119, 840) 42 {'original image': '/mnt/inputs/photo.png'}");
  });

  it("collects saved and printed images: printed first in print order, then the rest; ignores non-images and unchanged copies", async () => {
    const result = await sandbox.run({
      code: [
        "from PIL import Image",
        "img = Image.new('RGB', (80, 70), 'blue')",
        "img.save('/mnt/data/z_saved_first.png')",
        "img.save('/tmp/private.png')",
        "img.save('/mnt/data/out/b.jpg')",
        "open('/mnt/data/fake.png', 'w').write('not an image')",
        "open('/mnt/data/notes.txt', 'w').write('text')",
        "print('/mnt/data/out/b.jpg and /tmp/private.png')",
      ].join("\n"),
      inputs: [{ name: "photo.png", bytes: photo, copyTo: "out/earlier.png" }],
      folders: ["out"],
    });
    expect(result.images.map((image) => [image.path, image.printed, image.mime])).toEqual([
      ["/mnt/data/out/b.jpg", true, "image/jpeg"],
      ["/tmp/private.png", true, "image/png"],
      ["/mnt/data/z_saved_first.png", false, "image/png"],
    ]);
    expect(result.images[0]?.workPath).toBe("out/b.jpg");
    expect(result.images[1]?.workPath).toBeUndefined();
  });

  it("maps path aliases to the work folder", async () => {
    const result = await sandbox.run({
      code: "import os\nopen('/some/alias/x.txt', 'w').write('ok')\nprint(os.listdir('/mnt/data/sub'))",
      pathAliases: { "/some/alias": "sub" },
      folders: ["sub"],
    });
    expect(result.stdout.trim()).toBe("['x.txt']");
  });

  it("returns at most `images` images and says which it left out", async () => {
    const result = await sandbox.run({
      code: "from PIL import Image\nfor i in range(4):\n    Image.new('L', (10, 10), i).save(f'/mnt/data/{i}.png')\n    print(f'/mnt/data/{i}.png')",
      limits: { images: 2 },
    });
    expect(result.images.map((image) => image.path)).toEqual(["/mnt/data/0.png", "/mnt/data/1.png"]);
    expect(result.skippedImages.map((skipped) => skipped.path)).toEqual(["/mnt/data/2.png", "/mnt/data/3.png"]);
  });

  it("refuses invalid requests and limits", async () => {
    expect(await errorOf(sandbox.run({ code: "", inputs: [{ name: "../x.png", bytes: photo }] }))).toMatchObject({ code: "invalid_argument" });
    expect(await errorOf(sandbox.run({ code: "", inputs: [{ name: "a.png", bytes: photo, copyTo: "../../etc/x" }] }))).toMatchObject({ code: "invalid_argument" });
    expect(await errorOf(sandbox.run({ code: "", globals: { "not-a-name": 1 } }))).toMatchObject({ code: "invalid_argument" });
    expect(() => resolveSandboxLimits(DEFAULT_SANDBOX_LIMITS, { wallMs: -1 })).toThrow(/wallMs must be a positive integer/);
  });

  it("runs unsandboxed only when asked by the loudly named option, with the same results", async () => {
    const unsafe = createLocalSandbox({ dangerouslyRunUnsandboxed: true, limits: { wallMs: 20_000 } });
    expect(unsafe.name).toBe("unsandboxed");
    expect(sandbox.name).toBe("bubblewrap");
    const result = await unsafe.run({
      code: "from PIL import Image\np = '/mnt/data/temp_processed_images/u.png'\nImage.new('RGB', (5, 5)).save(p)\nprint(p)",
      pathAliases: { "/mnt/data": "" },
      folders: ["temp_processed_images"],
    });
    expect(result.images).toHaveLength(1);
    expect(result.images[0]?.workPath).toBe("temp_processed_images/u.png");
  });
});

describe("missing requirements", () => {
  it("without bubblewrap: sandbox_unavailable saying what to install", async () => {
    const error = await errorOf(createLocalSandbox({ bubblewrap: "/nonexistent/bwrap" }).run({ code: "print(1)" }));
    expect(InterleafError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "sandbox_unavailable" });
    expect((error as Error).message).toContain("apt-get install -y bubblewrap");
  });

  it("without python3: sandbox_unavailable naming the interpreter", async () => {
    const error = await errorOf(createLocalSandbox({ python: "/nonexistent/python3" }).run({ code: "print(1)" }));
    expect(error).toMatchObject({ code: "sandbox_unavailable" });
    expect((error as Error).message).toMatch(/\/nonexistent\/python3 was not found.*apt-get install -y python3/s);
  });

  it("with a python lacking Pillow, numpy and OpenCV: names the Debian packages", async () => {
    // A real interpreter without Debian's dist-packages on its path.
    const bare = join(scratch, "bare-python3");
    writeFileSync(bare, '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n', { mode: 0o755 });
    const error = await errorOf(createLocalSandbox({ python: bare, readOnlyPaths: [scratch] }).run({ code: "print(1)" }));
    expect(error).toMatchObject({ code: "sandbox_unavailable" });
    expect((error as Error).message).toContain("apt-get install -y python3-pil");
  });

  it("the code tool passes the refusal on (the executor shows it to the model)", async () => {
    const store = new MemoryImageStore();
    const ref = await ingestImage(store, photo);
    const tool = codeTool({ sandbox: createLocalSandbox({ bubblewrap: "/nonexistent/bwrap" }) });
    const error = await errorOf(tool.execute({ code: "print(1)" }, createToolContext({ images: store, inputs: [ref] })));
    expect(error).toMatchObject({ code: "sandbox_unavailable" });
  });
});
