import { InterleafError } from "../errors/index.js";
import { text as textPart } from "../models/messages.js";
import type { ModelBackend } from "../models/model-backend.js";
import { checkSpecificationVersion } from "../util/specification-version.js";

/** A page to summarise and the goal it is read for. */
export interface SummaryRequest {
  url: string;
  title: string;
  /** The page text (already readable text, not HTML). */
  text: string;
  /** What the reader wants from the page: the question of the run or the tool call's goal. */
  goal: string;
  signal?: AbortSignal;
}

/**
 * Condenses long pages for the agent, version `v1`. R1V4 summarises web pages with a second
 * model (Qwen3-32B), conditioned on the question; `modelSummarizer` does that over any
 * `ModelBackend`.
 *
 * @example
 * ```ts
 * import type { Summarizer } from "interleaf";
 *
 * const firstLines: Summarizer = {
 *   specificationVersion: "v1",
 *   id: "first-lines",
 *   async summarize({ text }) {
 *     return text.split("\n").slice(0, 5).join("\n");
 *   },
 * };
 * ```
 */
export interface Summarizer {
  readonly specificationVersion: "v1";
  /** Identity for the cache fingerprint (the model id, the prompt version). */
  readonly id: string;
  summarize(request: SummaryRequest): Promise<string>;
}

/** Options for {@link modelSummarizer}. */
export interface ModelSummarizerOptions {
  /** Page text beyond this many characters is cut before it is sent (default 60,000). */
  maxInputChars?: number;
  /** Longest summary asked for, in tokens (default 1,024). */
  maxTokens?: number;
  temperature?: number;
}

/** The instruction sent with every page; `{goal}` is replaced. Versioned for the cache. */
const PROMPT_VERSION = "v1";
const INSTRUCTIONS = `You read a web page for a research assistant. The assistant's goal is:
{goal}

Extract only what serves that goal. Answer in three short parts:
Evidence: the exact facts, numbers, names and quotes from the page that bear on the goal.
Summary: a few sentences that tie the evidence to the goal.
Missing: what the goal needs that the page does not say ("nothing" if complete).
If the page has nothing relevant, say so in one sentence. Never invent facts that are not on the page.`;

/**
 * A goal-conditioned {@link Summarizer} over any model backend, as R1V4's deep-research mode
 * does with a second model: the page and the goal go in, evidence and a summary come out.
 *
 * @example
 * ```ts
 * import { type ModelBackend } from "interleaf";
 * import { modelSummarizer } from "interleaf/search";
 *
 * const model: ModelBackend = {
 *   specificationVersion: "v1", provider: "example", modelId: "tiny",
 *   async generate() { return { text: "Evidence: ...", toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } }; },
 * };
 * const summarizer = modelSummarizer(model);
 * console.log(await summarizer.summarize({ url: "https://example.com", title: "Example", text: "long page", goal: "what is it?" }));
 * ```
 */
export function modelSummarizer(model: ModelBackend, options: ModelSummarizerOptions = {}): Summarizer {
  checkSpecificationVersion("ModelBackend", model);
  const maxInputChars = options.maxInputChars ?? 60_000;
  return {
    specificationVersion: "v1",
    id: `${model.provider}/${model.modelId}/${PROMPT_VERSION}/${maxInputChars}`,
    async summarize(request) {
      const body = request.text.length > maxInputChars ? `${request.text.slice(0, maxInputChars)}\n[... page cut at ${maxInputChars} characters]` : request.text;
      const system = INSTRUCTIONS.replace("{goal}", request.goal.trim() || "understand what this page says");
      try {
        const response = await model.generate({
          messages: [
            { role: "system", content: [textPart(system)] },
            { role: "user", content: [textPart(`Page: ${request.title}\nURL: ${request.url}\n\n${body}`)] },
          ],
          maxTokens: options.maxTokens ?? 1024,
          temperature: options.temperature ?? 0.2,
          ...(request.signal ? { signal: request.signal } : {}),
        });
        const summary = response.text.replace(/<think>[\s\S]*?<\/think>/g, "").trim();
        if (!summary) throw new InterleafError("model_failed", "the summariser model returned an empty summary", { retryable: true });
        return summary;
      } catch (error) {
        if (InterleafError.isInstance(error)) throw error;
        throw InterleafError.from(error, "model_failed", "summarising the page failed");
      }
    },
  };
}
