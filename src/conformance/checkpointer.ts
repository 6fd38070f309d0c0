import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type * as ValidationSuite from "@langchain/langgraph-checkpoint-validation";
import type { CheckpointSaverTestInitializer } from "@langchain/langgraph-checkpoint-validation";
import * as vitest from "vitest";
import { InterleafError } from "../errors/index.js";

const GLOBALS = ["describe", "it", "test", "expect", "beforeAll", "afterAll", "beforeEach", "afterEach"] as const;

/** Options for {@link checkpointerConformance}. */
export interface CheckpointerConformanceOptions<T> {
  /** Called after each test with the saver the factory returned: close connections, drop tables. */
  dispose?: (saver: T) => void | Promise<void>;
  /**
   * The name LangGraph's suite knows this saver by, so the cases it documents as not applying to
   * that saver are skipped with their reason, e.g. `@langchain/langgraph-checkpoint-sqlite` (which
   * stores every channel value in each checkpoint rather than only changed ones) or `MemorySaver`.
   * Default: `name`.
   */
  langgraphName?: string;
}

/**
 * Runs LangGraph's own checkpointer validation suite (`@langchain/langgraph-checkpoint-validation`,
 * an optional peer dependency loaded only by this suite: put, putWrites, getTuple, list,
 * deleteThread) plus its opt-in `getDeltaChannelHistory` tests,
 * which interleaf's delta-channel trajectory relies on, against a checkpoint saver (vitest).
 *
 * Each test gets a fresh saver from `factory`; savers must not see each other's checkpoints (give
 * each its own file, schema or database, or clear shared storage in `dispose`). LangGraph's suite
 * is written against test globals, so this installs vitest's `describe`, `it`, `expect` and hooks
 * on `globalThis` where they are missing.
 *
 * @example
 * ```ts
 * import { MemorySaver } from "@langchain/langgraph";
 * import { checkpointerConformance } from "interleaf/conformance";
 *
 * checkpointerConformance("memory", () => new MemorySaver());
 * ```
 */
export function checkpointerConformance<T extends BaseCheckpointSaver>(name: string, factory: () => T | Promise<T>, options: CheckpointerConformanceOptions<T> = {}): void {
  const scope = globalThis as Record<string, unknown>;
  for (const key of GLOBALS) scope[key] ??= vitest[key];
  const initializer: CheckpointSaverTestInitializer<T> = {
    checkpointerName: options.langgraphName ?? name,
    createCheckpointer: factory,
    ...(options.dispose ? { destroyCheckpointer: options.dispose } : {}),
  };
  vitest.describe(`${name}: checkpointer conformance (LangGraph validation suite)`, async () => {
    const { validate, deltaChannelHistoryTests } = await loadValidationSuite();
    validate(initializer);
    deltaChannelHistoryTests(initializer);
  });
}

/** LangGraph's suite, an optional peer dependency: loaded only by the suite that needs it. */
async function loadValidationSuite(): Promise<typeof ValidationSuite> {
  try {
    return await import("@langchain/langgraph-checkpoint-validation");
  } catch (error) {
    throw new InterleafError("config_invalid", "checkpointerConformance runs LangGraph's validation suite: install it with `npm install -D @langchain/langgraph-checkpoint-validation`", { cause: error });
  }
}
