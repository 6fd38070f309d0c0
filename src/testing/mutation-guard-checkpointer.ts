import type { RunnableConfig } from "@langchain/core/runnables";
import { MemorySaver } from "@langchain/langgraph";
import {
  BaseCheckpointSaver,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointTuple,
  type PendingWrite,
} from "@langchain/langgraph-checkpoint";
import { testingError } from "./testing-error.js";
import { stableStringify } from "../util/stable-json.js";

interface Written {
  what: string;
  value: unknown;
  snapshot: string;
}

/**
 * A checkpointer for tests that fails when a checkpoint or a pending write is changed after it
 * was handed to the checkpointer: a node that mutates its state in place (`state.images.push(x)`)
 * instead of returning an update corrupts history silently in production, because LangGraph's
 * checkpoints share values with the running graph. Every value written is snapshotted; each
 * later call (and {@link MutationGuardCheckpointer.verify}) compares the live values with their
 * snapshots and throws `checkpoint_mutated` naming the checkpoint, channel and path that changed.
 * Storage is delegated to `inner` (default a `MemorySaver`).
 *
 * @example
 * ```ts
 * import { createGraphAgent, openStorage, r1v4Dialect } from "interleaf";
 * import { interleavedGraph } from "interleaf/graphs";
 * import { MutationGuardCheckpointer, scriptedModel } from "interleaf/testing";
 *
 * const checkpointer = new MutationGuardCheckpointer();
 * const agent = createGraphAgent({
 *   graph: interleavedGraph(),
 *   dialect: r1v4Dialect(),
 *   model: scriptedModel(["<think>.</think><answer>1</answer>"]),
 *   storage: { ...(await openStorage("memory")), checkpointer },
 * });
 * await agent.run({ question: "?" });
 * checkpointer.verify(); // throws if anything was mutated after it was checkpointed
 * ```
 */
export class MutationGuardCheckpointer extends BaseCheckpointSaver {
  readonly inner: BaseCheckpointSaver;
  readonly #written: Written[] = [];

  constructor(inner: BaseCheckpointSaver = new MemorySaver()) {
    super(inner.serde);
    this.inner = inner;
  }

  /** Throws `checkpoint_mutated` if any value written so far has changed since. */
  verify(): void {
    for (const written of this.#written) {
      const now = stableStringify(written.value);
      if (now === written.snapshot) continue;
      const path = firstDifference(JSON.parse(written.snapshot), JSON.parse(now), "");
      throw testingError(
        "checkpoint_mutated",
        `${written.what} was changed after it was checkpointed, at ${path.where || "(root)"}: ${path.before} → ${path.after}. A node or tool mutated state in place; return a new value in the node's update instead.`,
        { details: { what: written.what, path: path.where } },
      );
    }
  }

  override async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    this.verify();
    return this.inner.getTuple(config);
  }

  override async *list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    this.verify();
    yield* this.inner.list(config, options);
  }

  override async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, newVersions: ChannelVersions): Promise<RunnableConfig> {
    this.verify();
    const thread = String(config.configurable?.thread_id ?? "");
    this.#remember(`checkpoint ${checkpoint.id} of thread ${thread}`, { channel_values: checkpoint.channel_values, channel_versions: checkpoint.channel_versions, versions_seen: checkpoint.versions_seen });
    return this.inner.put(config, checkpoint, metadata, newVersions);
  }

  override async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath?: string): Promise<void> {
    this.verify();
    const thread = String(config.configurable?.thread_id ?? "");
    writes.forEach(([channel, value]) => this.#remember(`the write to "${channel}" of task ${taskId} (thread ${thread})`, value));
    return this.inner.putWrites(config, writes, taskId, taskPath);
  }

  override async deleteThread(threadId: string): Promise<void> {
    return this.inner.deleteThread(threadId);
  }

  override getDeltaChannelHistory(options: Parameters<BaseCheckpointSaver["getDeltaChannelHistory"]>[0]): ReturnType<BaseCheckpointSaver["getDeltaChannelHistory"]> {
    this.verify();
    return this.inner.getDeltaChannelHistory(options);
  }

  override getNextVersion(current: number | undefined): number {
    return this.inner.getNextVersion(current);
  }

  #remember(what: string, value: unknown): void {
    this.#written.push({ what, value, snapshot: stableStringify(value) });
  }
}

function firstDifference(a: unknown, b: unknown, where: string): { where: string; before: string; after: string } {
  if (a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const x = (a as Record<string, unknown>)[key];
      const y = (b as Record<string, unknown>)[key];
      if (stableStringify(x) !== stableStringify(y)) return firstDifference(x, y, Array.isArray(a) ? `${where}[${key}]` : `${where}${where ? "." : ""}${key}`);
    }
  }
  const show = (v: unknown) => (v === undefined ? "(absent)" : clip(JSON.stringify(v)));
  return { where, before: show(a), after: show(b) };
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
