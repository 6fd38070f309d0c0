import { Worker } from "node:worker_threads";
import { InterleafError } from "../errors/index.js";
import type { ExtractedHtml, HtmlSizeLimits } from "./html-to-text.js";

/** Limits of {@link extractHtml}: the size limits of `htmlToText`, a deadline and a memory cap. */
export interface HtmlExtractionLimits extends HtmlSizeLimits {
  /** Wall-clock time one page may take to read; the worker is stopped past it (default 10,000 ms). */
  timeoutMs?: number;
  /** Heap of the worker that reads pages, in MB; a page needing more is refused (default 512). */
  maxMemoryMb?: number;
}

/** The defaults of the deadline and memory cap of {@link extractHtml}. */
export const DEFAULT_HTML_EXTRACTION_LIMITS = { timeoutMs: 10_000, maxMemoryMb: 512 } as const;

interface Reader {
  worker: Worker;
  maxMemoryMb: number;
  /** Settles when the worker has loaded its modules (the deadline of a page starts after it). */
  ready: Promise<void>;
  /** The queue: each page waits for the one before it. */
  tail: Promise<unknown>;
  nextId: number;
}

let shared: Reader | undefined;

/**
 * Reads an HTML page with `htmlToText` in a worker thread, so that no page can block the process:
 * past `timeoutMs` the worker is terminated (a fresh one reads the next page), and its heap is
 * capped at `maxMemoryMb`. Pages are read one at a time by one shared worker, started on first
 * use and not keeping the process alive. A page that hits a limit is a `fetch_failed` error
 * (not retryable) whose `details.limit` names the limit; an aborted `signal` gives `aborted`.
 *
 * @example
 * ```ts
 * import { extractHtml } from "interleaf";
 *
 * const page = await extractHtml("<html><head><title>Hi</title></head><body><p>Hello</p></body></html>", { timeoutMs: 5_000 });
 * console.log(page.title); // "Hi"
 * ```
 */
export async function extractHtml(html: string, limits: HtmlExtractionLimits = {}, options: { signal?: AbortSignal; what?: string } = {}): Promise<ExtractedHtml> {
  const { timeoutMs, maxMemoryMb, ...sizeLimits } = { ...DEFAULT_HTML_EXTRACTION_LIMITS, ...limits };
  const what = options.what ?? "the page";
  const reader = readerFor(maxMemoryMb);
  const run = reader.tail.then(() => reader.ready).then(() => readOne(reader, html, sizeLimits, { timeoutMs, maxMemoryMb, what, signal: options.signal }));
  reader.tail = run.catch(() => undefined);
  return run;
}

function readerFor(maxMemoryMb: number): Reader {
  if (shared && shared.maxMemoryMb === maxMemoryMb) return shared;
  if (shared) {
    const old = shared;
    void old.tail.then(() => old.worker.terminate());
  }
  const worker = startWorker(maxMemoryMb);
  const ready = new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", (error) => reject(new InterleafError("fetch_failed", `the HTML reader could not start (${error.message})`, { cause: error, details: { limit: "none" } })));
    worker.once("exit", (code) => reject(new InterleafError("fetch_failed", `the HTML reader stopped before it started (exit code ${code})`, { details: { limit: "none" } })));
  });
  ready.catch(() => {
    if (shared?.worker === worker) shared = undefined;
  });
  shared = { worker, maxMemoryMb, ready, tail: Promise.resolve(), nextId: 0 };
  return shared;
}

function startWorker(maxMemoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: Math.min(64, maxMemoryMb), stackSizeMb: 4 };
  const here = import.meta.url;
  const worker = here.endsWith(".ts")
    ? // From the TypeScript sources (tests, `npm run bench`) the worker loads tsx first; the
      // published package runs the compiled `.js` directly.
      new Worker(`import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(new URL("./html-extraction-worker.ts", here).href)}, ${JSON.stringify(here)}))`, { eval: true, resourceLimits })
    : new Worker(new URL("./html-extraction-worker.js", here), { resourceLimits });
  worker.unref();
  return worker;
}

interface Job {
  timeoutMs: number;
  maxMemoryMb: number;
  what: string;
  signal: AbortSignal | undefined;
}

function readOne(reader: Reader, html: string, sizeLimits: HtmlSizeLimits, job: Job): Promise<ExtractedHtml> {
  if (job.signal?.aborted) return Promise.reject(aborted(job.what));
  const id = ++reader.nextId;
  const { worker } = reader;
  return new Promise<ExtractedHtml>((resolve, reject) => {
    const stop = (error: InterleafError) => {
      finish();
      if (shared === reader) shared = undefined;
      void worker.terminate();
      reject(error);
    };
    const onMessage = (message: { id: number; page?: ExtractedHtml; failure?: string }) => {
      if (message.id !== id) return;
      finish();
      if (message.page) resolve(message.page);
      else reject(new InterleafError("fetch_failed", `${job.what} could not be read as HTML (${message.failure ?? "unknown failure"}); try another source`, { details: { limit: "none" } }));
    };
    const onError = (error: Error) => {
      const memory = (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
      stop(new InterleafError("fetch_failed", memory
        ? `${job.what} needs more than ${job.maxMemoryMb} MB to read; it is too large or too complex, try another source`
        : `reading ${job.what} failed (${error.message}); try another source`, { cause: error, retryable: false, details: memory ? { limit: "maxMemoryMb", maxMemoryMb: job.maxMemoryMb } : { limit: "none" } }));
    };
    const onExit = (code: number) => stop(new InterleafError("fetch_failed", `the reader of ${job.what} stopped (exit code ${code}); try another source`, { retryable: false, details: { limit: "none" } }));
    const onAbort = () => stop(aborted(job.what));
    const timer = setTimeout(() => stop(new InterleafError("fetch_failed", `${job.what} took longer than ${job.timeoutMs} ms to read; it is too large or too complex, try another source`, {
      retryable: false,
      details: { limit: "timeoutMs", timeoutMs: job.timeoutMs },
    })), job.timeoutMs);
    function finish() {
      clearTimeout(timer);
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      job.signal?.removeEventListener("abort", onAbort);
    }
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    job.signal?.addEventListener("abort", onAbort, { once: true });
    worker.postMessage({ id, html, limits: sizeLimits });
  });
}

function aborted(what: string): InterleafError {
  return new InterleafError("aborted", `reading ${what} was cancelled`);
}
