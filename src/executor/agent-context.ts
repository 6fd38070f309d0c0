import type { Dialect } from "../dialects/dialect.js";
import type { ImageStore } from "../images/image-store.js";
import type { ModelImageSizing } from "../images/model-input-size.js";
import type { ModelBackend } from "../models/model-backend.js";
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

