import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { InterleafError } from "../../errors/index.js";
import type { ImageStore } from "../../images/image-store.js";
import { mapSettledConcurrently } from "../../util/map-settled-concurrently.js";
import { renderThreadFile } from "../render-thread.js";
import type { ThreadView } from "../thread-view.js";
import type { EvalRunView } from "./eval-run-view.js";
import { renderEvalFile } from "./render-eval.js";

/** What {@link writeEvalViewFiles} wrote: the run's page and one trajectory page per thread that has a state. */
export interface WrittenEvalView {
  page: string;
  itemPages: string[];
  /** Threads whose page could not be rendered (e.g. an image gone from the store): listed without a link. */
  unrendered: { threadId: string; message: string }[];
}

/** Trajectory pages rendered at once (their images are encoded by sharp's own thread pool). */
const PAGES_AT_ONCE = 4;

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
  await mkdir(folder, { recursive: true });
  const linked = new Map<string, string>();
  const threadIds = view.rows.map((r) => r.record.threadId);
  const written = await mapSettledConcurrently(threadIds, PAGES_AT_ONCE, async (threadId) => {
    const thread = await loadThread(threadId);
    if (!thread) return undefined;
    const file = itemFileOf(threadId);
    await writeFile(join(folder, file), await renderThreadFile(thread, images));
    linked.set(threadId, `${encodeURIComponent(basename(folder))}/${encodeURIComponent(file)}`);
    return join(folder, file);
  });
  const itemPages = written.flatMap((w) => (w.ok && w.value ? [w.value] : []));
  const unrendered = written.flatMap((w, i) => (w.ok ? [] : [{ threadId: threadIds[i] as string, message: InterleafError.isInstance(w.error) ? w.error.message : String(w.error) }]));
  await writeFile(page, renderEvalFile(view, (id) => linked.get(id)));
  return { page, itemPages, unrendered };
}
