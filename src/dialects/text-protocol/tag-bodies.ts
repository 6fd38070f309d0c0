import { parseJsonLocated, stripCodeFence } from "../json-location.js";
import type { ArgumentObject } from "../tool-arguments.js";

/** The strings a tag body holds: a JSON list of strings, a JSON string, or the plain text. */
export function listFromBody(body: string): string[] {
  const trimmed = body.trim();
  if (/^[["]/.test(trimmed)) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (typeof value === "string") return [value];
      if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
    } catch {
      // plain text that happens to start with a bracket or quote
    }
  }
  return [trimmed];
}

/** A tag body as one required text argument: `{ [key]: [...] }`, or a problem when it is empty. */
export function listArgument(key: string, what: string): (body: string) => ArgumentObject {
  return (body) => {
    const values = listFromBody(body).filter((value) => value.trim() !== "");
    if (values.length === 0) return { ok: false, problem: `the tag is empty: write the ${what} inside it` };
    return { ok: true, value: { [key]: values } };
  };
}

/** A tag body naming images; empty, `<image>` or `<img>` mean the original image. */
export function imageListArgument(key: string): (body: string) => ArgumentObject {
  return (body) => {
    const values = listFromBody(body)
      .map((value) => value.trim())
      .map((value) => (value === "" || /^<\s*(image|img)\s*\/?>$/i.test(value) ? "original image" : value));
    return { ok: true, value: { [key]: values } };
  };
}

/** A tag body of Python code, with or without a ```python fence. */
export function codeArgument(body: string): ArgumentObject {
  const code = stripCodeFence(body.trim()).trim();
  if (code === "") return { ok: false, problem: "the code is empty: write Python code inside the tag" };
  return { ok: true, value: { code } };
}

/** A tag body that must be a JSON object. */
export function jsonObjectArgument(body: string): ArgumentObject {
  const parsed = parseJsonLocated(body);
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const value = parsed.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, problem: "the tag must hold a JSON object" };
  return { ok: true, value: value as Record<string, unknown> };
}

/** A value as a list of strings: lists pass, a single value is wrapped, nothing is an empty list. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
