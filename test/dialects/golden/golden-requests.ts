import { readFile } from "node:fs/promises";
import type { ModelMessage } from "interleaf";
import { modelInputSize, type ModelImageSizing } from "interleaf/images";
import { resolveRequestImages } from "../../../src/executor/resolve-request-images.js";
import type { ImageStore } from "../../../src/images/image-store.js";
import type { DialectRequest } from "../../../src/dialects/dialect.js";

/** A message part as the golden files keep it: text, or an image by its size. */
export type GoldenPart = { type: "text"; text: string } | { type: "image"; width: number; height: number };

/** One request of a released loop, as its capture script wrote it. */
export interface GoldenRequest {
  messages: { role: string; content: GoldenPart[] }[];
  sampling: Record<string, unknown>;
  /** Whether the loop let the model continue the last assistant turn (Thyme). */
  continue_final_message?: boolean;
}

/** A golden file: the scripted trajectory and the requests the released loop sent for it. */
export interface GoldenFile {
  system: string;
  question: string;
  script: string[];
  requests: GoldenRequest[];
  [key: string]: unknown;
}

export async function readGolden(name: string): Promise<GoldenFile> {
  return JSON.parse(await readFile(new URL(`../../fixtures/golden/${name}.json`, import.meta.url), "utf8")) as GoldenFile;
}

/**
 * Adjacent text parts joined: a chat template concatenates them with nothing in between, so
 * `["<tool_response>", "\n"]` and `["<tool_response>\n"]` reach the model as the same tokens.
 */
function joinTexts(parts: GoldenPart[]): GoldenPart[] {
  const out: GoldenPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.type === "text" && last?.type === "text") out[out.length - 1] = { type: "text", text: last.text + part.text };
    else out.push(part);
  }
  return out.filter((part) => part.type !== "text" || part.text !== "");
}

/**
 * A golden request as the model sees it: texts joined, each image at the size the serving
 * processor (Qwen-VL `smart_resize` under `sizing`) turns it into.
 */
export function goldenAsSeen(request: GoldenRequest, sizing: ModelImageSizing): { role: string; content: GoldenPart[] }[] {
  return request.messages.map((message) => ({
    role: message.role,
    content: joinTexts(message.content.map((part) => (part.type === "image" ? { type: "image", ...sizeOnly(modelInputSize(part.width, part.height, sizing)) } : part))),
  }));
}

/** interleaf's request as the model sees it: images resolved from the store at the model's sizing. */
export async function interleafAsSeen(request: DialectRequest, store: ImageStore, sizing: ModelImageSizing): Promise<{ role: string; content: GoldenPart[] }[]> {
  const { messages } = await resolveRequestImages(request.messages, store, sizing);
  return messages.map((message: ModelMessage) => ({
    role: message.role,
    content: joinTexts(
      message.content.map((part): GoldenPart => {
        if (part.type === "text") return { type: "text", text: part.text };
        if (!part.sentSize) throw new Error("an image of the request was not resolved");
        return { type: "image", ...sizeOnly(modelInputSize(part.sentSize.width, part.sentSize.height, sizing)) };
      }),
    ),
  }));
}

function sizeOnly(size: { width: number; height: number }): { width: number; height: number } {
  return { width: size.width, height: size.height };
}
