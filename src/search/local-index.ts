import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { InterleafError } from "../errors/index.js";
import { CAPTION_FILES, listFiles, loadLocalDocuments } from "./local-documents.js";
import { indexImageFile, localImageIndex, type LocalImageEntry, type LocalImageIndexFile, type LocalImageIndexOptions } from "./local-image-index.js";
import { buildLocalTextIndex, localTextIndex, type LocalTextIndex, type LocalTextIndexFile } from "./local-text-index.js";
import type { ImageSearchBackend } from "./image-search-backend.js";

/** Options for {@link buildLocalIndex}. */
export interface BuildLocalIndexOptions {
  /** Where to write the index (a folder; see `defaultIndexDir` for the usual place). */
  out: string;
  /** Another folder of images to index, besides the images inside the document folder. */
  images?: string;
  /**
   * Captions of the images: JSON lines (`{"file", "title", "caption", "link"}` per line) or a JSON
   * object from file name to caption text or such an object. Default: `captions.jsonl` or
   * `captions.json` in the document folder.
   */
  captions?: string;
}

/** What {@link buildLocalIndex} wrote. */
export interface LocalIndexSummary {
  out: string;
  documents: number;
  images: number;
}

/** An opened local index: text search and page visits over its documents, reverse image search over its images. */
export interface LocalIndex {
  /** Undefined when the index has no documents. */
  text?: LocalTextIndex;
  /** Undefined when the index has no images. */
  images?: ImageSearchBackend & { readonly size: number };
}

const IMAGE_EXTENSIONS = new Set([".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".avif"]);

/** Where the index lives for a checkpoint database: `<folder of the db>/index`. */
export function defaultIndexDir(databasePath: string): string {
  return join(dirname(resolve(databasePath)), "index");
}

/**
 * Builds the offline index `interleaf index <folder>` writes: a full-text index of the folder's
 * documents (markdown, text, HTML, JSON lines) in `text-index.json` and a reverse image index
 * of its captioned images in `image-index.json`, both in `options.out`.
 *
 * @example
 * ```ts
 * import { buildLocalIndex, openLocalIndex } from "interleaf/search";
 *
 * const summary = await buildLocalIndex("./corpus", { out: ".interleaf/index" });
 * const index = await openLocalIndex(summary.out);
 * console.log(summary.documents, (await index.text?.search("vending machine"))?.results[0]?.title);
 * ```
 */
export async function buildLocalIndex(folder: string, options: BuildLocalIndexOptions): Promise<LocalIndexSummary> {
  const documents = await loadLocalDocuments(folder);
  const captions = await readCaptions(options.captions ?? (await findCaptions(folder)));
  const imageFiles: { file: string; path: string }[] = [];
  for (const root of [folder, ...(options.images ? [options.images] : [])]) {
    for (const path of await listFiles(root)) {
      if (IMAGE_EXTENSIONS.has(extname(path).toLowerCase())) imageFiles.push({ file: relative(root, path).split(sep).join("/"), path: resolve(path) });
    }
  }
  const images: LocalImageEntry[] = [];
  for (const { file, path } of imageFiles) images.push(await indexImageFile(file, path, captions.get(file) ?? captions.get(file.split("/").pop() ?? file) ?? {}));
  await mkdir(options.out, { recursive: true });
  const textFile = buildLocalTextIndex(documents);
  const imageFile: LocalImageIndexFile = { format: "interleaf-image-index", version: 1, images };
  await writeFile(join(options.out, "text-index.json"), JSON.stringify(textFile));
  await writeFile(join(options.out, "image-index.json"), JSON.stringify(imageFile));
  return { out: options.out, documents: documents.length, images: images.length };
}

/**
 * Opens an index written by {@link buildLocalIndex}. `text` is a `SearchBackend` and a
 * `PageFetcher` (its documents can be visited offline), `images` an `ImageSearchBackend`.
 *
 * @example
 * ```ts
 * import { openLocalIndex } from "interleaf/search";
 *
 * const { text, images } = await openLocalIndex(".interleaf/index");
 * console.log(text?.size, images?.size);
 * ```
 */
export async function openLocalIndex(dir: string, options: LocalImageIndexOptions = {}): Promise<LocalIndex> {
  const text = await readJson<LocalTextIndexFile>(join(dir, "text-index.json"));
  const images = await readJson<LocalImageIndexFile>(join(dir, "image-index.json"));
  if (!text && !images) throw new InterleafError("config_invalid", `no local index in ${dir}; build one with \`interleaf index <folder>\``);
  const out: LocalIndex = {};
  if (text && text.documents.length > 0) out.text = localTextIndex(text);
  if (images && images.images.length > 0) out.images = localImageIndex(images, options);
  return out;
}

async function readJson<T>(path: string): Promise<T | undefined> {
  let content: string;
  try {
    content = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(content) as T;
  } catch (error) {
    throw new InterleafError("config_invalid", `${path} is not valid JSON; rebuild the index with \`interleaf index <folder>\``, { cause: error });
  }
}

async function findCaptions(folder: string): Promise<string | undefined> {
  for (const name of CAPTION_FILES) {
    const path = join(folder, name);
    if (await readFile(path).then(() => true, () => false)) return path;
  }
  return undefined;
}

type Caption = { title?: string; caption?: string; link?: string };

async function readCaptions(path: string | undefined): Promise<Map<string, Caption>> {
  const out = new Map<string, Caption>();
  if (!path) return out;
  const content = await readFile(path, "utf8");
  const pick = (value: unknown): Caption => {
    if (typeof value === "string") return { caption: value };
    const record = (value ?? {}) as Record<string, unknown>;
    const s = (key: string) => (typeof record[key] === "string" ? (record[key] as string) : undefined);
    return { ...(s("title") ? { title: s("title") } : {}), ...(s("caption") ? { caption: s("caption") } : {}), ...(s("link") ? { link: s("link") } : {}) };
  };
  try {
    if (path.endsWith(".jsonl")) {
      for (const line of content.split("\n")) {
        if (!line.trim()) continue;
        const record = JSON.parse(line) as Record<string, unknown>;
        if (typeof record.file === "string") out.set(record.file, pick(record));
      }
    } else {
      for (const [file, value] of Object.entries(JSON.parse(content) as Record<string, unknown>)) out.set(file, pick(value));
    }
  } catch (error) {
    throw new InterleafError("invalid_argument", `the captions file ${path} is not valid JSON (lines); fix it`, { cause: error });
  }
  return out;
}
