import { stableStringify } from "../../util/stable-json.js";
import { drop, PASS, type DataFilter, type FilterVerdict } from "../data-filter.js";
import { callsOf, type TrajectoryRecord } from "../trajectory-record.js";

/** When two trajectories count as the same. */
export interface DedupFilterOptions {
  /**
   * Trajectories for the same question with the same answer whose tool calls overlap at least this
   * much (Jaccard similarity of their calls, arguments included) are duplicates. Default 0.9; 1 keeps
   * everything but exact copies.
   */
  minSimilarity?: number;
}

/**
 * Keeps one of each group of near-identical trajectories (Avg@k sampling produces many): same
 * question, same answer, nearly the same calls. The first in thread-id order is kept, so the choice
 * does not depend on the order trajectories were listed in.
 *
 * @example
 * ```ts
 * import { dedupFilter } from "interleaf/data";
 *
 * console.log(dedupFilter({ minSimilarity: 1 }).name); // "dedup"
 * ```
 */
export function dedupFilter(options: DedupFilterOptions = {}): DataFilter {
  const threshold = options.minSimilarity ?? 0.9;
  return {
    name: "dedup",
    version: "1",
    async checkAll(records) {
      const kept: { record: TrajectoryRecord; calls: Set<string>; key: string }[] = [];
      const verdicts = new Map<string, FilterVerdict>();
      for (const record of [...records].sort((a, b) => (a.threadId < b.threadId ? -1 : a.threadId > b.threadId ? 1 : 0))) {
        const key = `${normalize(record.question)}\u0000${normalize(record.answer ?? "")}`;
        const calls = new Set(callsOf(record).map((call) => `${call.name} ${stableStringify(call.arguments)}`));
        const twin = kept.find((other) => other.key === key && jaccard(other.calls, calls) >= threshold);
        if (twin) {
          verdicts.set(record.threadId, drop(`a near copy of ${twin.record.threadId}`));
        } else {
          kept.push({ record, calls, key });
          verdicts.set(record.threadId, PASS);
        }
      }
      return records.map((record) => verdicts.get(record.threadId) ?? PASS);
    },
  };
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}
