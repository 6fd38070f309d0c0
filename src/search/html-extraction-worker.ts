// The worker thread of `extractHtml`: reads pages with `htmlToText`, one message at a time.
import { parentPort } from "node:worker_threads";
import { htmlToText, type HtmlSizeLimits } from "./html-to-text.js";

parentPort?.on("message", (job: { id: number; html: string; limits: HtmlSizeLimits }) => {
  try {
    parentPort?.postMessage({ id: job.id, page: htmlToText(job.html, job.limits) });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, failure: error instanceof Error ? error.message : String(error) });
  }
});
parentPort?.postMessage({ ready: true });
