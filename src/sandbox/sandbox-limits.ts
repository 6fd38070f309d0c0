import { InterleafError } from "../errors/index.js";

/** What one sandboxed run may use. Every field is a positive integer. */
export interface SandboxLimits {
  /** CPU time of the code, in seconds (RLIMIT_CPU; a Python exception first, a kill one second later). */
  cpuSeconds: number;
  /** Wall-clock time of the code, in ms; the host kills the whole sandbox a few seconds after it. */
  wallMs: number;
  /**
   * Memory, in bytes: the address space of each process of the code (RLIMIT_AS) and, under
   * bubblewrap, the resident memory of all its processes together (checked every 100 ms).
   */
  memoryBytes: number;
  /** Processes and threads the sandbox may hold at once (RLIMIT_NPROC, counted per sandbox). */
  processes: number;
  /** Largest file the code may write, in bytes (RLIMIT_FSIZE). */
  fileBytes: number;
  /** Size of the work folder and of /tmp, in bytes (each a size-limited tmpfs under bubblewrap). */
  workBytes: number;
  /** Bytes of stdout and of stderr kept (head and tail; the middle is elided). Over 16× this, the code is stopped. */
  outputBytes: number;
  /** Most images collected from one run. */
  images: number;
  /** Most bytes of images collected from one run, all images together. */
  imageBytes: number;
}

/** Defaults: Thyme's 10 s budget for CPU, a little more for wall time, 2 GiB, 32 processes and threads. */
export const DEFAULT_SANDBOX_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  cpuSeconds: 10,
  wallMs: 15_000,
  memoryBytes: 2 * 1024 ** 3,
  processes: 32,
  fileBytes: 64 * 1024 ** 2,
  workBytes: 256 * 1024 ** 2,
  outputBytes: 64 * 1024,
  images: 16,
  imageBytes: 96 * 1024 ** 2,
});

/**
 * Merges limit overrides onto a base and checks them: every limit must be a positive integer.
 *
 * @example
 * ```ts
 * import { resolveSandboxLimits } from "./sandbox-limits.js";
 * import { DEFAULT_SANDBOX_LIMITS } from "interleaf/sandbox";
 *
 * const limits = resolveSandboxLimits(DEFAULT_SANDBOX_LIMITS, { wallMs: 5_000 });
 * console.log(limits.wallMs, limits.cpuSeconds); // 5000 10
 * ```
 */
export function resolveSandboxLimits(base: Readonly<SandboxLimits>, override: Partial<SandboxLimits> = {}): SandboxLimits {
  const limits = { ...base, ...override };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new InterleafError("invalid_argument", `sandbox limit ${key} must be a positive integer, got ${String(value)}`, {
        details: { argument: `limits.${key}`, value },
      });
    }
  }
  return limits;
}
