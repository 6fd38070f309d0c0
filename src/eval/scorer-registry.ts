import { InterleafError } from "../errors/index.js";
import type { Scorer } from "./scorer.js";
import { mmsearchR1Extractor, r1v4Extractor, webwatcherExtractor } from "./scorers/answer-extraction.js";
import { hrBenchJudge } from "./scorers/hrbench-judge.js";
import { lmmsEvalHrBench } from "./scorers/lmms-eval-hrbench.js";
import { lmmsEvalBinaryJudge, lmmsEvalVerifierJudge, lmmsEvalVerifierJudgeCorrected, lmmsEvalYesNoJudge } from "./scorers/lmms-eval-judge.js";
import { lmmsEvalMmeRealWorld } from "./scorers/lmms-eval-mme-realworld.js";
import { lmmsEvalVStar } from "./scorers/lmms-eval-vstar.js";
import { miniO3JudgeScore, miniO3MultipleChoice } from "./scorers/mini-o3.js";
import { mmeRealWorldOfficial, mmeRealWorldOfficialCorrected } from "./scorers/mme-realworld-official.js";
import { mmsearchF1 } from "./scorers/mmsearch-f1.js";
import { mmsearchR1Exact, mmsearchR1Reward, mmsearchR1Substring } from "./scorers/mmsearch-r1.js";
import { simpleEvalsBrowseComp, simpleEvalsBrowseCompCorrected } from "./scorers/simple-evals-browsecomp.js";
import { treevgrTreeBench, treevgrTreeBenchIou } from "./scorers/treevgr-treebench.js";
import { vlmevalkitCanInfer, vlmevalkitHrBench, vlmevalkitMmeRealWorld, vlmevalkitTreeBench, vlmevalkitTreeBenchIouScorer, vlmevalkitVStar } from "./scorers/vlmevalkit-mcq.js";
import { webwatcherJudge } from "./scorers/webwatcher-judge.js";

const SCORERS: readonly Scorer[] = Object.freeze([
  vlmevalkitCanInfer,
  vlmevalkitVStar,
  vlmevalkitHrBench,
  vlmevalkitMmeRealWorld,
  vlmevalkitTreeBench,
  vlmevalkitTreeBenchIouScorer,
  lmmsEvalVStar,
  lmmsEvalHrBench,
  lmmsEvalMmeRealWorld,
  mmeRealWorldOfficial,
  mmeRealWorldOfficialCorrected,
  treevgrTreeBench,
  treevgrTreeBenchIou,
  miniO3MultipleChoice,
  miniO3JudgeScore,
  mmsearchF1,
  mmsearchR1Exact,
  mmsearchR1Substring,
  mmsearchR1Reward,
  simpleEvalsBrowseComp,
  simpleEvalsBrowseCompCorrected,
  webwatcherJudge,
  hrBenchJudge,
  lmmsEvalBinaryJudge,
  lmmsEvalYesNoJudge,
  lmmsEvalVerifierJudge,
  lmmsEvalVerifierJudgeCorrected,
  r1v4Extractor,
  mmsearchR1Extractor,
  webwatcherExtractor,
]);

const BY_ID = new Map(SCORERS.map((scorer) => [scorer.id, scorer]));

/**
 * Every built-in scorer, each tied to the upstream function it reproduces.
 *
 * @example
 * ```ts
 * import { listScorers } from "interleaf/eval";
 * for (const scorer of listScorers()) console.log(scorer.id, scorer.source.repo);
 * ```
 */
export function listScorers(): readonly Scorer[] {
  return SCORERS;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The ids nearest to a mistyped one: those containing it or it them, else the three by edit distance. */
export function closeScorerIds(id: string): string[] {
  const wanted = id.toLowerCase();
  const ids = SCORERS.map((scorer) => scorer.id);
  const containing = ids.filter((known) => known.includes(wanted) || wanted.includes(known));
  if (containing.length > 0) return containing;
  return [...ids].sort((a, b) => editDistance(wanted, a) - editDistance(wanted, b)).slice(0, 3);
}

/**
 * The scorer with this id; an unknown id throws `InterleafError("invalid_argument")` naming the close ids.
 *
 * @example
 * ```ts
 * import { getScorer } from "interleaf/eval";
 * const vstar = getScorer("lmms-eval.vstar");
 * vstar.score({ id: "1", prediction: "The answer is (B).", gold: "B" }); // { score: 1, extracted: "B" }
 * ```
 */
export function getScorer(id: string): Scorer {
  const scorer = BY_ID.get(id);
  if (scorer) return scorer;
  const close = closeScorerIds(id);
  throw new InterleafError("invalid_argument", `no scorer "${id}"; did you mean ${close.join(", ")}? (interleaf eval scorers lists them all)`, { details: { argument: "scorer", value: id } });
}
