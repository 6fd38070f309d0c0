// A real small eval run for the eval view's tests: the five real FVQA rows through the eval
// library (runEval, a model answering by question, the local exact-match scorer) in a SQLite file
// the CLI opens too. One sample per item: three right, one wrong (an answer that tries to inject
// markup), one with malformed turns only (stopped on its budget).
import { datasetRefFor, runEval } from "interleaf/eval";
import { openStorage, type Storage } from "interleaf/storage";
import { answerTurn, exactAnswer, FVQA, FVQA_GOLD, makeAgentWith, questionModel } from "../../eval/runs/eval-test-kit.js";

/** The question whose answer injects markup (it must show as text). */
export const EVIL_QUESTION = "Who commissioned this building?";
export const EVIL_ANSWER = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
/** The question the model never answers in tags (the thread stops on malformed turns). */
export const MALFORMED_QUESTION = "Who is the owner of this place?";

export async function runSmallEval(db: string): Promise<{ storage: Storage; runId: string }> {
  const storage = await openStorage(db, "/");
  const { model } = questionModel((question) => {
    if (question === MALFORMED_QUESTION) return "I will not use tags.";
    if (question === EVIL_QUESTION) return answerTurn(EVIL_ANSWER);
    return answerTurn(FVQA_GOLD[question] as string);
  });
  const summary = await runEval({
    storage,
    dataset: datasetRefFor(FVQA),
    agent: { mode: "general", dialect: "r1v4", model: "test:by-question" },
    makeAgent: makeAgentWith(model),
    scorers: [exactAnswer],
    concurrency: { threads: 2 },
    budgets: { maxMalformedTurns: 2 },
    verifyChecksum: false,
  });
  return { storage, runId: summary.runId };
}
