import { describe, expect, it } from "vitest";
import { InterleafError } from "interleaf";
import { getScorer, listScorers, type ScoreCase } from "interleaf/eval";

// The upstream behaviours issue 13 names, reproduced by the faithful ids and fixed by the corrected ones.

const choices = ["(A) red", "(B) blue", "(C) green", "(D) yellow"];
const options = { A: "red", B: "blue", C: "green", D: "yellow" };
const mcq = (prediction: string, gold = "D"): ScoreCase => ({ id: "x", prediction, gold, options, choices });
const judged = (judge_output: string): ScoreCase => ({ id: "x", prediction: "Paris", gold: "Paris", judge_output });

describe("upstream bugs, faithful and corrected", () => {
  it("MME-RealWorld's official prefix list misses two commas, so 'Best answer: D' scores as B; the corrected id reads D", () => {
    expect(getScorer("mme-realworld.official").score(mcq("Best answer: D"))).toEqual({ score: false, extracted: "B" });
    expect(getScorer("mme-realworld.official:corrected").score(mcq("Best answer: D"))).toEqual({ score: true, extracted: "D" });
    // The harness copies have the commas.
    expect(getScorer("vlmevalkit.mme-realworld").score(mcq("Best answer: D")).extracted).toBe("D");
    expect(getScorer("lmms-eval.mme-realworld").score(mcq("Best answer: D")).extracted).toBe("D");
  });

  it("all three MME-RealWorld scorers turn an empty answer into A; the corrected id finds no letter", () => {
    for (const id of ["mme-realworld.official", "vlmevalkit.mme-realworld", "lmms-eval.mme-realworld"]) {
      expect(getScorer(id).score(mcq("", "A")).extracted, id).toBe("A");
      expect(Number(getScorer(id).score(mcq("", "A")).score), id).toBe(1);
    }
    expect(getScorer("mme-realworld.official:corrected").score(mcq("", "A"))).toEqual({ score: false, extracted: null });
  });

  it("simple-evals' BrowseComp grader never counts an answer correct; the corrected id reads the verdict", () => {
    expect(getScorer("simple-evals.browsecomp").score(judged("extracted_final_answer: Paris\ncorrect: yes"))).toEqual({ score: false, extracted: "correct: yes" });
    expect(getScorer("simple-evals.browsecomp:corrected").score(judged("extracted_final_answer: Paris\ncorrect: yes"))).toEqual({ score: true, extracted: "yes" });
    expect(getScorer("simple-evals.browsecomp:corrected").score(judged("correct: no")).score).toBe(false);
  });

  it("lmms-eval's verifier parser reads 'not correct' as correct; the corrected id reads it as incorrect", () => {
    expect(getScorer("lmms-eval.verifier.binary").score(judged("Not correct.")).score).toBe(true);
    expect(getScorer("lmms-eval.verifier.binary").score(judged("Incorrect")).score).toBe(false);
    expect(getScorer("lmms-eval.verifier.binary:corrected").score(judged("Not correct.")).score).toBe(false);
    expect(getScorer("lmms-eval.verifier.binary:corrected").score(judged("NOT_CORRECT")).score).toBe(false);
    expect(getScorer("lmms-eval.verifier.binary:corrected").score(judged("Correct")).score).toBe(true);
  });

  it("lmms-eval's llm_judge parser counts any '1' (0/1 format) and any reply starting with 'yes' (yes/no format)", () => {
    expect(getScorer("lmms-eval.judge.binary").score(judged("0 (not 1)")).score).toBe(1);
    expect(getScorer("lmms-eval.judge.yes-no").score(judged("Yes, but not correct")).score).toBe(true);
    // This parser (llm_judge) reads "not correct" as incorrect in both formats; the verifier's (above) does not.
    expect(getScorer("lmms-eval.judge.binary").score(judged("not correct")).score).toBe(0);
    expect(getScorer("lmms-eval.judge.yes-no").score(judged("not correct")).score).toBe(false);
  });

  it("V* from VLMEvalKit and lmms-eval disagree on tricky outputs", () => {
    const vlmevalkit = getScorer("vlmevalkit.mcq.can_infer");
    const lmms = getScorer("lmms-eval.vstar");
    // "Best option: C": VLMEvalKit finds the lone token C; lmms-eval reads the leading "B" of "BEST".
    expect(vlmevalkit.score(mcq("Best option: C", "C"))).toEqual({ score: 1, extracted: "C" });
    expect(lmms.score(mcq("Best option: C", "C"))).toEqual({ score: 0, extracted: "B" });
    // "A, B, C": VLMEvalKit sees three letters and infers nothing; lmms-eval takes the first.
    expect(vlmevalkit.score(mcq("A, B, C", "A"))).toEqual({ score: 0, extracted: null });
    expect(lmms.score(mcq("A, B, C", "A"))).toEqual({ score: 1, extracted: "A" });
  });

  it("judge failures are kept apart from incorrect answers", () => {
    expect(getScorer("webwatcher.judge").score(judged("```json\n{}\n```"))).toMatchObject({ score: 0, judgeFailed: true });
    expect(getScorer("mini-o3.judge-score").score(judged("I think it is right"))).toMatchObject({ score: 0, judgeFailed: true });
    expect(getScorer("mini-o3.judge-score").score(judged("Score: 0")).judgeFailed).toBeUndefined();
  });
});

describe("the scorer registry", () => {
  it("lists unique ids, each with a 40-hex upstream commit", () => {
    const ids = listScorers().map((scorer) => scorer.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const scorer of listScorers()) expect(scorer.source.commit, scorer.id).toMatch(/^[0-9a-f]{40}$/);
  });

  it("refuses an unknown id with invalid_argument, naming the close ids", () => {
    const attempt = () => getScorer("lmms-eval.vstr");
    expect(attempt).toThrow(/did you mean .*lmms-eval\.vstar/);
    try {
      attempt();
    } catch (error) {
      expect(InterleafError.isInstance(error, "invalid_argument")).toBe(true);
    }
    expect(() => getScorer("mme-realworld")).toThrow(/mme-realworld\.official/);
  });
});
