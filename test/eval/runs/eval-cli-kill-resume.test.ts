// The end-to-end test of issue 13: `interleaf eval run` on the real FVQA rows against a local
// OpenAI-compatible server (right answers for some items, a wrong one, a malformed turn, an HTTP
// 500, a tool call), killed with SIGKILL mid-run, run again, and checked: the report, and the
// server's request log proving that no call the first process finished was made again.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../../cli/cli-io.js";
import { EXIT } from "../../../cli/exit-codes.js";
import { runCli } from "../../../cli/run-cli.js";
import { EvalRunTable } from "interleaf/eval";
import { openStorage } from "interleaf/storage";
import { FVQA } from "./eval-test-kit.js";
import { startAnswerServer, type ServerReply } from "./openai-answer-server.js";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const SPAIN = "What is the country of origin of this food?";
const BUDDHA = "What is this building dedicated to?";
const HOSPITAL = "Who commissioned this building?";
const GARDEN = "What is this garden named after?";
const OWNER = "Who is the owner of this place?";
// MMSearch-R1's exact match against the FVQA golds and their candidate answers ("Buddha" is one of Gautama Buddha's; Napoleon is wrong).
const SCORES = [["0", true], ["1", true], ["2", false], ["3", true], ["4", true]];
const answer = (text: string): ServerReply => ({ text: `<think>I can tell.</think>\n<answer>${text}</answer>` });

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, cwd, tty: { out: false, err: false } };
  return { cli, out: () => out.join(""), err: () => err.join("") };
}

describe("interleaf eval run, killed and run again", () => {
  it("finishes the run without repeating a finished model call, and reports it", { timeout: 120_000 }, async () => {
    let killed = false;
    const server = await startAnswerServer((question, turn, seen) => {
      if (question.includes(SPAIN)) return answer("Spain");
      if (question.includes(BUDDHA)) return seen === 0 ? { status: 500 } : answer("Buddha");
      if (question.includes(HOSPITAL)) return answer("Napoleon");
      if (question.includes(GARDEN)) {
        if (turn === 0) return { text: '<think>Look at the sign.</think>\n<tool_call>{"name": "zoom", "arguments": {"bbox_2d": [100, 100, 600, 600]}}</tool_call>' };
        return killed ? answer("Tuileries Palace") : "hold";
      }
      if (question.includes(OWNER)) return turn === 0 ? { text: "It belongs to Portugal, I think." } : answer("Portugal");
      return { status: 400 };
    });
    const dir = mkdtempSync(join(tmpdir(), "interleaf-eval-"));
    const db = join(dir, "eval.db");
    const args = ["eval", "run", FVQA, "--model", "local:candidate", "--base-url", server.baseUrl, "--api-key-env", "none", "--concurrency", "1", "--run-id", "e2e", "--db", db];
    try {
      const child = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
      await Promise.race([server.held(), exited.then((signal) => Promise.reject(new Error(`the run ended (${signal}) before the garden's second turn`)))]);
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      killed = true;
      const requestsBeforeKill = server.log.length;

      const again = io(dir);
      expect(await runCli(args, again.cli), again.err()).toBe(EXIT.ok);
      expect(again.out()).toContain("Run e2e: 5 done (3 from earlier sessions), 0 failed");

      // Every (question, turn) got exactly one successful answer over both processes: the held call
      // (never answered) was made again, the garden's first turn and its zoom were not.
      const answered = server.log.filter((r) => r.status === 200).map((r) => `${r.question.slice(0, 20)}#${r.turn}`);
      expect(new Set(answered).size).toBe(answered.length);
      expect(answered).toHaveLength(7);
      expect(server.log.slice(requestsBeforeKill).map((r) => [r.question.includes(GARDEN) ? "garden" : r.question.includes(OWNER) ? "owner" : "other", r.turn, r.status])).toEqual([
        ["garden", 1, 200],
        ["owner", 0, 200],
        ["owner", 1, 200],
      ]);
      expect(server.log.filter((r) => r.status === 500)).toHaveLength(1);

      const report = io(dir);
      expect(await runCli(["eval", "report", "e2e", "--format", "json", "--db", db], report.cli)).toBe(EXIT.ok);
      expect(JSON.parse(report.out()).counts).toMatchObject({ items: 5, threads: 5, answered: 5, failed: 0, unfinished: 0, missingAnswer: 0, meanToolCalls: 0.2, meanTurns: 1.4, inputTokens: 350, outputTokens: 35 });
      const storage = await openStorage(db);
      try {
        const threads = await new EvalRunTable(storage.cache).threads("e2e");
        expect(threads.map((t) => [t.itemId, t.status, t.answer, t.turns])).toEqual([
          ["0", "answered", "Spain", 1],
          ["1", "answered", "Buddha", 1],
          ["2", "answered", "Napoleon", 1],
          ["3", "answered", "Tuileries Palace", 2],
          ["4", "answered", "Portugal", 2],
        ]);
        expect(threads[3]?.attempts).toBe(2);
      } finally {
        await storage.close();
      }

      // Re-scored with MMSearch-R1's FVQA exact match (ported from its reward code): no agent runs again.
      const rescored = io(dir);
      expect(await runCli(["eval", "score", "e2e", "--scorer", "mmsearch-r1.fvqa.exact", "--db", db], rescored.cli), rescored.err()).toBe(EXIT.ok);
      const afterScoring = await openStorage(db);
      try {
        const scored = await new EvalRunTable(afterScoring.cache).threads("e2e");
        expect(scored.map((t) => [t.itemId, t.scores["mmsearch-r1.fvqa.exact"]?.score])).toEqual(SCORES);
      } finally {
        await afterScoring.close();
      }
      expect(server.log.filter((r) => r.status === 200)).toHaveLength(7);

      const resumed = io(dir);
      expect(await runCli(["eval", "resume", "e2e", "--db", db], resumed.cli)).toBe(EXIT.ok);
      expect(resumed.out()).toContain("5 done (5 from earlier sessions)");
      expect(server.log.filter((r) => r.status === 200)).toHaveLength(7);
    } finally {
      await server.close();
    }
  });
});
