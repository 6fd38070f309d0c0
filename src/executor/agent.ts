import { randomUUID } from "node:crypto";
import { Command, Overwrite, START } from "@langchain/langgraph";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { Dialect } from "../dialects/dialect.js";
import { InterleafError, isAbortError } from "../errors/index.js";
import type { ModelImageSizing } from "../images/model-input-size.js";
import type { ModelBackend } from "../models/model-backend.js";
import type { AgentStateValue } from "../state/agent-state.js";
import { BudgetsSchema, type Budgets } from "../state/budgets.js";
import { openStorage } from "../storage/open-storage.js";
import { memoryThreadLocks, type ThreadLock, type ThreadLocks } from "../storage/thread-locks.js";
import { chooseStorageSpec } from "../storage/storage-choice.js";
import { StorageFailureCheckpointer } from "../storage/storage-failure-checkpointer.js";
import type { AnyTool } from "../tools/tool.js";
import { ToolRegistry } from "../tools/tool-registry.js";
import { checkSpecificationVersion } from "../util/specification-version.js";
import { createAgentContext, recursionLimitFor, type AgentContext } from "./agent-context.js";
import { checkOneLangGraph } from "./one-langgraph.js";
import type { AgentEvent } from "./agent-events.js";
import type { AgentGraph, CompiledAgentGraph } from "./agent-graph.js";
import type { Storage } from "../storage/storage.js";
import { summarizeCheckpoint, type CheckpointSummary } from "./checkpoint-summary.js";
import { ingestInputImages, type RunInput } from "./run-input.js";
import type { RunResult } from "./run-result.js";

type AgentInterrupt = NonNullable<RunResult["interrupts"]>[number];

/** What an agent and the agents derived from it (`with`) share. */
interface AgentSetup {
  storage: Storage;
  /** The storage's checkpointer, its failures reported as `storage_failed`. */
  checkpointer: StorageFailureCheckpointer;
  graph: CompiledAgentGraph;
  locks: ThreadLocks;
}

/** Options for {@link createGraphAgent}. */
export interface AgentOptions {
  /** The graph to run, e.g. `interleavedGraph()` from `interleaf/graphs`. */
  graph: AgentGraph;
  model: ModelBackend;
  dialect: Dialect;
  tools?: readonly AnyTool[] | ToolRegistry;
  /**
   * Checkpoints, images and cache: an opened storage (see `openStorage`), or a spec for
   * `openStorage` (`"memory"`, a SQLite file path, a `postgres://` URL). Default: what the
   * `INTERLEAF_DB` environment variable names, else process memory: an agent given no storage
   * writes no file (the `interleaf` command is what defaults to `.interleaf/interleaf.db`).
   */
  storage?: Storage | string;
  /** Default budgets of every run. */
  budgets?: Partial<Budgets>;
  /** Model image sizing (pixel budget); default Qwen2.5-VL's. */
  sizing?: ModelImageSizing;
  /** With pixel coordinates: real-image pixels (`image`, default) or pixels of the copy sent (`sent`). */
  pixelSpace?: "image" | "sent";
  /** Extra system instructions for the dialect. */
  instructions?: string;
  /** Limit for one tool call; default 120 s. */
  toolTimeoutMs?: number;
  /** Input images above this many pixels are refused. */
  maxInputPixels?: number;
  /** Clock (ms); inject for deterministic tests. */
  now?: () => number;
  /** Thread ids for new runs; default random UUIDs. */
  newThreadId?: () => string;
}

/** Per-call options of {@link Agent.run}, {@link Agent.resume} and {@link Agent.stream}. */
export interface RunOptions {
  threadId?: string;
  signal?: AbortSignal;
  /** Called with every event as it happens. Without it, `run` and `resume` stream no events at all. */
  onEvent?: (event: AgentEvent) => void;
  /**
   * Stream the model's text as it is generated: `token` events with each delta, before the turn's
   * `model_turn` event (backends that cannot stream send the whole turn as one delta). Default false.
   */
  tokens?: boolean;
}

/** Options of {@link Agent.fork}. */
export interface ForkOptions {
  /** The checkpoint to start from; default the thread's latest. */
  checkpointId?: string;
  /** Id of the new thread; default a new UUID. */
  newThreadId?: string;
  /** State edits applied on the new thread (e.g. other budgets, a changed question). */
  update?: Partial<AgentStateValue>;
}

/**
 * Runs an agent graph with a checkpointer: every transition is checkpointed (durability `sync`),
 * so a run whose process died resumes where it stopped, and any checkpoint can be forked into a
 * new thread, with the same or another backend.
 *
 * @example
 * ```ts
 * import { createGraphAgent, r1v4Dialect } from "interleaf";
 * import { interleavedGraph } from "interleaf/graphs";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const agent = createGraphAgent({
 *   graph: interleavedGraph(),
 *   model: scriptedModel(["<think>Nothing to look at.</think><answer>42</answer>"]),
 *   dialect: r1v4Dialect(),
 * });
 * const result = await agent.run({ question: "What is six times seven?" });
 * console.log(result.status, result.answer); // answered 42
 * ```
 */
export class Agent {
  readonly options: Readonly<AgentOptions>;
  readonly tools: ToolRegistry;
  readonly #setup: Promise<AgentSetup>;

  /**
   * Use {@link createGraphAgent}.
   *
   * @param shared The storage and compiled graph of the agent this one was derived from (`with`).
   * @internal
   */
  constructor(options: AgentOptions, shared?: Promise<AgentSetup>) {
    checkExtensions(options);
    this.options = options;
    this.tools = options.tools instanceof ToolRegistry ? options.tools : new ToolRegistry(options.tools ?? []);
    this.#setup =
      shared ??
      resolveStorage(options.storage).then((storage) => {
        const checkpointer = new StorageFailureCheckpointer(storage.checkpointer);
        return {
          storage,
          checkpointer,
          graph: compileOnOneLangGraph(options.graph, checkpointer),
          // A storage that cannot lock across processes (e.g. one built on a LangGraph saver) still gets one writer per thread here.
          locks: storage.locks ?? memoryThreadLocks(),
        };
      });
    // A storage that cannot be opened is reported by the first call that needs it.
    this.#setup.catch(() => undefined);
  }

  /**
   * An `Agent` is not a LangGraph graph, so LangGraph's server cannot run one: reading `graph` (as
   * the server does when `langgraph.json` names an agent) throws `config_invalid` saying what to
   * export instead (`serverGraph` from `interleaf/server`).
   */
  get graph(): never {
    throw new InterleafError(
      "config_invalid",
      "an interleaf Agent cannot be served by LangGraph's server (its model, tools and storage are live objects that cannot travel as JSON): " +
        'export serverGraph({ spec }) from "interleaf/server" in the file langgraph.json names (see docs/langgraph-server.md)',
    );
  }

  /** The storage this agent runs on (opened on first use when given as a spec). */
  async storage(): Promise<Storage> {
    return (await this.#setup).storage;
  }

  /**
   * The same agent with some options replaced, sharing storage: e.g. `agent.with({ model })`
   * to continue or fork a thread with another backend.
   */
  with(changes: Partial<Omit<AgentOptions, "storage" | "graph">>): Agent {
    return new Agent({ ...this.options, ...changes }, this.#setup);
  }

  /** Starts a run on a new thread (or `options.threadId`) and waits for its result. */
  async run(input: RunInput, options: RunOptions = {}): Promise<RunResult> {
    return drain(this.#start(input, options, options.onEvent !== undefined), options.onEvent);
  }

  /**
   * Continues a thread from its last checkpoint (after a crash, an abort or a failure), or answers
   * the interrupt it waits at (`result.interrupts`) with `{ resume: value }`, as LangGraph's
   * `Command({ resume })` does: the interrupted node runs again and its `interrupt()` returns `value`.
   */
  async resume(threadId: string, options: Omit<RunOptions, "threadId"> & { resume?: unknown } = {}): Promise<RunResult> {
    return drain(this.#continue(threadId, options, options.onEvent !== undefined), options.onEvent);
  }

  /** Starts a run and yields its events; the generator's return value is the result. */
  stream(input: RunInput, options: RunOptions = {}): AsyncGenerator<AgentEvent, RunResult> {
    return this.#start(input, options, true);
  }

  /** Continues a thread and yields its events; the generator's return value is the result. */
  resumeStream(threadId: string, options: Omit<RunOptions, "threadId"> & { resume?: unknown } = {}): AsyncGenerator<AgentEvent, RunResult> {
    return this.#continue(threadId, options, true);
  }

  /**
   * A run's events and result. With `listening` false (a `run()` without `onEvent`) the nodes' events
   * are not streamed at all: nobody reads them, and streaming them is a good part of a step's cost.
   */
  async *#start(input: RunInput, options: RunOptions, listening: boolean): AsyncGenerator<AgentEvent, RunResult> {
    const threadId = options.threadId ?? (this.options.newThreadId ?? randomUUID)();
    const lock = await this.#lock(threadId);
    try {
      const existing = await this.#snapshot(threadId);
      if (existing && existing.createdAt) {
        throw new InterleafError("invalid_argument", `thread ${threadId} already exists; resume it or fork it instead of starting it again`, { details: { threadId } });
      }
      const budgets = BudgetsSchema.parse({ ...this.options.budgets, ...input.budgets });
      checkQuestion(input.question, budgets.maxQuestionChars);
      const { storage } = await this.#setup;
      const images = await ingestInputImages(input.images ?? [], storage.images, this.options.maxInputPixels);
      yield* this.#execute(threadId, { question: input.question, images, budgets }, budgets, 0, false, options, listening);
      return await this.#result(threadId);
    } finally {
      await lock.release();
    }
  }

  async *#continue(threadId: string, options: Omit<RunOptions, "threadId"> & { resume?: unknown }, listening: boolean): AsyncGenerator<AgentEvent, RunResult> {
    const lock = await this.#lock(threadId);
    try {
      const snapshot = await this.#snapshot(threadId);
      if (!snapshot || !snapshot.createdAt) throw await this.#notFound(threadId);
      const waiting = snapshot.tasks.some((task) => (task.interrupts ?? []).length > 0);
      if ("resume" in options && !waiting) {
        throw new InterleafError("invalid_argument", `thread ${threadId} waits for no answer (no node called interrupt()); resume it without one`, { details: { threadId, argument: "resume" } });
      }
      // A step whose results were saved (pending writes) before the checkpoint after it could be
      // (the process or the database went away in between) is still to be applied: LangGraph lists
      // it under `tasks`, no longer under `next`.
      if (snapshot.next.length > 0 || snapshot.tasks.length > 0) {
        const values = snapshot.values as AgentStateValue;
        // With an answer, the interrupted node runs again and its `interrupt()` returns the answer.
        const input = "resume" in options ? new Command({ resume: options.resume }) : null;
        yield* this.#execute(threadId, input, values.budgets, values.counters.elapsedMs, true, options, listening);
      }
      return await this.#result(threadId);
    } finally {
      await lock.release();
    }
  }

  /** One writer per thread: another run of the same thread, in this process or another, is refused with `thread_busy`. */
  async #lock(threadId: string): Promise<ThreadLock> {
    const { locks } = await this.#setup;
    return locks.acquire(threadId);
  }

  /** The thread's current state, or undefined for an unknown thread. */
  async state(threadId: string, checkpointId?: string): Promise<AgentStateValue | undefined> {
    const snapshot = await this.#snapshot(threadId, checkpointId);
    return snapshot?.createdAt ? (snapshot.values as AgentStateValue) : undefined;
  }

  /** Every checkpoint of a thread, newest first, with a one-line summary each. */
  async history(threadId: string): Promise<CheckpointSummary[]> {
    const { graph } = await this.#setup;
    const out: CheckpointSummary[] = [];
    for await (const snapshot of graph.getStateHistory(this.#config(threadId))) out.push(summarizeCheckpoint(snapshot));
    if (out.length === 0) throw await this.#notFound(threadId);
    return out;
  }

  /**
   * Starts a new thread from any checkpoint of another (time travel). The new thread holds the
   * state as it was there, with `update` applied, and continues from the same point when
   * resumed, possibly by `agent.with({ model })`. Returns the new thread's id.
   */
  async fork(threadId: string, options: ForkOptions = {}): Promise<string> {
    const source = await this.#snapshot(threadId, options.checkpointId);
    if (!source?.createdAt) {
      throw new InterleafError("checkpoint_not_found", `no checkpoint ${options.checkpointId ?? "(latest)"} on thread ${threadId}`, {
        details: { threadId, ...(options.checkpointId ? { checkpointId: options.checkpointId } : {}) },
      });
    }
    const newThreadId = options.newThreadId ?? (this.options.newThreadId ?? randomUUID)();
    const { graph } = await this.#setup;
    const parent = source.parentConfig ? await graph.getState(source.parentConfig) : undefined;
    const target = this.#config(newThreadId);
    if (!parent || (source.metadata as { source?: string } | undefined)?.source === "input") {
      // The input checkpoint: its state is still empty, the run's input is what its start task wrote.
      const input = source.tasks.find((task) => task.name === START)?.result as Record<string, unknown> | undefined;
      const values = { ...(source.values as Record<string, unknown>), ...input, ...options.update };
      await graph.updateState(target, this.#asWrites(graph, values), START);
      return newThreadId;
    }
    const values: Record<string, unknown> = { ...(source.values as Record<string, unknown>), ...options.update };
    const ranNodes = parent.next.length > 0 ? [...parent.next] : ["__start__"];
    await graph.updateState(target, this.#asWrites(graph, values), ranNodes[0]);
    return newThreadId;
  }

  /** Closes the storage (also when it was passed in opened: the agent is its last user). */
  async close(): Promise<void> {
    const { storage } = await this.#setup;
    await storage.close();
  }

  async #notFound(threadId: string): Promise<InterleafError> {
    const { storage } = await this.#setup;
    return new InterleafError("thread_not_found", `no thread ${threadId} in ${storage.location}`, { details: { threadId } });
  }

  async *#execute(
    threadId: string,
    input: Record<string, unknown> | Command | null,
    budgets: Budgets,
    elapsedMs: number,
    resumed: boolean,
    options: Pick<RunOptions, "signal" | "tokens">,
    listening: boolean,
  ): AsyncGenerator<AgentEvent> {
    const { signal } = options;
    const { storage, graph } = await this.#setup;
    const context: AgentContext = {
      ...createAgentContext({ ...this.options, tools: this.tools, storage }, budgets.maxWallClockMs - elapsedMs),
      ...(options.tokens && listening ? { streamTokens: true } : {}),
    };
    yield { type: "run_started", threadId, resumed };
    let interrupted = false;
    try {
      const stream = await graph.stream(input, {
        ...this.#config(threadId),
        context,
        // "values": the last state comes with the stream, so the result needs no rebuild of the
        // thread from its checkpoints (the delta fields would make that read every one of them).
        streamMode: listening ? ["custom", "values"] : ["values"],
        durability: "sync",
        recursionLimit: recursionLimitFor(budgets),
        ...(signal ? { signal } : {}),
      });
      for await (const [mode, chunk] of stream as AsyncIterable<[string, unknown]>) {
        if (mode !== "values") yield chunk as AgentEvent;
        // A node called `interrupt()`: LangGraph ends the stream with the interrupts instead of a state.
        else if (isInterruptChunk(chunk)) interrupted = true;
        else this.#finalValues.set(threadId, chunk as AgentStateValue);
      }
    } catch (error) {
      this.#failures.set(threadId, error);
    }
    if (interrupted && !this.#failures.has(threadId)) {
      const interrupts = await this.#pendingInterrupts(threadId);
      this.#interrupts.set(threadId, interrupts);
      yield { type: "interrupted", interrupts };
    }
  }

  /** The interrupts the thread waits at, with the node that raised each. */
  async #pendingInterrupts(threadId: string): Promise<AgentInterrupt[]> {
    const snapshot = await this.#snapshot(threadId);
    return (snapshot?.tasks ?? []).flatMap((task) => (task.interrupts ?? []).map((pending) => ({ id: pending.id ?? "", node: task.name, value: pending.value as unknown })));
  }

  readonly #interrupts = new Map<string, AgentInterrupt[]>();

  readonly #failures = new Map<string, unknown>();
  readonly #finalValues = new Map<string, AgentStateValue>();

  async #result(threadId: string): Promise<RunResult> {
    const streamed = this.#finalValues.get(threadId);
    this.#finalValues.delete(threadId);
    const { values, checkpointId } = streamed ? { values: streamed, checkpointId: await this.#latestCheckpointId(threadId) } : await this.#latestState(threadId);
    const failure = this.#failures.get(threadId);
    this.#failures.delete(threadId);
    const interrupts = this.#interrupts.get(threadId);
    this.#interrupts.delete(threadId);
    const base = {
      threadId,
      answer: values.answer ?? null,
      stop: values.stop ?? null,
      steps: values.steps ?? [],
      counters: values.counters,
      checkpointId,
    };
    if (failure !== undefined) {
      const error = InterleafError.from(failure, "internal_error", "the run failed on an unexpected error (a bug in a node, tool or backend)");
      const interrupted = error.code === "aborted" || isAbortError(failure);
      return { ...base, status: interrupted ? "interrupted" : "failed", error: error.toJSON() };
    }
    if (interrupts) return { ...base, status: "interrupted", interrupts };
    return { ...base, status: values.answer !== null && values.answer !== undefined ? "answered" : "stopped" };
  }

  async #latestState(threadId: string): Promise<{ values: AgentStateValue; checkpointId: string | undefined }> {
    const snapshot = await this.#snapshot(threadId);
    return { values: (snapshot?.values ?? {}) as AgentStateValue, checkpointId: snapshot?.config.configurable?.checkpoint_id as string | undefined };
  }

  /** The id of the thread's newest checkpoint, read without rebuilding its state. */
  async #latestCheckpointId(threadId: string): Promise<string | undefined> {
    const { checkpointer } = await this.#setup;
    const tuple = await checkpointer.getTuple(this.#config(threadId));
    return tuple?.config.configurable?.checkpoint_id as string | undefined;
  }

  async #snapshot(threadId: string, checkpointId?: string) {
    const { graph } = await this.#setup;
    return graph.getState(this.#config(threadId, checkpointId)).catch((error: unknown) => {
      throw InterleafError.from(error, "storage_failed", `could not read thread ${threadId}`);
    });
  }

  #config(threadId: string, checkpointId?: string): RunnableConfig {
    return { configurable: { thread_id: threadId, ...(checkpointId ? { checkpoint_id: checkpointId } : {}) } };
  }

  /** Values as writes that replace, not extend, accumulating channels (delta and reducer fields). */
  #asWrites(graph: CompiledAgentGraph, values: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      const channel = graph.channels[key] as { lc_graph_name?: string } | undefined;
      const accumulates = channel?.lc_graph_name === "DeltaChannel" || channel?.lc_graph_name === "BinaryOperatorAggregate";
      out[key] = accumulates ? new Overwrite(value) : value;
    }
    return out;
  }
}

/**
 * Creates an {@link Agent}: a graph, a model backend, a dialect, tools and storage. The graph is
 * yours (any `StateGraph` on `AgentState`, or one from `interleaf/graphs`); the agent compiles
 * it with the storage's checkpointer. (Not LangChain's `createAgent`, which builds its own
 * tool-calling graph from a model and tools.)
 *
 * @example
 * ```ts
 * import { createGraphAgent, r1v4Dialect } from "interleaf";
 * import { interleavedGraph } from "interleaf/graphs";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(["<think>ok</think><answer>yes</answer>"]), dialect: r1v4Dialect() });
 * ```
 */
export function createGraphAgent(options: AgentOptions): Agent {
  return new Agent(options);
}

/** Compiles the graph with the storage's checkpointer, refusing a graph built by a second copy of LangGraph that would lose the trajectory. */
function compileOnOneLangGraph(graph: AgentGraph, checkpointer: StorageFailureCheckpointer): CompiledAgentGraph {
  const compiled = graph.compile({ checkpointer });
  checkOneLangGraph(compiled);
  return compiled as CompiledAgentGraph;
}

/** Refuses implementations of another contract version before the first run (see `checkSpecificationVersion`). */
function checkExtensions(options: AgentOptions): void {
  checkSpecificationVersion("ModelBackend", options.model);
  checkSpecificationVersion("Dialect", options.dialect);
  if (options.storage !== undefined && typeof options.storage !== "string") {
    checkSpecificationVersion("ImageStore", options.storage.images);
    checkSpecificationVersion("ResultCache", options.storage.cache);
  }
}

/** Refuses a question that is not text or is longer than the limit, before anything is stored. */
function checkQuestion(question: unknown, maxChars: number): void {
  if (typeof question !== "string") {
    throw new InterleafError("invalid_argument", `the question must be text, got ${question === null ? "null" : typeof question}`, { details: { argument: "question" } });
  }
  if (question.length > maxChars) {
    throw new InterleafError(
      "invalid_argument",
      `the question is ${question.length.toLocaleString("en")} characters long, over the limit of ${maxChars.toLocaleString("en")}: ` +
        "shorten it, or raise budgets.maxQuestionChars",
      { details: { argument: "question", limit: maxChars, length: question.length } },
    );
  }
}

/** Opens the storage an agent was given as a spec, or the default one (see {@link chooseStorageSpec}). */
function resolveStorage(option: Storage | string | undefined): Promise<Storage> {
  if (option !== undefined && typeof option !== "string") return Promise.resolve(option);
  return openStorage(chooseStorageSpec(option, "memory"));
}

/** The `values` chunk LangGraph streams when a node interrupted: `{ __interrupt__: [...] }`. */
function isInterruptChunk(chunk: unknown): boolean {
  return typeof chunk === "object" && chunk !== null && "__interrupt__" in chunk;
}

async function drain(events: AsyncGenerator<AgentEvent, RunResult>, onEvent?: (event: AgentEvent) => void): Promise<RunResult> {
  for (;;) {
    const next = await events.next();
    if (next.done) return next.value;
    onEvent?.(next.value);
  }
}
