import { InterleafError } from "../errors/index.js";
import type { SandboxLimits } from "./sandbox-limits.js";

/** Default memory all sandboxed runs of a process may hold at once: 6 GiB (two runs at the default limits). */
export const DEFAULT_SANDBOX_MEMORY_BUDGET_BYTES = 6 * 1024 ** 3;

/**
 * What one run may hold in memory at worst: its processes' memory limit, plus the size-limited
 * in-memory file systems it writes to (the work folder, /tmp and /dev/shm), which no process
 * limit counts.
 */
export function sandboxFootprint(limits: Pick<SandboxLimits, "memoryBytes" | "workBytes">): number {
  return limits.memoryBytes + 2 * limits.workBytes + Math.min(limits.workBytes, 64 * 1024 ** 2);
}

/**
 * Memory shared by every sandboxed run of a process: a run waits until its whole footprint (see
 * {@link sandboxFootprint}) fits, so eight parallel code calls cannot add up to eight sandboxes'
 * worth of memory. A run larger than the whole budget runs alone.
 *
 * @example
 * ```ts
 * import { SandboxMemoryBudget } from "interleaf/sandbox";
 *
 * const budget = new SandboxMemoryBudget(4 * 1024 ** 3);
 * const release = await budget.reserve(3 * 1024 ** 3);
 * console.log(budget.usedBytes); // 3221225472
 * release();
 * ```
 */
export class SandboxMemoryBudget {
  readonly capacityBytes: number;
  #used = 0;
  #running = 0;
  readonly #waiting: { bytes: number; start: () => void }[] = [];

  constructor(capacityBytes: number = DEFAULT_SANDBOX_MEMORY_BUDGET_BYTES) {
    if (!(capacityBytes > 0)) throw new InterleafError("invalid_argument", `a sandbox memory budget must be positive, got ${capacityBytes}`, { details: { argument: "capacityBytes", value: capacityBytes } });
    this.capacityBytes = capacityBytes;
  }

  /** Bytes reserved by runs in progress. */
  get usedBytes(): number {
    return this.#used;
  }

  /** Waits until `bytes` fit (first come, first served), reserves them and returns the release. */
  async reserve(bytes: number, signal?: AbortSignal): Promise<() => void> {
    if (this.#waiting.length === 0 && this.#fits(bytes)) {
      this.#used += bytes;
      this.#running++;
    } else {
      // #wake reserves the bytes for us before it lets us go.
      await new Promise<void>((resolve, reject) => {
        const entry = { bytes, start: resolve };
        this.#waiting.push(entry);
        signal?.addEventListener(
          "abort",
          () => {
            const at = this.#waiting.indexOf(entry);
            if (at < 0) return;
            this.#waiting.splice(at, 1);
            reject(new InterleafError("aborted", "the code run was cancelled while it waited for sandbox memory"));
            this.#wake();
          },
          { once: true },
        );
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#used -= bytes;
      this.#running--;
      this.#wake();
    };
  }

  #fits(bytes: number): boolean {
    return this.#running === 0 || this.#used + bytes <= this.capacityBytes;
  }

  #wake(): void {
    while (this.#waiting.length > 0 && this.#fits(this.#waiting[0]!.bytes)) {
      const next = this.#waiting.shift()!;
      this.#used += next.bytes;
      this.#running++;
      next.start();
    }
  }
}

let shared: SandboxMemoryBudget | undefined;

/** The budget every local sandbox of this process shares unless given its own. */
export function processSandboxBudget(): SandboxMemoryBudget {
  shared ??= new SandboxMemoryBudget();
  return shared;
}
