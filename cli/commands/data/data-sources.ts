import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InterleafError } from "../../../src/errors/index.js";
import type { Storage } from "../../../src/storage/storage.js";
import { trajectoryRecord, type TrajectoryRecord } from "../../../src/data/index.js";
import { threadNotFound, UsageError } from "../../cli-error.js";
import type { CliIo } from "../../cli-io.js";
import { readOnlyAgent } from "../../open-cli-agent.js";

/** What the labels file says of a thread: its ground truth, benchmark and category. */
type Label = Pick<TrajectoryRecord, "gold" | "benchmark" | "category">;

/**
 * The trajectories a `data` command works on: the threads named, or every thread of the database
 * with `--all`; with `--labels <file.jsonl>` (one `{"thread", "gold", "benchmark", "category"}` per
 * line), their ground truths.
 */
export async function readTrajectories(storage: Storage, threads: readonly string[], options: { all: boolean; labels?: string | undefined }, io: CliIo): Promise<TrajectoryRecord[]> {
  if (threads.length > 0 && options.all) throw new UsageError("name threads or pass --all, not both");
  const ids = options.all ? await allThreadIds(storage) : [...new Set(threads)];
  if (ids.length === 0) throw new UsageError(options.all ? `the database ${storage.location} holds no thread` : "name the threads to use, or pass --all");
  const labels = options.labels ? await readLabels(resolve(io.cwd, options.labels)) : new Map<string, Label>();
  const agent = readOnlyAgent(storage);
  const records: TrajectoryRecord[] = [];
  for (const id of ids) {
    const state = await agent.state(id);
    if (!state) throw threadNotFound(id, storage.location);
    records.push(trajectoryRecord(id, state, labels.get(id) ?? {}));
  }
  return records;
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
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InterleafError("config_invalid", `cannot read the labels file ${path}`, { cause: error, details: { path } });
  }
  const labels = new Map<string, Label>();
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new UsageError(`--labels ${path}: line ${i + 1} is not JSON`);
    }
    if (typeof row.thread !== "string") throw new UsageError(`--labels ${path}: line ${i + 1} has no "thread"`);
    labels.set(row.thread, {
      gold: row.gold,
      ...(typeof row.benchmark === "string" ? { benchmark: row.benchmark } : {}),
      ...(typeof row.category === "string" ? { category: row.category } : {}),
    });
  });
  return labels;
}
