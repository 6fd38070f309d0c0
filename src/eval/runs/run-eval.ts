import { InterleafError } from "../../errors/index.js";
import type { ErrorInfo } from "../../errors/error-info.js";
import type { Agent } from "../../executor/agent.js";
import type { RunResult } from "../../executor/run-result.js";
import type { Budgets } from "../../state/budgets.js";
import type { Storage } from "../../storage/storage.js";
import { Semaphore } from "../../util/semaphore.js";
import { fingerprint } from "../../util/stable-json.js";
import { BENCHMARK_MANIFESTS, verifyDataset } from "../datasets/dataset-manifest.js";
import type { EvalItem } from "../datasets/eval-item.js";
import { openDataset, type DatasetRef } from "../datasets/open-dataset.js";
import type { Scorer } from "../scorer.js";
import type { EvalProgress } from "./eval-progress.js";
import { EvalRunConfigSchema, GenerationSettingsSchema, isFinished, type EvalRunConfig, type EvalThreadRecord, type GenerationSettings, type JudgeRecord } from "./eval-run-record.js";
import { EvalRunTable } from "./eval-run-table.js";
import { evalThreadId } from "./eval-thread-id.js";
import { judgeAnswer, type EvalJudge } from "./judge.js";
import { JUDGE_TEMPLATES, templateSha256 } from "./judge-template.js";
import { limitedModel } from "./limited-model.js";
import { applyScorers, headlineScore } from "./score-thread.js";
import { scoredItemOf, withRunOutcome } from "./thread-outcome.js";

/** Builds the agent of a run from its stored spec (the CLI passes `agentFromSpec` of `interleaf/graphs`). */
export type EvalAgentFactory = (spec: Record<string, unknown>, storage: Storage) => Promise<Agent>;

/** How much runs at once: agent threads, model requests (over all threads) and judge calls. */
export interface EvalConcurrency {
  /** Threads in flight (default 4). */
  threads?: number;
  /** Model requests in flight over all threads (default: as many as threads). */
  modelRequests?: number;
  /** Judge calls in flight (default 4). */
  judgeCalls?: number;
}

/** Options shared by {@link runEval} and {@link resumeEval}. */
export interface EvalSessionOptions {
  storage: Storage;
  makeAgent: EvalAgentFactory;
  concurrency?: EvalConcurrency;
  /** Stop after this many items (a rerun with a larger limit continues the same run). */
  limit?: number;
  /** Retries of a thread whose run failed with a retryable error (the thread resumes from its checkpoint); default 2. */
  retries?: number;
  /** First backoff between retries in ms, doubled each time; default 1000. */
  retryBaseMs?: number;
  /** Start no new thread once the run's agents used this many tokens (input + output). */
  tokenBudget?: number;
  /** Aborts the run: threads in flight stop and keep their checkpoints; the next session resumes them. */
  signal?: AbortSignal;
  onProgress?: (progress: EvalProgress) => void;
}

/**
 * Options of {@link runEval}: what to run, and how.
 *
 * @example
 * ```ts
 * import { openStorage } from "interleaf/storage";
 * import { agentFromSpec, AgentSpecSchema } from "interleaf/graphs";
 * import { datasetRefFor, type RunEvalOptions } from "interleaf/eval";
 *
 * const options: RunEvalOptions = {
 *   storage: await openStorage("eval.db"),
 *   dataset: datasetRefFor("hr_bench_4k.tsv"),
 *   agent: { mode: "general", dialect: "r1v4", script: "turns.json" },
 *   makeAgent: (spec, storage) => agentFromSpec(AgentSpecSchema.parse(spec), { storage }),
 *   samples: 4,
 *   generation: { temperature: 0.6 },
 * };
 * console.log(options.samples); // 4
 * ```
 */
export interface RunEvalOptions extends EvalSessionOptions {
  dataset: DatasetRef;
  /** The agent spec (`AgentSpec` of `interleaf/graphs`), stored with the run. */
  agent: Record<string, unknown>;
  /** Default: derived from the configuration, so the same command finds the same run. */
  runId?: string;
  /** Samples per item (Avg@k, Pass@k); default 1. */
  samples?: number;
  generation?: Partial<GenerationSettings>;
  budgets?: Partial<Budgets>;
  /** Rule scorers; the first is the headline score unless there is a judge. */
  scorers?: readonly Scorer[];
  judge?: EvalJudge & { baseUrl?: string };
  /** Check the dataset's md5 against its manifest (default true). */
  verifyChecksum?: boolean;
  /** Recorded in the run (the CLI passes its package version). */
  version?: string;
}

/** Options of {@link resumeEval}: how to rebuild what a run's config names only by id. */
export interface ResumeEvalOptions extends EvalSessionOptions {
  /** The scorer of an id (rule scorers and the judge's parser): the registry of `interleaf/eval`. */
  resolveScorer: (id: string) => Scorer;
  /** The judge's model, rebuilt from the run's `judge.model` (required when the run has a judge). */
  judgeModel?: EvalJudge["model"];
}

/** How a session of a run ended. */
export interface EvalRunSummary {
  runId: string;
  /** Threads of the run seen by this session. */
  threads: number;
  /** Finished threads, and those finished by earlier sessions (skipped now). */
  done: number;
  skipped: number;
  failed: number;
  interrupted: number;
  judgeFailed: number;
  /** Why the session stopped early: Ctrl-C / the signal, or the token budget; null when every thread was tried. */
  stoppedBy: "interrupted" | "token_budget" | null;
  tokens: number;
}

/**
 * The configuration of a new eval run, saved in the run table, or the stored one when the same run
 * is started again (a different configuration under the same id is refused). Shared by `runEval`
 * and by runs whose threads go to a queue.
 *
 * @internal
 */
export async function prepareEvalRun(options: Omit<RunEvalOptions, "makeAgent">): Promise<EvalRunConfig> {
  const table = new EvalRunTable(options.storage.cache);
  const dataset = openDataset(options.dataset, options.storage.images);
  const checksum = options.verifyChecksum === false ? await dataset.checksum() : await verifyDataset(dataset);
  const judge: JudgeRecord | undefined = options.judge
    ? {
        model: options.judge.name ?? `${options.judge.model.provider}:${options.judge.model.modelId}`,
        ...(options.judge.baseUrl ? { baseUrl: options.judge.baseUrl } : {}),
        template: options.judge.template.id,
        templateSha256: templateSha256(options.judge.template),
        parser: options.judge.parser.id,
      }
    : undefined;
  const identity = {
    dataset: { ...options.dataset, checksum },
    agent: options.agent,
    samples: options.samples ?? 1,
    seed: options.dataset.seed,
    generation: GenerationSettingsSchema.parse(options.generation ?? {}),
    budgets: (options.budgets ?? {}) as Record<string, number>,
    scorers: (options.scorers ?? []).map((scorer) => scorer.id),
    ...(judge ? { judge } : {}),
  };
  // The threads depend on everything but the scoring: a run is named by that, so that re-scoring does not rename it.
  const { scorers: _scorers, judge: _judge, ...threadsIdentity } = identity;
  const runId = options.runId ?? fingerprint(threadsIdentity).slice(0, 12);
  const existing = await table.config(runId);
  let config: EvalRunConfig;
  if (existing) {
    const stored = EvalRunConfigSchema.parse(existing);
    const wanted = EvalRunConfigSchema.parse({ ...identity, runId, createdAt: stored.createdAt, version: stored.version });
    const { scorers: s1, judge: j1, ...storedThreads } = stored;
    const { scorers: s2, judge: j2, ...wantedThreads } = wanted;
    if (fingerprint(storedThreads) !== fingerprint(wantedThreads)) {
      throw new InterleafError("invalid_argument", `eval run ${runId} exists with another configuration; resume it with \`interleaf eval resume ${runId}\`, or give another --run-id`, { details: { argument: "runId", value: runId } });
    }
    if (fingerprint({ s: s1, j: j1 ?? null }) !== fingerprint({ s: s2, j: j2 ?? null })) {
      throw new InterleafError("invalid_argument", `eval run ${runId} is scored by ${[...s1, ...(j1 ? [`judge ${j1.model}`] : [])].join(", ") || "nothing"}; continue it with \`interleaf eval resume ${runId}\`, and change its scorers with \`interleaf eval score ${runId}\``, { details: { argument: "scorers" } });
    }
    config = stored;
  } else {
    config = EvalRunConfigSchema.parse({ runId, createdAt: Date.now(), version: options.version ?? "library", ...identity });
    await table.saveConfig(config);
  }
  return config;
}

/**
 * Runs an agent on a benchmark: every (item, sample) is one agent thread with a deterministic id
 * in the given storage, and a run table there records the configuration and each thread's
 * status, answer, scores, usage, turns, tool calls, latency and error.
 *
 * Crash-safe: calling it again with the same options (or {@link resumeEval}) skips finished
 * threads, resumes interrupted and failed ones from their checkpoints (no finished model or tool
 * call is repeated) and starts the rest. Threads, model requests and judge calls have their own
 * concurrency limits; a thread whose run fails with a retryable error is resumed with backoff;
 * an optional token budget stops starting new threads.
 *
 * @example
 * ```ts
 * import { openStorage } from "interleaf/storage";
 * import { agentFromSpec } from "interleaf/graphs";
 * import { datasetRefFor, runEval } from "interleaf/eval";
 *
 * const storage = await openStorage("eval.db");
 * const summary = await runEval({
 *   storage,
 *   dataset: datasetRefFor("fvqa_test.parquet"),
 *   agent: { mode: "deepresearch", dialect: "r1v4", model: "vllm:r1v4-lite", baseUrl: "http://127.0.0.1:8000/v1", apiKeyEnv: "none" },
 *   makeAgent: (spec, storage) => agentFromSpec(spec as never, { storage }),
 *   concurrency: { threads: 8 },
 * });
 * console.log(summary.runId, summary.done, summary.failed);
 * ```
 */
export async function runEval(options: RunEvalOptions): Promise<EvalRunSummary> {
  const config = await prepareEvalRun(options);
  return runSession(config, new EvalRunTable(options.storage.cache), options.scorers ?? [], options.judge, options);
}

/**
 * Continues a run from its stored configuration (see {@link runEval}): finished threads are
 * skipped, interrupted ones resumed from their checkpoints, the rest started. The dataset is
 * opened again and its checksum must match the recorded one.
 *
 * @example
 * ```ts
 * import { openStorage } from "interleaf/storage";
 * import { agentFromSpec } from "interleaf/graphs";
 * import { getScorer, resumeEval } from "interleaf/eval";
 *
 * const storage = await openStorage("eval.db");
 * await resumeEval("3f2a9c01b7de", { storage, makeAgent: (spec, storage) => agentFromSpec(spec as never, { storage }), resolveScorer: getScorer });
 * ```
 */
export async function resumeEval(runId: string, options: ResumeEvalOptions): Promise<EvalRunSummary> {
  const table = new EvalRunTable(options.storage.cache);
  const config = await table.requireConfig(runId, options.storage.location);
  const dataset = openDataset(config.dataset, options.storage.images);
  const checksum = await dataset.checksum();
  if (checksum !== config.dataset.checksum) {
    throw new InterleafError("dataset_invalid", `${config.dataset.path} changed since run ${runId} started (md5 ${checksum}, recorded ${config.dataset.checksum}); start a new run`, {
      details: { path: config.dataset.path, expected: config.dataset.checksum, actual: checksum },
    });
  }
  const scorers = config.scorers.map(options.resolveScorer);
  let judge: EvalJudge | undefined;
  if (config.judge) {
    if (!options.judgeModel) throw new InterleafError("invalid_argument", `eval run ${runId} is judged by ${config.judge.model}: pass its judgeModel to resume it`, { details: { argument: "judgeModel" } });
    const template = JUDGE_TEMPLATES[config.judge.template];
    if (!template || templateSha256(template) !== config.judge.templateSha256) {
      throw new InterleafError("invalid_argument", `the judge template ${config.judge.template} of run ${runId} is unknown or changed since the run started`, { details: { argument: "template", value: config.judge.template } });
    }
    judge = { model: options.judgeModel, template, parser: options.resolveScorer(config.judge.parser), name: config.judge.model };
  }
  return runSession(config, table, scorers, judge, options);
}

/** One session of a run: walks the dataset, skipping, resuming and starting threads. */
async function runSession(config: EvalRunConfig, table: EvalRunTable, scorers: readonly Scorer[], judge: EvalJudge | undefined, options: EvalSessionOptions): Promise<EvalRunSummary> {
  const { storage, signal } = options;
  const threads = Math.max(1, options.concurrency?.threads ?? 4);
  const modelGate = new Semaphore(options.concurrency?.modelRequests ?? threads);
  const judgeGate = new Semaphore(options.concurrency?.judgeCalls ?? 4);
  const baseAgent = await options.makeAgent(config.agent, storage);
  const agent = baseAgent.with({ model: limitedModel(baseAgent.options.model, modelGate, config.generation), ...(Object.keys(config.budgets).length > 0 ? { budgets: { ...baseAgent.options.budgets, ...config.budgets } } : {}) });
  const dataset = openDataset(config.dataset, storage.images);
  const retries = options.retries ?? 2;
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const manifestRows = BENCHMARK_MANIFESTS[config.dataset.benchmark]?.rows;
  const itemCount = options.limit ?? manifestRows;
  const summary: EvalRunSummary = { runId: config.runId, threads: 0, done: 0, skipped: 0, failed: 0, interrupted: 0, judgeFailed: 0, stoppedBy: null, tokens: 0 };
  const scores: number[] = [];
  let running = 0;
  let finishedThisSession = 0;
  const sessionStart = Date.now();

  const report = () => {
    if (!options.onProgress) return;
    const total = itemCount === undefined ? undefined : itemCount * config.samples;
    const elapsed = Date.now() - sessionStart;
    const left = total === undefined ? undefined : Math.max(0, total - summary.done - summary.failed);
    options.onProgress({
      runId: config.runId,
      total,
      done: summary.done,
      failed: summary.failed,
      running,
      score: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length,
      tokens: summary.tokens,
      etaMs: left !== undefined && finishedThisSession > 0 ? (left * elapsed) / finishedThisSession : undefined,
    });
  };
  const count = (record: EvalThreadRecord) => {
    summary.tokens += record.usage.inputTokens + record.usage.outputTokens;
    if (isFinished(record.status)) {
      summary.done += 1;
      if (record.judge?.verdict === "judge_failed") summary.judgeFailed += 1;
      const score = headlineScore(record, config.scorers, config.judge !== undefined);
      if (score !== undefined) scores.push(score);
    } else if (record.status === "failed") summary.failed += 1;
    else summary.interrupted += 1;
  };

  const runThread = async (item: EvalItem, sample: number) => {
    const threadId = evalThreadId(config.runId, item.id, sample);
    summary.threads += 1;
    const existing = await table.thread(config.runId, threadId);
    if (existing && isFinished(existing.status)) {
      summary.skipped += 1;
      count(existing);
      report();
      return;
    }
    running += 1;
    report();
    const startedAt = Date.now();
    let record: EvalThreadRecord = existing
      ? { ...existing, status: "running", updatedAt: startedAt }
      : { threadId, itemId: item.id, sample, status: "running", item: scoredItemOf(item), answer: null, raw: "", scores: {}, usage: { inputTokens: 0, outputTokens: 0 }, turns: 0, toolCalls: 0, latencyMs: 0, attempts: 0, startedAt, updatedAt: startedAt };
    // Counted before it starts, so that an attempt cut short by a crash is counted too.
    record.attempts += 1;
    await table.saveThread(config.runId, record);
    let result: RunResult | undefined;
    let error: ErrorInfo | undefined;
    try {
      // A thread has a checkpoint only if its record was written first (below): no record, nothing to resume.
      let started = existing !== undefined && (await agent.state(threadId)) !== undefined;
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) record.attempts += 1;
        const runOptions = signal ? { signal } : {};
        result = started ? await agent.resume(threadId, runOptions) : await agent.run({ question: item.question, images: item.images }, { ...runOptions, threadId });
        started = true;
        if (result.status !== "failed" || !result.error?.retryable || attempt >= retries || signal?.aborted) break;
        await sleep(Math.min(60_000, retryBaseMs * 2 ** attempt * (0.5 + Math.random() / 2)), signal);
      }
    } catch (thrown) {
      error = InterleafError.isInstance(thrown) ? thrown.toJSON() : { code: "internal_error", message: (thrown as Error).message ?? String(thrown), retryable: false };
    }
    record = withRunOutcome(record, { ...(result ? { result } : {}), ...(error ? { error } : {}), aborted: signal?.aborted === true, startedAt, endedAt: Date.now() });
    if (isFinished(record.status)) {
      const scored = applyScorers(record, scorers, config.generation.prediction);
      record.scores = scored.scores;
      if (scored.error) record.error = scored.error.toJSON();
      if (judge) {
        try {
          record.judge = await judgeAnswer(judge, { itemId: item.id, question: record.item.question, gold: record.item.gold, answer: record.answer ?? "" }, { cache: storage.cache, gate: judgeGate, ...(signal ? { signal } : {}) });
        } catch {
          // Aborted while judging: the answer is kept; `interleaf eval rescore` judges it later.
        }
      }
    }
    await table.saveThread(config.runId, record);
    running -= 1;
    finishedThisSession += 1;
    count(record);
    report();
  };

  const tasks = (async function* () {
    let items = 0;
    for await (const item of dataset.items()) {
      if (options.limit !== undefined && items >= options.limit) return;
      items += 1;
      for (let sample = 0; sample < config.samples; sample++) yield { item, sample };
    }
  })();
  const stop = () => {
    if (signal?.aborted) summary.stoppedBy = "interrupted";
    else if (options.tokenBudget !== undefined && summary.tokens >= options.tokenBudget) summary.stoppedBy = "token_budget";
    return summary.stoppedBy !== null;
  };
  let pulling: Promise<unknown> = Promise.resolve();
  const next = () => {
    const pulled = pulling.then(() => tasks.next());
    pulling = pulled.catch(() => undefined);
    return pulled;
  };
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && !stop()) {
      const task = await next();
      if (task.done) return;
      await runThread(task.value.item, task.value.sample);
    }
  };
  await Promise.all(
    Array.from({ length: threads }, () =>
      worker().catch((error: unknown) => {
        failure ??= error;
      }),
    ),
  );
  await tasks.return(undefined);
  if (failure !== undefined) throw failure;
  return summary;
}


function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
