import { isAbortError } from "../../errors/index.js";
import type { ModelBackend } from "../../models/model-backend.js";
import { withRetry } from "../../net/retry.js";
import type { ResultCache } from "../../storage/result-cache.js";
import { fingerprint } from "../../util/stable-json.js";
import type { Scorer } from "../scorer.js";
import type { JudgeVerdict } from "./eval-run-record.js";
import { fillJudgeTemplate, templateSha256, type JudgeTemplate } from "./judge-template.js";

/**
 * An LLM judge: any model backend, a verbatim template and a named parser (a `judge-parser`
 * scorer, which reads the judge's reply). Called at temperature 0.
 */
export interface EvalJudge {
  model: ModelBackend;
  template: JudgeTemplate;
  parser: Scorer;
  /** How the model is named in the run record (default `provider:modelId`). */
  name?: string;
}

/** What one judgement is about. */
export interface JudgeQuestion {
  itemId: string;
  question: string;
  gold: unknown;
  /** The extracted answer judged. */
  answer: string;
}

/** Options of {@link judgeAnswer}: where verdicts are cached, the judge-call limit, retries. */
export interface JudgeCallOptions {
  cache: ResultCache;
  /** Holds judge calls to the run's limit (a semaphore: runs `fn` when a slot is free). */
  gate: { use<T>(fn: () => Promise<T>): Promise<T> };
  retries?: number;
  retryBaseMs?: number;
  signal?: AbortSignal;
}

/**
 * Judges one answer. Verdicts are cached in the storage by (template text, parser id, judge
 * model, question, gold, extracted answer), so a re-score or a resumed run never pays twice for
 * the same judgement. A judge call that keeps failing, or a reply in which the parser finds no
 * verdict, is `judge_failed` (never `incorrect`); failed verdicts are not cached.
 *
 * @example
 * ```ts
 * import { openStorage } from "interleaf/storage";
 * import { openAICompatibleModel } from "interleaf";
 * import { getScorer, judgeAnswer, SIMPLE_EVALS_BROWSECOMP_GRADER } from "interleaf/eval";
 *
 * const storage = await openStorage("eval.db");
 * const judge = { model: openAICompatibleModel({ baseURL: "http://127.0.0.1:8001/v1", model: "judge", apiKey: "" }), template: SIMPLE_EVALS_BROWSECOMP_GRADER, parser: getScorer("simple-evals.browsecomp.judge") };
 * const gate = { use: <T>(fn: () => Promise<T>) => fn() };
 * const verdict = await judgeAnswer(judge, { itemId: "7", question: "Capital of France?", gold: "Paris", answer: "Paris" }, { cache: storage.cache, gate });
 * console.log(verdict.verdict); // "correct" (or "judge_failed")
 * ```
 */
export async function judgeAnswer(judge: EvalJudge, question: JudgeQuestion, options: JudgeCallOptions): Promise<JudgeVerdict> {
  const judgeName = judge.name ?? `${judge.model.provider}:${judge.model.modelId}`;
  const gold = typeof question.gold === "string" ? question.gold : JSON.stringify(question.gold);
  const key = `eval/judge/${fingerprint({ template: templateSha256(judge.template), parser: judge.parser.id, judge: judgeName, question: question.question, gold, answer: question.answer })}`;
  const cached = await options.cache.get<JudgeVerdict>(key);
  if (cached) return { ...cached, cached: true };
  const prompt = fillJudgeTemplate(judge.template, { question: question.question, gold, answer: question.answer });
  let output: string;
  try {
    const response = await withRetry(
      () => options.gate.use(() => judge.model.generate({ messages: [{ role: "user", content: [{ type: "text", text: prompt }] }], temperature: 0, ...(options.signal ? { signal: options.signal } : {}) })),
      { retries: options.retries ?? 2, baseMs: options.retryBaseMs ?? 500, ...(options.signal ? { signal: options.signal } : {}) },
    );
    output = response.text;
  } catch (error) {
    if (isAbortError(error) || options.signal?.aborted) throw error;
    return { verdict: "judge_failed", score: null, error: (error as Error).message, cached: false };
  }
  const outcome = judge.parser.score({ id: question.itemId, prediction: question.answer, gold: question.gold, question: question.question, judge_output: output });
  const verdict: JudgeVerdict =
    outcome.extracted === null
      ? { verdict: "judge_failed", score: outcome.score, output, error: "the parser found no verdict in the judge's reply", cached: false }
      : { verdict: outcome.score === true || (typeof outcome.score === "number" && outcome.score > 0) ? "correct" : "incorrect", score: outcome.score, output, cached: false };
  if (verdict.verdict !== "judge_failed") await options.cache.set(key, verdict);
  return verdict;
}
