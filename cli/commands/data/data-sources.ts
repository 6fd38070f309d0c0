import { resolve } from "node:path";
import { InterleafError } from "../../../src/errors/index.js";
import type { Storage } from "../../../src/storage/storage.js";
import { trajectoryRecord, type TrajectoryRecord } from "../../../src/data/index.js";
import { EvalRunTable } from "../../../src/eval/index.js";
import { jsonLines } from "../../../src/eval/datasets/json-lines.js";
import { threadNotFound, UsageError } from "../../cli-error.js";
import type { CliIo } from "../../cli-io.js";
import { readOnlyAgent } from "../../open-cli-agent.js";

/** What the labels file says of a thread: its ground truth, benchmark and category. */
type Label = Pick<TrajectoryRecord, "gold" | "benchmark" | "category" | "facts">;

/**
 * The trajectories a `data` command works on: the threads named, every thread of the database with
 * `--all`, or the finished threads of an eval run with `--run <id>` (with the ground truths the run
 * recorded); with `--labels <file.jsonl>` (one `{"thread", "gold", "benchmark", "category"}` per
 * line), their ground truths.
 */
export async function readTrajectories(storage: Storage, threads: readonly string[], options: { all: boolean; run?: string | undefined; labels?: string | undefined }, io: CliIo): Promise<TrajectoryRecord[]> {
  const sources = [threads.length > 0, options.all, options.run !== undefined].filter(Boolean).length;
  if (sources > 1) throw new UsageError("name threads, or pass --all, or --run <eval run>: one of them");
  const fromRun = options.run !== undefined ? await evalRunLabels(storage, options.run) : undefined;
  const ids = fromRun ? [...fromRun.keys()] : options.all ? await allThreadIds(storage) : [...new Set(threads)];
  if (ids.length === 0) throw new UsageError(options.all ? `the database ${storage.location} holds no thread` : options.run ? `eval run ${options.run} has no finished thread` : "name the threads to use, or pass --all or --run <eval run>");
  const labels = options.labels ? await readLabels(resolve(io.cwd, options.labels)) : (fromRun ?? new Map<string, Label>());
  const agent = readOnlyAgent(storage);
  const records: TrajectoryRecord[] = [];
  for (const id of ids) {
    const state = await agent.state(id);
    if (!state) throw threadNotFound(id, storage.location);
    records.push(trajectoryRecord(id, state, labels.get(id) ?? {}));
  }
  return records;
}

/** The finished threads of an eval run, with the ground truth, benchmark and category the run recorded for each. */
async function evalRunLabels(storage: Storage, runId: string): Promise<Map<string, Label>> {
  const table = new EvalRunTable(storage.cache);
  const config = await table.requireConfig(runId, storage.location);
  const labels = new Map<string, Label>();
  for (const thread of await table.threads(runId)) {
    if (thread.status !== "answered" && thread.status !== "stopped") continue;
    const { options, choices, candidates, alternative_gt_answers, target_instances } = thread.item;
    const facts = Object.fromEntries(Object.entries({ options, choices, candidates, alternative_gt_answers, target_instances }).filter(([, value]) => value !== undefined));
    labels.set(thread.threadId, {
      gold: thread.item.gold,
      benchmark: config.dataset.benchmark,
      ...(thread.item.category ? { category: thread.item.category } : {}),
      ...(Object.keys(facts).length > 0 ? { facts } : {}),
    });
  }
  return labels;
}

async function allThreadIds(storage: Storage): Promise<string[]> {
  const ids = new Set<string>();
  for await (const tuple of storage.checkpointer.list({ configurable: {} })) {
    const id = tuple.config.configurable?.thread_id;
    if (typeof id === "string" && (tuple.config.configurable?.checkpoint_ns ?? "") === "") ids.add(id);
  }
  return [...ids].sort();
}

async function readLabels(path: string): Promise<Map<string, Label>> {
  const labels = new Map<string, Label>();
  // Read as a stream, a line at a time: a labels file of a large run need not fit in one string.
  for await (const { row, line, value } of jsonLines(path)) {
    if (typeof value.thread !== "string") {
      throw new InterleafError("dataset_invalid", `--labels ${path}: line ${line} has no "thread"`, { details: { path, row, expected: "a thread id" } });
    }
    labels.set(value.thread, {
      gold: value.gold,
      ...(typeof value.benchmark === "string" ? { benchmark: value.benchmark } : {}),
      ...(typeof value.category === "string" ? { category: value.category } : {}),
    });
  }
  return labels;
}
