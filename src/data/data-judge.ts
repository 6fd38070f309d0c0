import { InterleafError } from "../errors/index.js";
import type { ContentPart } from "../models/messages.js";
import { text } from "../models/messages.js";
import type { ModelBackend } from "../models/model-backend.js";
import { callModel } from "../models/call-model.js";
import type { ResultCache } from "../storage/result-cache.js";
import { fingerprint } from "../util/stable-json.js";
import type { ImageStore } from "../images/image-store.js";
import { DEFAULT_MODEL_IMAGE_SIZING } from "../images/model-input-size.js";
import { resolveRequestImages } from "../executor/resolve-request-images.js";

/**
 * A judge's prompt: an id and a version (a new wording is a new version, so cached verdicts of the
 * old wording are not reused) and the text, with `{name}` placeholders filled from the inputs.
 */
export interface DataJudgeTemplate {
  id: string;
  version: string;
  text: string;
}

/** A judge's decision: yes, no, or a reply it could not read (`failed`, kept apart from `no`). */
export type DataJudgeVerdict = { verdict: "yes"; reply: string } | { verdict: "no"; reply: string } | { verdict: "failed"; reply: string; problem: string };

/**
 * A model that answers yes or no to a filled template, with a named parser for its reply. Any
 * model backend can judge; calls are made at temperature 0 where the backend allows it.
 *
 * @example
 * ```ts
 * import { dataJudge, FINAL_CONSISTENCY_TEMPLATE } from "interleaf/data";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const judge = dataJudge(scriptedModel(["Verdict: yes"]), FINAL_CONSISTENCY_TEMPLATE);
 * console.log(judge.template.id); // "interleaf.final-consistency"
 * ```
 */
export interface DataJudge {
  model: ModelBackend;
  template: DataJudgeTemplate;
  /** Reads the reply: `yes`, `no`, or null when the reply says neither. Default {@link parseYesNoVerdict}. */
  parse(reply: string): "yes" | "no" | null;
}

/** A {@link DataJudge} with the default parser. */
export function dataJudge(model: ModelBackend, template: DataJudgeTemplate, parse: DataJudge["parse"] = parseYesNoVerdict): DataJudge {
  return { model, template, parse };
}

/**
 * Reads `Verdict: yes` / `Verdict: no` (the last such line wins); without one, a reply that is only
 * "yes" or "no". Anything else is unreadable (null). "not correct" is never read as correct.
 *
 * @example
 * ```ts
 * import { parseYesNoVerdict } from "interleaf/data";
 *
 * console.log(parseYesNoVerdict("The crop shows a cat.\nVerdict: no")); // "no"
 * ```
 */
export function parseYesNoVerdict(reply: string): "yes" | "no" | null {
  const lines = [...reply.matchAll(/verdict\s*[:：]\s*\**\s*(yes|no)\b/gi)];
  const last = lines.at(-1)?.[1];
  if (last) return last.toLowerCase() as "yes" | "no";
  const bare = reply.trim().toLowerCase().replace(/[.!*\s]+$/g, "");
  return bare === "yes" || bare === "no" ? bare : null;
}

/** Fills `{name}` placeholders; an unknown name is a bug in the template and fails loudly. */
export function fillDataJudgeTemplate(template: DataJudgeTemplate, inputs: Record<string, string>): string {
  return template.text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = inputs[name];
    if (value === undefined) throw new InterleafError("invalid_argument", `judge template ${template.id}@${template.version} needs "{${name}}", which was not given`);
    return value;
  });
}

/**
 * Asks the judge, once per (template, version, parser, model, inputs, images): the verdict is cached,
 * so a filtering run that stopped can be run again without asking any judge twice.
 */
export async function askJudge(judge: DataJudge, inputs: Record<string, string>, images: ContentPart[], stores: { cache: ResultCache; images: ImageStore }, signal?: AbortSignal): Promise<DataJudgeVerdict> {
  const { cache } = stores;
  const prompt = fillDataJudgeTemplate(judge.template, inputs);
  const imageIds = images.flatMap((part) => (part.type === "image" ? [part.ref.id] : []));
  const key = `data/judge/${fingerprint({ template: judge.template, parser: judge.parse.name, model: `${judge.model.provider}:${judge.model.modelId}`, prompt, imageIds })}`;
  const cached = await cache.get<DataJudgeVerdict>(key);
  if (cached) return cached;
  const { messages } = await resolveRequestImages([{ role: "user", content: [...images, text(prompt)] }], stores.images, DEFAULT_MODEL_IMAGE_SIZING);
  const response = await callModel(judge.model, {
    messages,
    temperature: 0,
    ...(signal ? { signal } : {}),
  });
  const reply = response.text;
  const parsed = judge.parse(reply);
  const verdict: DataJudgeVerdict = parsed === "yes" ? { verdict: "yes", reply } : parsed === "no" ? { verdict: "no", reply } : { verdict: "failed", reply, problem: "the judge's reply says neither yes nor no" };
  await cache.set(key, verdict);
  return verdict;
}
