import type { ImageGallery } from "../../images/gallery.js";
import { fingerprint, stableStringify } from "../../util/stable-json.js";

/** A tool call in the form that is fingerprinted and written to a cassette. */
export interface CanonicalToolCall {
  tool: string;
  /** The input as the tool's schema parsed it. */
  input: unknown;
  /** The question of the run (search summaries depend on it). */
  question: string;
  /**
   * Images the call can see, by sha256: the original image (tools default to it) and every image
   * a string of the input names ("observation 2", an id prefix), so a call on a different crop
   * is a different call even when its arguments are equal.
   */
  images: string[];
}

/**
 * The canonical form of a tool call. The rules: the tool's name, its parsed input (key order
 * ignored), the run's question and the hashes of the images it can see; never the call id, the
 * time, the signal or the cache.
 */
export function canonicalToolCall(tool: string, input: unknown, question: string, gallery: ImageGallery): CanonicalToolCall {
  const images = new Set<string>();
  const original = gallery.entries[0];
  if (original) images.add(original.ref.id);
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      if (value.length > 0 && value.length <= 80) {
        try {
          images.add(gallery.resolve(value).id);
        } catch {
          // not an image name
        }
      }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") Object.values(value).forEach(visit);
  };
  visit(input);
  return { tool, input: input === undefined ? null : JSON.parse(JSON.stringify(input)), question, images: [...images].sort() };
}

/** The cassette key of a canonical tool call: `tool:<name>:<sha256>`. */
export function toolCallKey(canonical: CanonicalToolCall): string {
  return `tool:${canonical.tool}:${fingerprint(canonical)}`;
}

/** The call as lines a person can diff. */
export function toolCallLines(canonical: CanonicalToolCall): string[] {
  const lines = [`tool: ${canonical.tool}`, `question: ${canonical.question}`];
  flatten(canonical.input, "input", lines);
  for (const image of canonical.images) lines.push(`image: sha256 ${image}`);
  return lines;
}

function flatten(value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value) && value.some((v) => v !== null && typeof v === "object")) value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  else if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const key of Object.keys(value).sort()) flatten((value as Record<string, unknown>)[key], `${path}.${key}`, out);
  } else out.push(`${path} = ${stableStringify(value)}`);
}
