import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { ImageStore } from "../../images/image-store.js";
import { renderThreadFile } from "../render-thread.js";
import type { ThreadView } from "../thread-view.js";
import type { EvalRunView } from "./eval-run-view.js";
import { renderEvalFile } from "./render-eval.js";

/** What {@link writeEvalViewFiles} wrote: the run's page and one trajectory page per thread that has a state. */
export interface WrittenEvalView {
  page: string;
  itemPages: string[];
}

/** The folder of an eval page's trajectory pages: `<page without .html>-items`, beside it. */
export function itemFolderOf(page: string): string {
  return join(dirname(page), `${basename(page).replace(/\.html?$/i, "")}-items`);
}

/** A thread's page name in the items folder: the thread id with any other character (e.g. `%` of an encoded item id) as `~` and its code, so names stay distinct. */
const itemFileOf = (threadId: string) => `${threadId.replace(/[^A-Za-z0-9._-]/g, (c) => `~${c.charCodeAt(0).toString(16)}`)}.html`;

/**
 * An eval run as files that need nothing else: `page` (the report and the item table) and, in
 * `<page>-items/`, each thread's self-contained trajectory page, which the item table links to by
 * relative path. Threads without a stored state (never started) are listed without a link.
 */
export async function writeEvalViewFiles(view: EvalRunView, page: string, loadThread: (threadId: string) => Promise<ThreadView | undefined>, images: ImageStore): Promise<WrittenEvalView> {
  const folder = itemFolderOf(page);
  const linked = new Map<string, string>();
  const itemPages: string[] = [];
  for (const { record } of view.rows) {
    const thread = await loadThread(record.threadId);
    if (!thread) continue;
    if (itemPages.length === 0) await mkdir(folder, { recursive: true });
    const file = itemFileOf(record.threadId);
    await writeFile(join(folder, file), await renderThreadFile(thread, images));
    linked.set(record.threadId, `${encodeURIComponent(basename(folder))}/${encodeURIComponent(file)}`);
    itemPages.push(join(folder, file));
  }
  await writeFile(page, renderEvalFile(view, (id) => linked.get(id)));
  return { page, itemPages };
}
