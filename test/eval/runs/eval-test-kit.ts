// Shared pieces of the eval-run tests: the real FVQA rows, a model backend that answers by
// question (recording every call it finished), an agent factory, and two small local scorers
// standing in for the scorer registry (exact match against the gold and its alternatives; a
// judge-reply parser reading simple-evals' `correct: yes|no`).
import { fileURLToPath } from "node:url";
import { createGraphAgent, r1v4Dialect, type ModelBackend, type ModelRequest } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import type { Scorer } from "interleaf/eval";
import type { Storage } from "interleaf/storage";

export const FVQA = fileURLToPath(new URL("../../fixtures/eval/fvqa/fvqa-mini.parquet", import.meta.url));

/** The gold answers of the five real rows, by question. */
export const FVQA_GOLD: Record<string, string> = {
  "What is the country of origin of this food?": "Spain",
  "What is this building dedicated to?": "Buddha",
  "Who commissioned this building?": "Order of Hospitallers",
  "What is this garden named after?": "Tuileries Palace",
  "Who is the owner of this place?": "Portugal",
};

export function questionOf(request: ModelRequest): string {
  for (const message of request.messages) {
    if (message.role !== "user") continue;
    for (const part of message.content) if (part.type === "text" && part.text.includes("?")) return Object.keys(FVQA_GOLD).find((q) => part.text.includes(q)) ?? part.text;
  }
  return "";
}

export const turnOf = (request: ModelRequest) => request.messages.filter((m) => m.role === "assistant").length;

/** A model that answers through `reply(question, turn)`, logging each finished call as `question#turn`. */
export function questionModel(reply: (question: string, turn: number) => string | Error | Promise<string | Error>) {
  const finished: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const model: ModelBackend = {
    specificationVersion: "v1",
    provider: "test",
    modelId: "by-question",
    async generate(request) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const question = questionOf(request);
        const turn = turnOf(request);
        const text = await reply(question, turn);
        if (text instanceof Error) throw text;
        request.signal?.throwIfAborted();
        finished.push(`${question}#${turn}`);
        return { text, toolCalls: [], usage: { inputTokens: 100, outputTokens: 10 } };
      } finally {
        inFlight -= 1;
      }
    },
  };
  return { model, finished, maxInFlight: () => maxInFlight };
}

export const makeAgentWith = (model: ModelBackend) => async (_spec: Record<string, unknown>, storage: Storage) => createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), storage });

const norm = (s: string) => s.trim().toLowerCase();

/** Exact match of the extracted answer against the gold or a candidate (a local stand-in, not a port). */
export const exactAnswer: Scorer = {
  id: "test.exact",
  kind: "rule",
  benchmark: "fvqa",
  source: { repo: "interleaf/tests", commit: "0".repeat(40), path: "test/eval/runs/eval-test-kit.ts", function: "exactAnswer" },
  score(c) {
    const extracted = /<answer>([\s\S]*?)<\/answer>/.exec(c.prediction)?.[1]?.trim() ?? null;
    if (extracted === null) return { score: 0, extracted };
    const accepted = [String(c.gold), ...(c.candidates ?? []), ...(c.alternative_gt_answers ?? [])].map(norm);
    return { score: accepted.includes(norm(extracted)) ? 1 : 0, extracted };
  },
};

/** Reads `correct: yes|no` from a judge's reply; null when neither is there. */
export const yesNoParser: Scorer = {
  id: "test.judge.yes-no",
  kind: "judge-parser",
  benchmark: "any",
  source: { repo: "interleaf/tests", commit: "0".repeat(40), path: "test/eval/runs/eval-test-kit.ts", function: "yesNoParser" },
  score(c) {
    const found = /correct:\s*(yes|no)/i.exec(c.judge_output ?? "")?.[1]?.toLowerCase() ?? null;
    return { score: found === "yes", extracted: found };
  },
};

export const answerTurn = (answer: string) => `<think>I know this.</think>\n<answer>${answer}</answer>`;
