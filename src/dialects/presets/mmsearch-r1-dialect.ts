import { text, type ContentPart, type ImagePart } from "../../models/messages.js";
import type { TrajectoryStep } from "../../state/trajectory.js";
import type { Dialect } from "../dialect.js";
import { listArgument } from "../text-protocol/tag-bodies.js";
import { textProtocolDialect } from "../text-protocol/text-protocol-dialect.js";
import {
  MMSEARCH_R1_AFTER_IMAGE_SEARCH_PROMPT,
  MMSEARCH_R1_AFTER_TEXT_SEARCH_PROMPT,
  MMSEARCH_R1_IMAGE_RESULTS_HEADER,
  MMSEARCH_R1_ROUND_1_PROMPT,
  MMSEARCH_R1_UNABLE,
} from "./mmsearch-r1-prompts.js";
import type { PresetDialectOptions } from "./preset-options.js";

/**
 * The MMSearch-R1 dialect, as its released inference demo speaks it: no system prompt; the
 * round-1 prompt, "Question: …" and "Image: " before the image; image-search results as
 * "Search Results: <information> [Image search results] …", each result image followed by its
 * title, then "</information> Original user's question: …" and the after-image-search prompt;
 * text-search results as "Search Results: <information>…</information> Original question: …"
 * and the after-text-search prompt (all verbatim); greedy decoding, at most 512 new tokens, no
 * stop string. Reasoning in `<reason>`; `<search><img></search>` searches the web with the
 * original image, `<text_search>query</text_search>` with text; a reply ending "Unable to
 * answer due to lack of relevant information" ends the run with that answer.
 *
 * @example
 * ```ts
 * import { mmsearchR1Dialect } from "interleaf";
 *
 * console.log(mmsearchR1Dialect().name); // "mmsearch-r1"
 * ```
 */
export function mmsearchR1Dialect(options: PresetDialectOptions = {}): Dialect {
  return textProtocolDialect({
    name: "mmsearch-r1",
    thinkTag: "reason",
    resultTag: "information",
    toolCallTag: null,
    requireThink: options.requireThink ?? true,
    stop: [],
    sampling: { temperature: 0, maxTokens: 512 },
    answerPhrases: [MMSEARCH_R1_UNABLE],
    tags: [
      {
        tag: "search",
        tool: "image_search",
        toArguments: () => ({ ok: true, value: { image_paths: ["original image"] } }),
        format: "<search><img></search>",
      },
      {
        tag: "text_search",
        tool: "text_search",
        toArguments: listArgument("queries", "search query"),
        format: "<text_search>your query here</text_search>",
      },
    ],
    systemPrompt: () => "",
    firstUserContent: (question, images) => [text(`${MMSEARCH_R1_ROUND_1_PROMPT}\nQuestion: ${question}\nImage: `), ...images],
    observationContent: ({ question, step, texts, images }) => {
      if (step.calls.some((call) => call.name === "image_search")) return imageResults(question, step, images);
      return [text(`Search Results: <information>${texts.join("\n")}</information> Original question: ${question}\n${MMSEARCH_R1_AFTER_TEXT_SEARCH_PROMPT}`)];
    },
  });
}

/** Image-search results as the demo frames them: each result's image, then "Title: …". */
function imageResults(question: string, step: TrajectoryStep, images: ImagePart[]): ContentPart[] {
  const titles = step.calls.flatMap((call) => resultTitles(call.observation.data));
  const results = images.flatMap((image, i) => [image, text(`Title: ${titles[i] ?? `Webpage Title ${i + 1}`}`)]);
  const failed = step.calls.filter((call) => call.observation.error !== undefined).map((call) => text(call.observation.error?.message ?? ""));
  return [text(MMSEARCH_R1_IMAGE_RESULTS_HEADER), ...results, ...failed, text(`</information> Original user's question: ${question}\n${MMSEARCH_R1_AFTER_IMAGE_SEARCH_PROMPT}`)];
}

/** The titles of image-search results, in order, from the `image_search` tool's data. */
function resultTitles(data: unknown): string[] {
  const groups = (data as { images?: { results?: { title?: unknown }[] }[] } | undefined)?.images ?? [];
  return groups.flatMap((group) => (group.results ?? []).map((result) => (typeof result.title === "string" ? result.title : "")));
}
