/**
 * Where a scorer was ported from: the upstream repository, the commit read, the file and the
 * function, so that anyone can check the port against the code it claims to reproduce.
 */
export interface ScorerSource {
  /** `owner/name` on GitHub, e.g. `open-compass/VLMEvalKit`. */
  repo: string;
  /** The 40-hex commit the port was read from. */
  commit: string;
  /** The file inside the repository. */
  path: string;
  /** The function (or method) ported. */
  function: string;
}

/**
 * One case to score: the model's raw output and what the benchmark's own scorer needs. Field names
 * follow the `interleaf eval score --cases` JSONL contract (snake_case as the benchmarks write them).
 */
export interface ScoreCase {
  id: string;
  /** The raw model output (a whole reply, or an extracted answer for judge parsers). */
  prediction: string;
  /** The ground truth as the benchmark stores it (a letter, a string, a list, a number...). */
  gold: unknown;
  question?: string;
  /** Multiple choice options by letter: `{ A: "red", B: "blue" }`. */
  options?: Record<string, string>;
  /** Multiple choice options as listed strings: `["(A) red", "(B) blue"]`. */
  choices?: string[];
  candidates?: string[];
  alternative_gt_answers?: string[];
  /** Boxes `[x1, y1, x2, y2]` the answer should point at (TreeBench). */
  target_instances?: number[][];
  /** A judge model's raw reply, for judge-output parsers. */
  judge_output?: string;
  category?: string;
}

/** What a scorer says about one case: the score as upstream returns it, and the answer it extracted. */
export interface ScoreOutcome {
  /** 0/1, a float, or a boolean, exactly as the upstream function returns it. */
  score: number | boolean;
  /** The answer the scorer read from the prediction (a letter, a string), or null when it found none. */
  extracted: string | null;
  /**
   * True when the judge's reply could not be parsed (upstream retries, drops the item or raises):
   * keep these apart from incorrect answers. Absent for rule scorers.
   */
  judgeFailed?: boolean;
  /** Other per-item values upstream computes beside the score (TreeBench's box `iou`, ...). */
  details?: Readonly<Record<string, number | boolean | string | null>>;
}

/** What a scorer is: a rule on the prediction, a parser of a judge's reply, or an answer extractor. */
export type ScorerKind = "rule" | "judge-parser" | "extractor";

/**
 * A named scorer: a pure function ported faithfully from one upstream implementation. Scorers for
 * the same benchmark from different harnesses disagree on tricky outputs, so each has its own id
 * and its {@link ScorerSource}; a scorer that reproduces an upstream bug says so in `deviations`
 * of its corrected sibling, never silently.
 */
export interface Scorer {
  /** Stable id, e.g. `vlmevalkit.mcq.can_infer`. */
  readonly id: string;
  readonly kind: ScorerKind;
  /** The benchmark it is meant for (`vstar`, `hrbench`, `mme-realworld`, `treebench`, `fvqa`, ...), or `any`. */
  readonly benchmark: string;
  readonly source: ScorerSource;
  /** Scores one case. Pure: same case, same outcome. */
  score(scoreCase: ScoreCase): ScoreOutcome;
}
