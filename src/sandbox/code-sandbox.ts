import type { SandboxLimits } from "./sandbox-limits.js";

/** A file given to sandboxed code, read-only, in the sandbox's input folder. */
export interface SandboxInput {
  /** File name inside the input folder: letters, digits, `.`, `_`, `-` (no folders). */
  name: string;
  bytes: Uint8Array;
  /** A Python global bound to this file's path before the code runs (e.g. `image_path`). */
  variable?: string;
  /** The key of this file in the {@link SandboxRequest.pathsVariable} dict (default: `name`). */
  label?: string;
  /**
   * Also copy the file into the work folder at this relative path (writable), e.g.
   * `temp_processed_images/crop.jpg`, so code that reopens an image it saved in an earlier call
   * finds it. Copies are not reported as produced unless the code changes them.
   */
  copyTo?: string;
}

/** A run of code in a {@link CodeSandbox}. */
export interface SandboxRequest {
  /** Python source, as the model wrote it (fences already stripped). */
  code: string;
  inputs?: readonly SandboxInput[];
  /** Further Python globals (JSON values) set before the code runs. */
  globals?: Record<string, unknown>;
  /** A Python global holding a dict `{label: path}` of every input. */
  pathsVariable?: string;
  /**
   * Globals whose assignment to a string literal in the code is replaced by the injected value
   * when the literal is not an existing file: R1V4 models write `image_path = "/eval/17.jpg"`.
   * Each name must also be bound, by an input's `variable` or by `globals`.
   */
  pinnedVariables?: readonly string[];
  /**
   * Absolute path prefixes the code may use, mapped to a folder of the work folder (`""` for the
   * work folder itself): `{ "/mnt/data": "" }` makes `/mnt/data/temp_processed_images/a.jpg`
   * land in the work folder whatever the sandbox's real layout.
   */
  pathAliases?: Record<string, string>;
  /** Folders created in the work folder before the code runs, e.g. `temp_processed_images`. */
  folders?: readonly string[];
  /**
   * Thyme's crop conventions, applied where the code crops, with the size of the image being
   * cropped: `img.crop(box)` on PIL images and reads `arr[y1:y2, x1:x2]` of image arrays
   * (unsigned-integer numpy arrays, H×W or H×W×C, no step). Boxes are clamped to the image and a
   * side shorter than `minSize` grows to `minSize` by moving its far edge (shifted back inside
   * at the border; the whole side when the image is smaller). Off when absent.
   */
  cropRules?: { minSize: number };
  /** Overrides of the sandbox's limits for this run. */
  limits?: Partial<SandboxLimits>;
}

/** How a run ended. */
export type SandboxStatus =
  /** The code finished with exit status 0. */
  | "ok"
  /** The code raised or exited with a non-zero status (syntax errors included). */
  | "error"
  /** Wall-clock limit reached; the code was killed. */
  | "timeout"
  /** CPU-time limit reached. */
  | "cpu_limit"
  /** The code ran out of its address-space limit. */
  | "memory_limit"
  /** The code printed far more than it may; it was killed. */
  | "output_limit";

/** An image the code saved or printed the path of. */
export interface SandboxImage {
  /** The path as the code saw it (inside the sandbox). */
  path: string;
  /** The path relative to the work folder, when it lies in it. */
  workPath?: string;
  /** Whether the code printed the path. Printed images come first, in print order. */
  printed: boolean;
  /** MIME type from the file's magic bytes (the file extension is not trusted). */
  mime: string;
  bytes: Uint8Array;
}

/** A crop box the Thyme rules changed. */
export interface CropAdjustment {
  /** `crop` for `img.crop(box)`, `slice` for `arr[y1:y2, x1:x2]`. */
  kind: "crop" | "slice";
  /** `[x1, y1, x2, y2]` as the code asked. */
  before: number[];
  /** `[x1, y1, x2, y2]` as it ran. */
  after: number[];
  /** `[width, height]` of the image cropped. */
  imageSize: number[];
}

/** What a run gave back. Failures of the code are results (`status`), never exceptions. */
export interface SandboxResult {
  status: SandboxStatus;
  /** Exit status of the code's process, or null when a signal ended it. */
  exitCode: number | null;
  /** The signal that ended it (`SIGKILL`, `SIGXCPU`), or null. */
  signal: string | null;
  /** Captured stdout (head and tail within `outputBytes`; an elision marker in between). */
  stdout: string;
  stderr: string;
  /** Bytes the code wrote to stdout / stderr, kept or not. */
  stdoutBytes: number;
  stderrBytes: number;
  /** Produced images: printed ones in print order, then the others by modification time. */
  images: SandboxImage[];
  /** Images found but not returned (over the limits), with the reason. */
  skippedImages: { path: string; reason: string }[];
  cropAdjustments: CropAdjustment[];
  /** The work folder and input folder as the code saw them. */
  workDir: string;
  inputDir: string;
  /** Time from start to report, measured inside the sandbox. */
  durationMs: number;
}

/**
 * The code-sandbox extension point, version `v1`: runs untrusted Python with input files under
 * limits and returns its output and the images it produced. Implementations must never run the
 * code outside their isolation. Ready implementation: `createLocalSandbox` (bubblewrap).
 */
export interface CodeSandbox {
  readonly specificationVersion: "v1";
  /** A short name for logs (`bubblewrap`, `unsandboxed`). */
  readonly name: string;
  /**
   * Runs code. Throws `InterleafError` `sandbox_unavailable` when the sandbox cannot run at all
   * (missing bubblewrap or python modules), `sandbox_failed` when its runner broke, `aborted`
   * when `signal` fired; everything the code does wrong is in the result.
   */
  run(request: SandboxRequest, options?: { signal?: AbortSignal }): Promise<SandboxResult>;
}
