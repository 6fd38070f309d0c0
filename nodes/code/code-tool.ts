import { createHash } from "node:crypto";
import { posix } from "node:path";
import { ingestToolImage } from "../../src/images/ingest-tool-image.js";
import { readImageHeader } from "../../src/images/decode-image.js";

/**
 * Pixels the images of one code call may hold in all (as declared by their headers): 100 megapixels.
 * Each image kept is decoded whole when it is stored and again for later requests, so sixteen
 * 10000×10000 images (a few KB each as PNG) would otherwise cost minutes of CPU.
 */
const MAX_PIXELS_PER_CALL = 100_000_000;
import { z } from "zod";
import { InterleafError, defineTool, type ImageRef, type Tool, type ToolContext, type ToolOutput } from "../../src/index.js";
import { type GalleryEntry } from "../../src/images/gallery.js";
import { DEFAULT_SANDBOX_LIMITS, type CodeSandbox, type SandboxInput, type SandboxLimits, type SandboxResult } from "../../src/sandbox/index.js";
import { resolveSandboxLimits } from "../../src/sandbox/sandbox-limits.js";
import { fileExtensionFor } from "../../src/images/image-format.js";
import { formatCodeObservation, type ListedImage } from "./code-observation.js";
import { extractPythonCode } from "./extract-python-code.js";
import { R1V4_CODE_PATHS } from "./r1v4-code-paths.js";
import { checkSpecificationVersion } from "../../src/util/specification-version.js";

/** Options of {@link codeTool}. */
export interface CodeToolOptions {
  /** Where the code runs, e.g. `createLocalSandbox()`. */
  sandbox: CodeSandbox;
  /**
   * Thyme's crop conventions (clamp crop boxes to the image, grow a side shorter than `minSize`,
   * 64 px by default, by moving its far edge), applied where the code crops with `img.crop(box)`
   * or slices `arr[y1:y2, x1:x2]`. Default `true`, as in the sandboxes R1V4 and Thyme were
   * trained with.
   */
  thymeCropRules?: boolean | { minSize: number };
  /** `text` (default) or `json` for R1V4's `{"result": "...", "type": "code"}` observations. */
  resultFormat?: "text" | "json";
  /** Limits of each run, over the sandbox's own. */
  limits?: Partial<SandboxLimits>;
  /** Tool name. Default `code`. */
  name?: string;
}

const CodeInput = z.object({
  code: z.string().min(1, "code must not be empty").max(200_000).describe("Python code (PIL, OpenCV as cv2, numpy) to run on the image."),
});

/**
 * R1V4's `code` tool (its only tool in general mode): runs model-written Python (PIL, OpenCV,
 * numpy) in a {@link CodeSandbox} and brings back what it printed and the images it saved.
 *
 * - The original image's path is in `image_path`; a literal assignment the model writes
 *   (`image_path = "/eval/17.jpg"`) is rewritten to it. Every image seen so far is a read-only
 *   file named after its label (`/mnt/inputs/observation_2.png`), listed in the dict
 *   `image_paths` (label → path); images saved by earlier code calls are back at the paths they
 *   were saved to, so code can reopen them.
 * - `/mnt/data/temp_processed_images/` (R1V4/Thyme's output folder) is in the per-call work
 *   folder; every image the code saved there (or anywhere in the work folder) or printed the
 *   path of comes back, in print order, as a new image with provenance op `code` (params:
 *   `sha256` of the code, `path`). No affine map: code is no known geometric operation.
 * - The observation is stdout as printed, paths left as the code wrote them (they stay valid in
 *   later calls), then on failure the reason and the last lines of stderr, then one line naming
 *   the produced images `observation N = <path> (W×H)`. N assumes the executor numbers a call's
 *   images right after those in `context.gallery` (one code call per turn).
 * - Failures of the code (syntax errors, exceptions, timeouts, memory) are observations, never
 *   exceptions; a missing sandbox throws `sandbox_unavailable` saying what to install.
 *
 * @example
 * ```ts
 * import { createLocalSandbox } from "interleaf/sandbox";
 * import { codeTool } from "interleaf/nodes";
 *
 * const code = codeTool({ sandbox: createLocalSandbox(), resultFormat: "json" });
 * console.log(code.name); // "code"
 * ```
 */
export function codeTool(options: CodeToolOptions): Tool<typeof CodeInput> {
  const sandbox = checkSpecificationVersion("CodeSandbox", options.sandbox);
  const cropRules = options.thymeCropRules === false ? undefined : { minSize: options.thymeCropRules === true || options.thymeCropRules === undefined ? 64 : options.thymeCropRules.minSize };
  const format = options.resultFormat ?? "text";
  const limits = resolveSandboxLimits(DEFAULT_SANDBOX_LIMITS, options.limits);
  return defineTool({
    name: options.name ?? "code",
    description:
      "Runs Python code on the image in a sandbox with PIL, OpenCV (cv2) and numpy (no network). The original image's path is in " +
      "`image_path`; coordinates are absolute pixels of the original image. Save result images under " +
      `${R1V4_CODE_PATHS.outputDir}/ and print their paths: they come back as new images. Earlier images are in the dict ` +
      "`image_paths` (label → path). Returns what the code printed, or the end of the error.",
    input: CodeInput,
    example: {
      code: [
        "from PIL import Image",
        "image = Image.open(image_path)",
        "crop = image.crop((1250, 1030, 1360, 1070)).resize((220, 80))",
        `path = "${R1V4_CODE_PATHS.outputDir}/crop_1.jpg"`,
        "crop.save(path)",
        "print(path)",
      ].join("\n"),
    },
    async execute(input, context): Promise<ToolOutput> {
      const code = extractPythonCode(input.code);
      if (!code) throw new InterleafError("tool_input_invalid", "the code argument holds no Python; send the code itself, e.g. in a ```python fence", {
          details: { issues: [{ path: ["code"], message: "holds no Python" }] },
        });
      const sha256 = createHash("sha256").update(code).digest("hex");
      const original = context.gallery.resolve();
      const inputs = await sandboxInputs(context);
      const result = await sandbox.run(
        {
          code,
          inputs,
          pathsVariable: "image_paths",
          pinnedVariables: ["image_path"],
          globals: { temp_output_dir: R1V4_CODE_PATHS.outputDir },
          pathAliases: { [R1V4_CODE_PATHS.dataDir]: "" },
          folders: [R1V4_CODE_PATHS.outputFolder],
          ...(cropRules ? { cropRules } : {}),
          limits,
        },
        { signal: context.signal },
      );
      const shown = (path: string) => showPath(path, result);
      let next = context.gallery.entries.filter((entry) => entry.label.startsWith("observation ")).length + 1;
      const refs: ImageRef[] = [];
      const listed: ListedImage[] = [];
      const unreadable: { path: string; reason: string }[] = [];
      let keptPixels = 0;
      for (const image of result.images) {
        const path = shown(image.path);
        try {
          // Every image kept is decoded whole now and again for later requests: one call's images share a pixel budget.
          const { width, height } = await readImageHeader(image.bytes);
          if (keptPixels + width * height > MAX_PIXELS_PER_CALL) {
            unreadable.push({ path, reason: `not kept: the images of one code call may hold ${MAX_PIXELS_PER_CALL / 1_000_000} megapixels in all; save fewer or smaller images` });
            continue;
          }
          keptPixels += width * height;
          const ref = await ingestToolImage(context.images, image.bytes, { provenance: { parent: original, op: { name: "code", params: { sha256, path } } } });
          refs.push(ref);
          listed.push({ label: `observation ${next++}`, path, width: ref.width, height: ref.height });
        } catch (error) {
          if (!InterleafError.isInstance(error)) throw error;
          unreadable.push({ path, reason: error.message });
        }
      }
      const mapped = {
        ...result,
        stdout: replaceAll(result.stdout, result.workDir, R1V4_CODE_PATHS.dataDir),
        stderr: replaceAll(result.stderr, result.workDir, R1V4_CODE_PATHS.dataDir),
        skippedImages: [...result.skippedImages.map((s) => ({ ...s, path: shown(s.path) })), ...unreadable],
      };
      return {
        text: formatCodeObservation(mapped, listed, limits, format),
        images: refs,
        data: {
          status: result.status,
          exitCode: result.exitCode,
          codeSha256: sha256,
          images: listed,
          cropAdjustments: result.cropAdjustments,
          skippedImages: mapped.skippedImages,
          durationMs: result.durationMs,
        },
      };
    },
  });
}

/** Every image the model has seen, as read-only files named after their labels. */
async function sandboxInputs(context: ToolContext): Promise<SandboxInput[]> {
  const inputs: SandboxInput[] = [];
  const copies = new Map<string, number>();
  for (const [index, entry] of context.gallery.entries.entries()) {
    const { bytes, mime } = await context.images.get(entry.ref.id);
    const input: SandboxInput = { name: `${entry.label.replace(/[^A-Za-z0-9]+/g, "_")}.${fileExtensionFor(mime)}`, bytes, label: entry.label };
    if (index === 0) input.variable = "image_path";
    const saved = savedPath(entry);
    if (saved) copies.set(saved, inputs.length);
    inputs.push(input);
  }
  // The latest image saved at a path wins, as it did on disk.
  for (const [path, at] of copies) {
    const input = inputs[at];
    if (input) input.copyTo = path;
  }
  return inputs;
}

/** Where an earlier code call saved this image, relative to the work folder. */
function savedPath(entry: GalleryEntry): string | undefined {
  const path = entry.ref.op?.name === "code" ? entry.ref.op.params["path"] : undefined;
  if (typeof path !== "string") return undefined;
  // The path is model output ("/mnt/data//x.png", "/mnt/data/a/../x.png"): normalise it, keep only paths inside the folder.
  const relative = posix.relative(R1V4_CODE_PATHS.dataDir, posix.normalize(path));
  return relative && !relative.startsWith("..") && !posix.isAbsolute(relative) ? relative : undefined;
}

/** A sandbox path as the model knows it: the work folder shown as /mnt/data. */
function showPath(path: string, result: SandboxResult): string {
  if (path === result.workDir || path.startsWith(`${result.workDir}/`)) return `${R1V4_CODE_PATHS.dataDir}${path.slice(result.workDir.length)}`;
  return path;
}

function replaceAll(text: string, from: string, to: string): string {
  return from === to ? text : text.split(from).join(to);
}
