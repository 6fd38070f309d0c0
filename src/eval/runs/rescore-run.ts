import type { Storage } from "../../storage/storage.js";
import { mapSettledConcurrently } from "../../util/map-settled-concurrently.js";
import { Semaphore } from "../../util/semaphore.js";
import type { Scorer } from "../scorer.js";
import { isFinished, type EvalRunConfig } from "./eval-run-record.js";
import { EvalRunTable } from "./eval-run-table.js";
import { judgeAnswer, type EvalJudge } from "./judge.js";
import { templateSha256 } from "./judge-template.js";
import { applyScorers } from "./score-thread.js";

/** Options of {@link rescoreRun}. */
export interface RescoreRunOptions {
  /** Rule scorers to apply; they replace the run's list. Omit to keep the stored scores. */
  scorers?: readonly Scorer[];
  /** A judge to apply; it replaces the run's judge. Omit to keep the stored verdicts. */
  judge?: EvalJudge & { baseUrl?: string };
  /** Judge calls in flight (default 4). */
  judgeConcurrency?: number;
  signal?: AbortSignal;
}

/**
 * Re-scores the stored answers of a run without running any agent: applies other rule scorers
 * and/or another judge to every finished thread, and records them in the run's configuration (so
 * the report names them). Judge verdicts come from the cache when the same judgement was made.
 * Returns the updated configuration.
 *
 * @example
 * ```ts
 * import { openStorage } from "interleaf/storage";
 * import { getScorer, rescoreRun } from "interleaf/eval";
 *
 * await rescoreRun(await openStorage("eval.db"), "3f2a9c01b7de", { scorers: [getScorer("mmsearch_r1.fvqa.substring")] });
 * ```
 */
export async function rescoreRun(storage: Storage, runId: string, options: RescoreRunOptions): Promise<EvalRunConfig> {
  const table = new EvalRunTable(storage.cache);
  const config = await table.requireConfig(runId, storage.location);
  const updated: EvalRunConfig = {
    ...config,
    ...(options.scorers ? { scorers: options.scorers.map((s) => s.id) } : {}),
    ...(options.judge
      ? {
          judge: {
            model: options.judge.name ?? `${options.judge.model.provider}:${options.judge.model.modelId}`,
            ...(options.judge.baseUrl ? { baseUrl: options.judge.baseUrl } : {}),
            template: options.judge.template.id,
            templateSha256: templateSha256(options.judge.template),
            parser: options.judge.parser.id,
          },
        }
      : {}),
  };
  const gate = new Semaphore(options.judgeConcurrency ?? 4);
  const records = (await table.threads(runId)).filter((r) => isFinished(r.status));
  const settled = await mapSettledConcurrently(records, options.judgeConcurrency ?? 4, async (record) => {
    let next = record;
    if (options.scorers) {
      const scored = applyScorers(record, options.scorers, config.generation.prediction);
      next = { ...next, scores: scored.scores, ...(scored.error ? { error: scored.error.toJSON() } : {}) };
    }
    if (options.judge) {
      const verdict = await judgeAnswer(options.judge, { itemId: record.itemId, question: record.item.question, gold: record.item.gold, answer: record.answer ?? "" }, { cache: storage.cache, gate, ...(options.signal ? { signal: options.signal } : {}) });
      next = { ...next, judge: verdict };
    }
    await table.saveThread(runId, next);
  });
  const failure = settled.find((s) => !s.ok);
  if (failure && !failure.ok) throw failure.error;
  await table.saveConfig(updated);
  return updated;
}
