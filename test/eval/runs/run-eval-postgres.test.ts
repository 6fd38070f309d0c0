// Needs PostgreSQL on 127.0.0.1:5432 (database test, user postgres). Never skipped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { datasetRefFor, evalReport, EvalRunTable, resumeEval, runEval } from "interleaf/eval";
import { openStorage } from "interleaf/storage";
import { dropSchemas, postgresSpec, requirePostgres, uniqueSchema } from "../../storage/postgres-test-database.js";
import { answerTurn, exactAnswer, FVQA, FVQA_GOLD, makeAgentWith, questionModel } from "./eval-test-kit.js";

const schema = uniqueSchema("eval");
beforeAll(requirePostgres);
afterAll(() => dropSchemas([schema]));

describe("an eval run on Postgres", () => {
  it("keeps the run table beside the threads, and a new connection resumes and reports it", async () => {
    const abort = new AbortController();
    const first = questionModel((q) => {
      if (q === "What is this garden named after?") abort.abort();
      return answerTurn(FVQA_GOLD[q] as string);
    });
    const storage = await openStorage(postgresSpec(schema));
    const summary = await runEval({ storage, dataset: datasetRefFor(FVQA), agent: { mode: "general", dialect: "r1v4" }, makeAgent: makeAgentWith(first.model), scorers: [exactAnswer], concurrency: { threads: 1 }, signal: abort.signal, verifyChecksum: false });
    await storage.close();
    expect(summary).toMatchObject({ done: 3, stoppedBy: "interrupted" });

    const reopened = await openStorage(postgresSpec(schema));
    try {
      const second = questionModel((q) => answerTurn(FVQA_GOLD[q] as string));
      expect(await resumeEval(summary.runId, { storage: reopened, makeAgent: makeAgentWith(second.model), resolveScorer: () => exactAnswer })).toMatchObject({ done: 5, skipped: 3 });
      expect(second.finished).toHaveLength(2);
      expect((await new EvalRunTable(reopened.cache).threads(summary.runId)).map((t) => t.status)).toEqual(["answered", "answered", "answered", "answered", "answered"]);
      expect((await evalReport(reopened, summary.runId)).table2.cells.Overall).toMatchObject({ value: 1, n: 5, scorer: "test.exact" });
    } finally {
      await reopened.close();
    }
  });
});
