// A real small eval run for the eval view's tests: the five real FVQA rows through the eval
// library (runEval, a model answering by question, the local exact-match scorer) in a SQLite file
// the CLI opens too. One sample per item: three right, one wrong (an answer that tries to inject
// markup), one with malformed turns only (stopped on its budget).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { datasetRefFor, runEval, type RunEvalOptions } from "interleaf/eval";
import { openStorage, type Storage } from "interleaf/storage";
import { PHOTO } from "../viewer-threads.js";
import { answerTurn, exactAnswer, FVQA, FVQA_GOLD, makeAgentWith, questionModel } from "../../eval/runs/eval-test-kit.js";

/** The question whose answer injects markup (it must show as text). */
export const EVIL_QUESTION = "Who commissioned this building?";
export const EVIL_ANSWER = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
/** The question the model never answers in tags (the thread stops on malformed turns). */
export const MALFORMED_QUESTION = "Who is the owner of this place?";

/** Runs the small eval on the FVQA rows (or `dataset`); `gate` holds back the answer to `held` until it resolves. */
export async function runSmallEval(db: string, options: { runId?: string; dataset?: string; held?: { question: string; gate: Promise<void> } } = {}): Promise<{ storage: Storage; runId: string }> {
  const storage = await openStorage(db, "/");
  const { model } = questionModel(async (question) => {
    if (options.held?.question === question) await options.held.gate;
    if (question === MALFORMED_QUESTION) return "I will not use tags.";
    if (question === EVIL_QUESTION) return answerTurn(EVIL_ANSWER);
    return answerTurn(FVQA_GOLD[question] as string);
  });
  const summary = await runEval({
    ...(options.runId ? ({ runId: options.runId } satisfies Partial<RunEvalOptions>) : {}),
    storage,
    dataset: datasetRefFor(options.dataset ?? FVQA),
    agent: { mode: "general", dialect: "r1v4", model: "test:by-question" },
    makeAgent: makeAgentWith(model),
    scorers: [exactAnswer],
    concurrency: { threads: 2 },
    budgets: { maxMalformedTurns: 2 },
    verifyChecksum: false,
  });
  return { storage, runId: summary.runId };
}

/** A custom JSONL dataset of three FVQA questions with categories (on the demo photo): two `building`, one `food`; ids with a `/` (percent-encoded in thread ids). */
export function categoryDataset(dir: string): string {
  const file = join(dir, "categories.jsonl");
  const rows = [
    { id: "food/1", question: "What is the country of origin of this food?", answer: "Spain", category: "food", image: PHOTO },
    { id: "building/1", question: "What is this building dedicated to?", answer: "Buddha", category: "building", image: PHOTO },
    { id: "building/2", question: EVIL_QUESTION, answer: "Order of Hospitallers", category: "building", image: PHOTO },
  ];
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return file;
}
