import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { InterleafError } from "../errors/index.js";
import { htmlToText } from "./html-to-text.js";

/** A document of a local index, with its full text (web_visit serves it offline). */
export interface LocalDocument {
  /** Stable id: the path relative to the folder, plus `#<line>` for JSON lines records. */
  id: string;
  title: string;
  /** The record's own `url` (JSON lines), else `local://<relative path>`. */
  url: string;
  text: string;
}

/** File names the document loader skips: captions belong to the image index. */
export const CAPTION_FILES = new Set(["captions.json", "captions.jsonl"]);

const TEXT_EXTENSIONS = new Set([".md", ".markdown", ".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson"]);

/**
 * Reads every document under a folder (recursively, hidden entries skipped): markdown and text
 * files (title: the first `# heading` or line), HTML (through Readability), and JSON lines
 * files, one document per line with `text` (or `content`/`body`) and optional `title`, `url`.
 */
export async function loadLocalDocuments(folder: string): Promise<LocalDocument[]> {
  const files = (await listFiles(folder)).filter((file) => TEXT_EXTENSIONS.has(extname(file).toLowerCase()) && !CAPTION_FILES.has(file.split(sep).pop() ?? ""));
  const documents: LocalDocument[] = [];
  for (const file of files.sort()) {
    const path = relative(folder, file).split(sep).join("/");
    const content = await readFile(file, "utf8");
    const ext = extname(file).toLowerCase();
    if (ext === ".jsonl" || ext === ".ndjson") {
      documents.push(...jsonLines(path, content));
    } else if (ext === ".html" || ext === ".htm") {
      const page = htmlToText(content);
      documents.push({ id: path, title: page.title || path, url: `local://${path}`, text: page.text });
    } else {
      const heading = /^#\s+(.+)$/m.exec(content)?.[1] ?? content.split("\n").find((line) => line.trim())?.trim() ?? path;
      documents.push({ id: path, title: heading.slice(0, 200), url: `local://${path}`, text: content.trim() });
    }
  }
  return documents.filter((doc) => doc.text.length > 0);
}

/** Every regular file under `folder`, hidden names skipped. */
export async function listFiles(folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new InterleafError("invalid_argument", `cannot read the folder ${folder}: ${(error as Error).message}`, { cause: error });
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function jsonLines(path: string, content: string): LocalDocument[] {
  const out: LocalDocument[] = [];
  content.split("\n").forEach((line, index) => {
    if (!line.trim()) return;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      throw new InterleafError("invalid_argument", `${path} line ${index + 1} is not valid JSON; fix or remove it`, { cause: error });
    }
    const text = [record.text, record.content, record.body].find((v): v is string => typeof v === "string") ?? "";
    const id = `${path}#${index + 1}`;
    const title = typeof record.title === "string" ? record.title : text.slice(0, 80);
    const url = typeof record.url === "string" && record.url ? record.url : `local://${id}`;
    out.push({ id, title, url, text: text.trim() });
  });
  return out;
}
