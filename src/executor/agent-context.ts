import type { Dialect } from "../dialects/dialect.js";
import type { ImageStore } from "../images/image-store.js";
import { DEFAULT_MODEL_IMAGE_SIZING, type ModelImageSizing } from "../images/model-input-size.js";
import type { ModelBackend } from "../models/model-backend.js";
import type { Budgets } from "../state/budgets.js";
import type { ResultCache } from "../storage/result-cache.js";
import type { ToolRegistry } from "../tools/tool-registry.js";

/**
 * What the nodes of an agent graph run with, passed as LangGraph's runtime `context` on every
 * run. It is never checkpointed, so a resumed or forked thread can run with another model, other
 * tools or another dialect.
 */
export interface AgentContext {
  model: ModelBackend;
  dialect: Dialect;
  tools: ToolRegistry;
  images: ImageStore;
  cache: ResultCache;
  /** How images are sized for the model. */
  sizing: ModelImageSizing;
  /** With pixel coordinates: pixels of the real image (`image`) or of the copy the model was sent (`sent`). */
  pixelSpace: "image" | "sent";
  /** Extra system instructions for the dialect (e.g. a plan to follow). */
  instructions?: string;
  /** Limit for one tool call, in ms. */
  toolTimeoutMs: number;
  /** Wall-clock deadline of this invocation (epoch ms), derived from the run's budget. */
  deadline: number;
  /** The current time in ms (injected for deterministic replays). */
  now(): number;
  /** Emit the model's text as `token` events while it is generated (the run was started with `tokens: true`). */
  streamTokens?: boolean;
}


/** What {@link createAgentContext} builds a context from: an agent's options and its opened storage. */
export interface AgentContextSource {
  model: ModelBackend;
  dialect: Dialect;
  tools: ToolRegistry;
  storage: { images: ImageStore; cache: ResultCache };
  sizing?: ModelImageSizing;
  pixelSpace?: "image" | "sent";
  instructions?: string;
  toolTimeoutMs?: number;
  now?: () => number;
}

/**
 * The context of one invocation, with the defaults applied once: Qwen2.5-VL's sizing, real-image
 * pixels, 120 s per tool call, and a deadline `remainingMs` from now.
 *
 * @internal
 */
export function createAgentContext(source: AgentContextSource, remainingMs: number): AgentContext {
  const now = source.now ?? Date.now;
  return {
    model: source.model,
    dialect: source.dialect,
    tools: source.tools,
    images: source.storage.images,
    cache: source.storage.cache,
    sizing: source.sizing ?? DEFAULT_MODEL_IMAGE_SIZING,
    pixelSpace: source.pixelSpace ?? "image",
    ...(source.instructions ? { instructions: source.instructions } : {}),
    toolTimeoutMs: source.toolTimeoutMs ?? 120_000,
    deadline: now() + Math.max(0, remainingMs),
    now,
  };
}

/**
 * The LangGraph recursion limit that lets a run use all of its budgets: a step per model turn,
 * tool call and routing hop, with room to spare.
 *
 * @internal
 */
export function recursionLimitFor(budgets: Pick<Budgets, "maxModelTurns" | "maxToolCalls">): number {
  return 3 * budgets.maxModelTurns + 2 * budgets.maxToolCalls + 25;
}
