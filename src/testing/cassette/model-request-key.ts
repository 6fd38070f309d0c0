import type { ContentPart, ModelMessage } from "../../models/messages.js";
import type { ModelRequest } from "../../models/model-backend.js";
import { fingerprint, stableStringify } from "../../util/stable-json.js";

/** A content part as a cassette keeps it: text, or an image by hash (never its bytes). */
export type CanonicalPart = { text: string } | { image: string; label?: string; sent?: string };

/** A message as a cassette keeps it: ids of tool calls dropped, content canonical. */
export interface CanonicalMessage {
  role: ModelMessage["role"];
  content: CanonicalPart[];
  toolCalls?: { name: string; arguments: unknown }[];
  toolName?: string;
}

/** A model request in the form that is fingerprinted and written to a cassette. */
export interface CanonicalModelRequest {
  messages: CanonicalMessage[];
  tools?: { name: string; description: string; parameters: unknown }[];
  stop?: string[];
  temperature?: number;
  maxTokens?: number;
}

/**
 * The canonical form of a model request, which is what a cassette matches on. The rules:
 * - images are their sha256 (`ImageRef.id`, the hash of the stored bytes) plus the size they
 *   were sent at and their label; the bytes sent are never part of it (a different JPEG encoder
 *   does not break a cassette, a different image or size does);
 * - tool-call ids are dropped from assistant and tool messages, and where an id appears inside
 *   text it is replaced by its position (`<call 1>`), so provider-generated ids never matter;
 * - the abort signal is dropped; object keys are sorted when fingerprinted (key order never
 *   matters);
 * - text, tool arguments, tool specs, stop sequences, temperature and token limits are kept:
 *   a change to any of them is a different request;
 * - `normalizeText`, when given, rewrites every text (e.g. to blank out a date in a prompt).
 */
export function canonicalModelRequest(request: ModelRequest, normalizeText: (text: string) => string = (t) => t): CanonicalModelRequest {
  const ids: string[] = [];
  for (const message of request.messages) {
    if (message.role === "assistant") for (const call of message.toolCalls ?? []) if (call.id && !ids.includes(call.id)) ids.push(call.id);
    if (message.role === "tool" && message.toolCallId && !ids.includes(message.toolCallId)) ids.push(message.toolCallId);
  }
  // Longest first, so an id that contains another is replaced whole.
  const byLength = [...ids].sort((a, b) => b.length - a.length);
  const cleanText = (text: string): string => {
    let out = text;
    for (const id of byLength) if (id.length >= 3 && out.includes(id)) out = out.split(id).join(`<call ${ids.indexOf(id) + 1}>`);
    return normalizeText(out);
  };
  const part = (p: ContentPart): CanonicalPart => {
    if (p.type === "text") return { text: cleanText(p.text) };
    const out: { image: string; label?: string; sent?: string } = { image: p.ref.id };
    if (p.label !== undefined) out.label = p.label;
    const size = p.sentSize ?? { width: p.ref.width, height: p.ref.height };
    out.sent = `${size.width}x${size.height}`;
    return out;
  };
  const messages = request.messages.map((message): CanonicalMessage => {
    const out: CanonicalMessage = { role: message.role, content: message.content.map(part) };
    if (message.role === "assistant" && message.toolCalls && message.toolCalls.length > 0) {
      out.toolCalls = message.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments ?? null }));
    }
    if (message.role === "tool") out.toolName = message.toolName;
    return out;
  });
  const canonical: CanonicalModelRequest = { messages };
  if (request.tools && request.tools.length > 0) canonical.tools = request.tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters }));
  if (request.stop && request.stop.length > 0) canonical.stop = [...request.stop];
  if (request.temperature !== undefined) canonical.temperature = request.temperature;
  if (request.maxTokens !== undefined) canonical.maxTokens = request.maxTokens;
  return canonical;
}

/** The cassette key of a canonical request: `model:<name>:<sha256 of its sorted-key JSON>`. */
export function modelRequestKey(name: string, canonical: CanonicalModelRequest): string {
  return `model:${name}:${fingerprint(canonical)}`;
}

/** The request as lines a person can diff: one line per line of text, image, tool call and setting. */
export function modelRequestLines(canonical: CanonicalModelRequest): string[] {
  const lines: string[] = [];
  canonical.messages.forEach((message, i) => {
    const where = `${message.role}[${i}]${message.toolName ? ` (${message.toolName})` : ""}`;
    for (const p of message.content) {
      if ("text" in p) for (const line of p.text.split("\n")) lines.push(`${where} text: ${line}`);
      else lines.push(`${where} image: sha256 ${p.image}${p.label ? ` "${p.label}"` : ""}${p.sent ? ` sent ${p.sent}` : ""}`);
    }
    for (const call of message.toolCalls ?? []) lines.push(`${where} tool call: ${call.name} ${stableStringify(call.arguments)}`);
  });
  for (const tool of canonical.tools ?? []) lines.push(`tool spec: ${tool.name}: ${tool.description} ${stableStringify(tool.parameters)}`);
  if (canonical.stop) lines.push(`stop: ${JSON.stringify(canonical.stop)}`);
  if (canonical.temperature !== undefined) lines.push(`temperature: ${canonical.temperature}`);
  if (canonical.maxTokens !== undefined) lines.push(`maxTokens: ${canonical.maxTokens}`);
  return lines;
}
