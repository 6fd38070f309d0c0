import { z } from "zod";
import { InterleafError } from "../../errors/index.js";
import type { ScoreCase } from "../scorer.js";

// The `interleaf eval score --cases` file: one JSON object per line (blank lines skipped).

const caseSchema = z.looseObject({
  id: z.union([z.string(), z.number()]),
  /** null reads as "" (an empty reply). */
  prediction: z.string().nullable(),
  gold: z.unknown().optional(),
  question: z.string().optional(),
  options: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  choices: z.array(z.string()).optional(),
  /** A list, or a JSON string of one (MMSearch-R1's `candidate_answers` may be either). */
  candidates: z.union([z.array(z.unknown()), z.string()]).optional(),
  alternative_gt_answers: z.array(z.string()).optional(),
  /** A list of boxes, or a string of one as VLMEvalKit's TSV stores it (`"[[1, 2, 3, 4]]"`). */
  target_instances: z.union([z.array(z.array(z.number())), z.string()]).optional(),
  judge_output: z.string().optional(),
  category: z.string().optional(),
});

/** One case of a cases file: the case, its id as written (a string or a number), and its line. */
export interface NumberedScoreCase {
  line: number;
  rawId: string | number;
  scoreCase: ScoreCase;
}

function candidateList(candidates: unknown[] | string, file: string, line: number): string[] {
  let list: unknown = candidates;
  if (typeof candidates === "string") {
    try {
      list = JSON.parse(candidates);
    } catch {
      throw new InterleafError("invalid_argument", `${file} line ${line}: candidates is a string that is not a JSON list`, { details: { argument: "--cases", value: line } });
    }
  }
  return Array.isArray(list) ? list.filter((candidate): candidate is string => typeof candidate === "string") : [];
}

function boxList(boxes: number[][] | string, file: string, line: number): number[][] {
  if (typeof boxes !== "string") return boxes;
  const parsed = z.array(z.array(z.number())).safeParse((() => {
    try {
      return JSON.parse(boxes);
    } catch {
      return undefined;
    }
  })());
  if (!parsed.success) throw new InterleafError("invalid_argument", `${file} line ${line}: target_instances is a string that is not a list of boxes`, { details: { argument: "--cases", value: line } });
  return parsed.data;
}

/** Parses a JSONL cases file; a line that is not a JSON object of the contract's shape is an `invalid_argument` naming its line. */
export function parseScoreCases(text: string, file: string): NumberedScoreCase[] {
  const cases: NumberedScoreCase[] = [];
  const lines = text.replace(/^\ufeff/, "").split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    if (raw.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new InterleafError("invalid_argument", `${file} line ${line}: not JSON (${(error as Error).message})`, { details: { argument: "--cases", value: line } });
    }
    const parsed = caseSchema.safeParse(value);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(line)"}: ${issue.message}`).join("; ");
      throw new InterleafError("invalid_argument", `${file} line ${line}: not a score case (${problems})`, { details: { argument: "--cases", value: line } });
    }
    const { id, options, candidates, prediction, target_instances, ...rest } = parsed.data;
    const scoreCase: ScoreCase = { ...rest, id: String(id), prediction: prediction ?? "", gold: parsed.data.gold };
    if (target_instances !== undefined) scoreCase.target_instances = boxList(target_instances, file, line);
    if (options) scoreCase.options = Object.fromEntries(Object.entries(options).map(([letter, text]) => [letter, String(text)]));
    if (candidates !== undefined) scoreCase.candidates = candidateList(candidates, file, line);
    cases.push({ line, rawId: id, scoreCase });
  }
  return cases;
}
