import { createHash } from "node:crypto";
import MiniSearch from "minisearch";
import { InterleafError } from "../errors/index.js";
import type { LocalDocument } from "./local-documents.js";
import type { PageFetcher } from "./page-fetcher.js";
import type { SearchBackend } from "./search-backend.js";
import type { TextSearchResult } from "./search-results.js";

/** A passage of a document: what the full-text engine indexes. */
interface Chunk {
  id: string;
  /** Index of the document in `documents`. */
  doc: number;
  title: string;
  text: string;
}

/** The stored form of a local text index (`text-index.json`). */
export interface LocalTextIndexFile {
  format: "interleaf-text-index";
  version: 1;
  documents: LocalDocument[];
  chunks: { doc: number; text: string }[];
  /** MiniSearch's own serialisation of the inverted index. */
  engine: unknown;
}

/** A local text index: a `SearchBackend` over its documents and a `PageFetcher` for their URLs. */
export type LocalTextIndex = SearchBackend &
  PageFetcher & {
    /** How many documents it holds. */
    readonly size: number;
  };

const CHUNK_CHARS = 900;

/**
 * MiniSearch settings. Why MiniSearch: a real full-text engine (inverted index, BM25+ ranking,
 * prefix and fuzzy matching, field boosts) in plain JavaScript with no native build and no
 * dependencies; its index serialises to JSON, so `interleaf index` builds it once and a run
 * loads it in milliseconds; and it is small enough for a default that ships with the SDK.
 * Lunr cannot add documents after building and is unmaintained; FlexSearch ranks by position
 * rather than BM25; SQLite FTS5 would tie a portable index folder to one database.
 */
const ENGINE_OPTIONS = {
  fields: ["title", "text"],
  storeFields: ["doc"],
  searchOptions: { boost: { title: 2 }, prefix: (term: string) => term.length >= 4, fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false), combineWith: "OR" as const },
};

/** Builds the stored form of a text index from documents (split into ~900-character passages). */
export function buildLocalTextIndex(documents: readonly LocalDocument[]): LocalTextIndexFile {
  const chunks: Chunk[] = [];
  documents.forEach((doc, index) => {
    splitPassages(doc.text).forEach((text, n) => chunks.push({ id: `${index}:${n}`, doc: index, title: doc.title, text }));
  });
  const engine = new MiniSearch<Chunk>(ENGINE_OPTIONS);
  engine.addAll(chunks);
  return { format: "interleaf-text-index", version: 1, documents: [...documents], chunks: chunks.map(({ doc, text }) => ({ doc, text })), engine: engine.toJSON() };
}

/**
 * Opens a stored text index (the parsed `text-index.json`) as a search backend and a page
 * fetcher for its `local://` URLs and the `url`s its JSON lines records carry (offline visits).
 *
 * @example
 * ```ts
 * import { buildLocalTextIndex, localTextIndex } from "interleaf/search";
 *
 * const file = buildLocalTextIndex([{ id: "a.md", title: "Vending machines", url: "local://a.md", text: "Vending machines sell drinks and snacks." }]);
 * const index = localTextIndex(file);
 * const { results } = await index.search("drinks");
 * console.log(results[0]?.title); // "Vending machines"
 * ```
 */
export function localTextIndex(file: LocalTextIndexFile): LocalTextIndex {
  if (file.format !== "interleaf-text-index" || file.version !== 1) {
    throw new InterleafError("config_invalid", "this is not an interleaf text index (version 1); rebuild it with `interleaf index <folder>`");
  }
  const engine = MiniSearch.loadJSON<Chunk>(JSON.stringify(file.engine), ENGINE_OPTIONS);
  const byUrl = new Map(file.documents.map((doc) => [doc.url, doc]));
  const chunkById = chunkIds(file);
  const fingerprint = createHash("sha256").update(JSON.stringify(file.documents.map((d) => [d.id, d.text.length]))).digest("hex").slice(0, 16);
  return {
    specificationVersion: "v1",
    provider: "local",
    fingerprint,
    cacheable: false,
    size: file.documents.length,
    async search(query, options = {}) {
      options.signal?.throwIfAborted();
      const max = options.maxResults ?? 10;
      const hits = engine.search(query);
      const seen = new Set<number>();
      const results: TextSearchResult[] = [];
      for (const hit of hits) {
        const doc = (hit as unknown as { doc: number }).doc;
        if (seen.has(doc)) continue;
        seen.add(doc);
        const document = file.documents[doc];
        const chunk = chunkById.get(String(hit.id));
        if (!document) continue;
        results.push({ title: document.title, url: document.url, snippet: snippet(chunk?.text ?? document.text, hit.terms) });
        if (results.length >= max) break;
      }
      return { results };
    },
    handles: (url) => byUrl.has(url),
    async fetch(url) {
      const doc = byUrl.get(url);
      if (!doc) throw new InterleafError("fetch_failed", `${url} is not a document of the local index; visit a URL from the search results`);
      return { url: doc.url, title: doc.title, contentType: "text/plain", text: doc.text };
    },
  };
}

/** Chunks by engine id (`<doc>:<n>`), rebuilt from their stored order. */
function chunkIds(file: LocalTextIndexFile): Map<string, { doc: number; text: string }> {
  const counts = new Map<number, number>();
  const out = new Map<string, { doc: number; text: string }>();
  for (const chunk of file.chunks) {
    const n = counts.get(chunk.doc) ?? 0;
    counts.set(chunk.doc, n + 1);
    out.set(`${chunk.doc}:${n}`, chunk);
  }
  return out;
}

/** Splits text into passages of about CHUNK_CHARS characters at paragraph boundaries. */
function splitPassages(text: string): string[] {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  let current = "";
  for (const paragraph of paragraphs) {
    if (current && current.length + paragraph.length > CHUNK_CHARS) {
      out.push(current);
      current = "";
    }
    current = current ? `${current}\n\n${paragraph}` : paragraph;
    while (current.length > CHUNK_CHARS * 2) {
      out.push(current.slice(0, CHUNK_CHARS));
      current = current.slice(CHUNK_CHARS);
    }
  }
  if (current) out.push(current);
  return out.length ? out : [text];
}

/** The sentence(s) of a passage with the most query terms, about 300 characters. */
function snippet(text: string, terms: readonly string[]): string {
  const flat = text.replace(/\s+/g, " ").replace(/^#+ /, "").trim();
  const sentences = flat.split(/(?<=[.!?])\s+/);
  const lowered = terms.map((t) => t.toLowerCase());
  let best = 0;
  let bestScore = -1;
  sentences.forEach((sentence, i) => {
    const s = sentence.toLowerCase();
    const score = lowered.filter((term) => s.includes(term)).length;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  let out = sentences[best] ?? flat;
  for (let i = best + 1; i < sentences.length && out.length < 240; i++) out += ` ${sentences[i]}`;
  return out.length > 320 ? `${out.slice(0, 317)}...` : out;
}
