import { existsSync } from "node:fs";
import { isAbsolute, join, normalize } from "node:path";
import { IMAGE_TOKEN, type ExportFormat } from "./export-formats.js";

/** What a leak check looks for: text that must never appear in an export (local folders, secret values). */
export interface LeakGuard {
  /** Local folders (the working directory, the home folder, the temporary folder, the database's folder). */
  localPaths: readonly string[];
  /** Secret values (API keys from the environment). */
  secrets: readonly string[];
}

const SWIFT_ROLES = new Set(["system", "user", "assistant"]);
const DATA_URL = /^data:image\/(jpeg|png|webp|gif);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * Checks one exported line against its format's documented rules and returns every problem (empty
 * when valid): ms-swift and the planner format (system first if any, then user/assistant
 * alternating, ending with the assistant; one `<image>` per entry of `images`), LLaMA-Factory's
 * ShareGPT (human at odd positions, gpt at even ones, an even count; one `<image>` per image),
 * OpenAI chat fine-tuning (images only in user messages, as data URLs; ends with the assistant),
 * the raw turns (roles alternate; image tokens match). Image files must exist under `dir`, by a
 * relative path that stays inside it. Nothing of `guard` may appear anywhere.
 *
 * @example
 * ```ts
 * import { validateExportLine } from "interleaf/data";
 *
 * const problems = validateExportLine("ms-swift", { messages: [{ role: "user", content: "<image>Hi" }, { role: "assistant", content: "Hello" }], images: [] }, ".", { localPaths: [], secrets: [] });
 * console.log(problems); // ["1 <image> token(s) but 0 image(s)"]
 * ```
 */
export function validateExportLine(format: ExportFormat, line: Record<string, unknown>, dir: string, guard: LeakGuard): string[] {
  const problems = formatProblems(format, line, dir);
  // Longest first, each found once: the working directory inside the temporary folder is one leak, not two.
  let serialised = JSON.stringify(line);
  for (const path of [...guard.localPaths].sort((a, b) => b.length - a.length)) {
    if (path.length <= 1 || !serialised.includes(path)) continue;
    problems.push(`a local path appears in the data (${path.length} characters)`);
    serialised = serialised.replaceAll(path, "");
  }
  for (const secret of guard.secrets) if (secret.length >= 6 && serialised.includes(secret)) problems.push("a secret from the environment appears in the data");
  return problems;
}

function formatProblems(format: ExportFormat, line: Record<string, unknown>, dir: string): string[] {
  switch (format) {
    case "ms-swift":
    case "planner":
      return chatProblems(line.messages, (m) => m.content, line.images, dir);
    case "raw":
      return chatProblems(line.turns, (m) => m.text, line.images, dir);
    case "sharegpt":
      return shareGptProblems(line, dir);
    case "openai":
      return openAiProblems(line);
  }
}

type Entry = Record<string, unknown>;

function chatProblems(list: unknown, textOf: (entry: Entry) => unknown, images: unknown, dir: string): string[] {
  if (!Array.isArray(list) || list.length === 0) return ["no messages"];
  const problems: string[] = [];
  const entries = list as Entry[];
  let tokens = 0;
  const body = entries[0]?.role === "system" ? entries.slice(1) : entries;
  entries.forEach((entry, i) => {
    if (!SWIFT_ROLES.has(String(entry.role))) problems.push(`message ${i + 1} has role "${String(entry.role)}"`);
    if (entry.role === "system" && i > 0) problems.push(`message ${i + 1} is a system message after the first`);
    const text = textOf(entry);
    if (typeof text !== "string") problems.push(`message ${i + 1} has no text`);
    else tokens += text.split(IMAGE_TOKEN).length - 1;
  });
  body.forEach((entry, i) => {
    const expected = i % 2 === 0 ? "user" : "assistant";
    if (entry.role !== expected && entry.role !== "system") problems.push(`turn ${i + 1} should be ${expected}, not ${String(entry.role)}`);
  });
  if (body.at(-1)?.role !== "assistant") problems.push("the conversation does not end with the assistant");
  problems.push(...imageProblems(images, tokens, dir));
  return problems;
}

function shareGptProblems(line: Entry, dir: string): string[] {
  const turns = line.conversations;
  if (!Array.isArray(turns) || turns.length === 0) return ["no conversations"];
  const problems: string[] = [];
  let tokens = typeof line.system === "string" ? line.system.split(IMAGE_TOKEN).length - 1 : 0;
  (turns as Entry[]).forEach((turn, i) => {
    const allowed = i % 2 === 0 ? ["human", "observation"] : ["gpt", "function_call"];
    if (!allowed.includes(String(turn.from))) problems.push(`turn ${i + 1} is "${String(turn.from)}", expected ${allowed.join(" or ")}`);
    if (typeof turn.value !== "string") problems.push(`turn ${i + 1} has no value`);
    else tokens += turn.value.split(IMAGE_TOKEN).length - 1;
  });
  if (turns.length % 2 !== 0) problems.push("an odd number of turns: the last must be gpt");
  problems.push(...imageProblems(line.images, tokens, dir));
  return problems;
}

function openAiProblems(line: Entry): string[] {
  const messages = line.messages;
  if (!Array.isArray(messages) || messages.length === 0) return ["no messages"];
  const problems: string[] = [];
  (messages as Entry[]).forEach((message, i) => {
    if (!["system", "user", "assistant"].includes(String(message.role))) problems.push(`message ${i + 1} has role "${String(message.role)}"`);
    if (typeof message.content === "string") return;
    if (!Array.isArray(message.content)) return void problems.push(`message ${i + 1} has no content`);
    for (const part of message.content as Entry[]) {
      if (part.type === "text" && typeof part.text === "string") continue;
      if (part.type !== "image_url") return void problems.push(`message ${i + 1} has a part of type "${String(part.type)}"`);
      if (message.role !== "user") problems.push(`message ${i + 1} (${String(message.role)}) holds an image: only user messages may`);
      const url = (part.image_url as Entry | undefined)?.url;
      if (typeof url !== "string" || !DATA_URL.test(url)) problems.push(`message ${i + 1} has an image that is not a base64 data URL`);
    }
  });
  if ((messages as Entry[]).at(-1)?.role !== "assistant") problems.push("the conversation does not end with the assistant");
  return problems;
}

function imageProblems(images: unknown, tokens: number, dir: string): string[] {
  if (!Array.isArray(images)) return ["no images list"];
  const problems: string[] = [];
  if (tokens !== images.length) problems.push(`${tokens} ${IMAGE_TOKEN} token(s) but ${images.length} image(s)`);
  for (const path of images) {
    if (typeof path !== "string" || isAbsolute(path) || normalize(path).startsWith("..")) problems.push(`image path ${JSON.stringify(path)} is not relative to the dataset`);
    else if (!existsSync(join(dir, path))) problems.push(`image file ${path} is missing`);
  }
  return problems;
}
