import type { RunnableConfig } from "@langchain/core/runnables";
import {
  BaseCheckpointSaver,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointTuple,
  type PendingWrite,
} from "@langchain/langgraph-checkpoint";
import { InterleafError } from "../errors/index.js";
import { isRetryablePostgresError } from "./postgres-errors.js";

/**
 * A checkpointer that reports what its `inner` one throws as `storage_failed` (with the database's
 * error as `cause`), so a run that fails on a checkpoint says it was the storage, not the model or
 * a node. Interleaf errors pass through unchanged. The executor wraps every agent's checkpointer in
 * one.
 */
export class StorageFailureCheckpointer extends BaseCheckpointSaver {
  readonly inner: BaseCheckpointSaver;

  constructor(inner: BaseCheckpointSaver) {
    super(inner.serde);
    this.inner = inner;
  }

  override getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    return reported("reading a checkpoint", () => this.inner.getTuple(config));
  }

  override async *list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    try {
      yield* this.inner.list(config, options);
    } catch (error) {
      throw storageFailed("listing checkpoints", error);
    }
  }

  override put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, newVersions: ChannelVersions): Promise<RunnableConfig> {
    return reported("writing a checkpoint", () => this.inner.put(config, checkpoint, metadata, newVersions));
  }

  override putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath?: string): Promise<void> {
    return reported("writing a step's results", () => this.inner.putWrites(config, writes, taskId, taskPath));
  }

  override deleteThread(threadId: string): Promise<void> {
    return reported(`deleting thread ${threadId}`, () => this.inner.deleteThread(threadId));
  }

  override getDeltaChannelHistory(options: Parameters<BaseCheckpointSaver["getDeltaChannelHistory"]>[0]): ReturnType<BaseCheckpointSaver["getDeltaChannelHistory"]> {
    return reported("reading channel history", () => this.inner.getDeltaChannelHistory(options));
  }

  override getNextVersion(current: number | undefined): number {
    return this.inner.getNextVersion(current);
  }
}

async function reported<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw storageFailed(what, error);
  }
}

/** An interleaf error as it is; else `storage_failed`, retryable when the database was unreachable (a run resumed later can go on). */
function storageFailed(what: string, error: unknown): InterleafError {
  if (InterleafError.isInstance(error)) return error;
  const wrapped = InterleafError.from(error, "storage_failed", `the storage failed ${what}`);
  return isRetryablePostgresError(error) ? new InterleafError("storage_failed", wrapped.message, { cause: error, retryable: true }) : wrapped;
}
