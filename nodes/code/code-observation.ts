import type { SandboxResult } from "../../src/sandbox/index.js";

/** A produced image as the observation lists it. */
export interface ListedImage {
  /** "observation N", the name other tools know it by. */
  label: string;
  /** The path as the code wrote it (e.g. `/mnt/data/temp_processed_images/crop.jpg`). */
  path: string;
  width: number;
  height: number;
}

/** How many stderr lines a failed run shows. */
export const ERROR_TAIL_LINES = 20;

/**
 * The observation text of a code run: stdout as printed (sandbox paths shown the way the code
 * wrote them), then on failure what stopped it and the last lines of stderr (the traceback's
 * end), then the produced images with their labels. With `json`, the R1V4 variant
 * `{"result": "<that text>", "type": "code"}`.
 */
export function formatCodeObservation(
  result: Pick<SandboxResult, "status" | "exitCode" | "stdout" | "stderr" | "stdoutBytes" | "skippedImages">,
  images: readonly ListedImage[],
  limits: { wallMs: number; cpuSeconds: number; memoryBytes: number; outputBytes: number },
  format: "text" | "json",
): string {
  const parts: string[] = [];
  const stdout = result.stdout.replace(/\s+$/, "");
  if (stdout) parts.push(stdout);
  const failure = failureLine(result, limits);
  if (failure) {
    parts.push(failure);
    const tail = result.stderr.trimEnd().split("\n").slice(-ERROR_TAIL_LINES).join("\n");
    if (tail) parts.push(tail);
  }
  if (images.length > 0) {
    parts.push(`Images produced: ${images.map((image) => `${image.label} = ${image.path} (${image.width}×${image.height})`).join("; ")}`);
  }
  for (const skipped of result.skippedImages) parts.push(`Image not returned: ${skipped.path} (${skipped.reason})`);
  if (parts.length === 0) parts.push("The code ran and printed nothing. Print the values you need, or save images and print their paths.");
  const text = parts.join("\n");
  return format === "json" ? JSON.stringify({ result: text, type: "code" }) : text;
}

function failureLine(
  result: Pick<SandboxResult, "status" | "exitCode" | "stdoutBytes">,
  limits: { wallMs: number; cpuSeconds: number; memoryBytes: number; outputBytes: number },
): string | undefined {
  switch (result.status) {
    case "ok":
      return undefined;
    case "error":
      return `Error: the code failed (exit status ${result.exitCode ?? "none"}).`;
    case "timeout":
      return `Error: the code ran longer than ${limits.wallMs / 1000} s and was stopped. Make it faster (smaller images, fewer loops).`;
    case "cpu_limit":
      return `Error: the code used its whole CPU-time limit of ${limits.cpuSeconds} s and was stopped. Make it cheaper.`;
    case "memory_limit":
      return `Error: the code ran out of memory (limit ${Math.round(limits.memoryBytes / 1024 ** 2)} MiB). Work on smaller images or crops.`;
    case "output_limit":
      return `Error: the code printed too much (${result.stdoutBytes} bytes and more) and was stopped. Print less.`;
  }
}
