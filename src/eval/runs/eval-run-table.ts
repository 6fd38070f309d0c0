import { InterleafError } from "../../errors/index.js";
import type { ResultCache } from "../../storage/result-cache.js";
import { EvalRunConfigSchema, EvalThreadRecordSchema, type EvalRunConfig, type EvalThreadRecord } from "./eval-run-record.js";

const configKey = (runId: string) => `eval/run/${runId}`;
const countKey = (runId: string) => `eval/run/${runId}/thread-count`;
const positionKey = (runId: string, position: number) => `eval/run/${runId}/thread-at/${position}`;
const threadKey = (runId: string, threadId: string) => `eval/run/${runId}/thread/${threadId}`;

/**
 * The run table, kept in the storage's result cache beside the threads' checkpoints (so SQLite,
 * Postgres and memory all hold it, and a run and its threads live and die together): the run's
 * configuration, the list of its threads in the order they started (one key per position and a
 * count, so that adding a thread costs the same in a run of 23,000 items as in one of 5), and one
 * record per thread. One process writes a run at a time (the CLI and `runEval`); additions to the
 * list are serialised within it.
 *
 * @example
 * ```ts
 * import { openStorage } from "interleaf/storage";
 * import { EvalRunTable } from "interleaf/eval";
 *
 * const table = new EvalRunTable((await openStorage("memory")).cache);
 * console.log(await table.config("no-such-run")); // undefined
 * ```
 */
export class EvalRunTable {
  readonly #cache: ResultCache;
  #indexWrite: Promise<unknown> = Promise.resolve();
  readonly #known = new Map<string, Set<string>>();

  constructor(cache: ResultCache) {
    this.#cache = cache;
  }

  /** The run's configuration, or undefined for an unknown run. */
  async config(runId: string): Promise<EvalRunConfig | undefined> {
    const found = await this.#cache.get(configKey(runId));
    return found === undefined ? undefined : EvalRunConfigSchema.parse(found);
  }

  /** The run's configuration; an unknown run is `eval_run_not_found`. */
  async requireConfig(runId: string, location = "this storage"): Promise<EvalRunConfig> {
    const config = await this.config(runId);
    if (!config) throw new InterleafError("eval_run_not_found", `no eval run ${runId} in ${location}`, { details: { runId } });
    return config;
  }

  async saveConfig(config: EvalRunConfig): Promise<void> {
    await this.#cache.set(configKey(config.runId), EvalRunConfigSchema.parse(config));
  }

  /** The run's thread ids, in the order they were first started. */
  async threadIds(runId: string): Promise<string[]> {
    const count = (await this.#cache.get<number>(countKey(runId))) ?? 0;
    const ids: string[] = [];
    for (let position = 0; position < count; position++) {
      const id = await this.#cache.get<string>(positionKey(runId, position));
      if (id !== undefined) ids.push(id);
    }
    return ids;
  }

  /** Every thread record of the run, in start order. */
  async threads(runId: string): Promise<EvalThreadRecord[]> {
    const out: EvalThreadRecord[] = [];
    for (const threadId of await this.threadIds(runId)) {
      const record = await this.thread(runId, threadId);
      if (record) out.push(record);
    }
    return out;
  }

  async thread(runId: string, threadId: string): Promise<EvalThreadRecord | undefined> {
    const found = await this.#cache.get(threadKey(runId, threadId));
    return found === undefined ? undefined : EvalThreadRecordSchema.parse(found);
  }

  /** Writes a thread's record; a thread seen for the first time joins the run's list. */
  async saveThread(runId: string, record: EvalThreadRecord): Promise<void> {
    await this.#cache.set(threadKey(runId, record.threadId), EvalThreadRecordSchema.parse(record));
    const known = await this.#knownThreads(runId);
    if (known.has(record.threadId)) return;
    known.add(record.threadId);
    const position = known.size - 1;
    const write = this.#indexWrite.then(async () => {
      await this.#cache.set(positionKey(runId, position), record.threadId);
      await this.#cache.set(countKey(runId), position + 1);
    });
    this.#indexWrite = write.catch(() => undefined);
    await write;
  }

  async #knownThreads(runId: string): Promise<Set<string>> {
    let known = this.#known.get(runId);
    if (!known) {
      known = new Set(await this.threadIds(runId));
      this.#known.set(runId, known);
    }
    return known;
  }
}
