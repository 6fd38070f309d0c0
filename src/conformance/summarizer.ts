import { describe, expect, it } from "vitest";
import { InterleafError, isAbortError } from "../errors/index.js";
import type { Summarizer, SummaryRequest } from "../search/summarizer.js";

/** Options for {@link summarizerConformance}. */
export interface SummarizerConformanceOptions {
  /** The page summarised (default: a short page about the Palace of Sports in Minsk). */
  page?: Omit<SummaryRequest, "signal">;
  /** Extra checks on the summary. */
  check?: (summary: string) => void | Promise<void>;
  /** Timeout of each case in ms (default 30 000). */
  timeoutMs?: number;
}

const PAGE: Omit<SummaryRequest, "signal"> = {
  url: "https://example.com/palace",
  title: "Palace of Sports, Minsk",
  text: "The Palace of Sports is an indoor arena in Minsk, Belarus. It opened in 1966 and seats about 4,000 spectators. It hosts ice hockey, concerts and exhibitions.",
  goal: "When did the Palace of Sports open?",
};

/**
 * The conformance suite every {@link Summarizer} must pass (vitest): version `v1`; an `id` (part
 * of the search cache's key) that is non-empty and the same for two summarizers made alike; a
 * non-empty summary of a page for a goal; a cancelled signal is honoured.
 *
 * @example
 * ```ts
 * import { modelSummarizer } from "interleaf";
 * import { summarizerConformance } from "interleaf/conformance";
 * import { scriptedModel } from "interleaf/testing";
 *
 * summarizerConformance("modelSummarizer", () => modelSummarizer(scriptedModel(() => "Evidence: opened in 1966.")));
 * ```
 */
export function summarizerConformance(name: string, factory: () => Summarizer | Promise<Summarizer>, options: SummarizerConformanceOptions = {}): void {
  const timeout = options.timeoutMs ?? 30_000;
  const page = options.page ?? PAGE;

  describe(`${name}: Summarizer conformance`, () => {
    it("declares specification version v1 and a stable, non-empty id", async () => {
      const [first, second] = [await factory(), await factory()];
      expect(first.specificationVersion).toBe("v1");
      expect(typeof first.id).toBe("string");
      expect(first.id.length).toBeGreaterThan(0);
      expect(second.id, "the id keys cached summaries: summarizers made alike must share it").toBe(first.id);
    });

    it("summarises a page for a goal", { timeout }, async () => {
      const summary = await (await factory()).summarize(page);
      expect(typeof summary).toBe("string");
      expect(summary.trim().length).toBeGreaterThan(0);
      await options.check?.(summary);
    });

    it("rejects when its signal is already cancelled", { timeout }, async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await (await factory()).summarize({ ...page, signal: controller.signal }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAbortError(error) || (InterleafError.isInstance(error) && error.code === "aborted"), `expected an abort, got ${String(error)}`).toBe(true);
    });
  });
}
