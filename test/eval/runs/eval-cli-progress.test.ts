import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../../cli/cli-io.js";
import { EXIT } from "../../../cli/exit-codes.js";
import { runCli } from "../../../cli/run-cli.js";
import { FVQA } from "./eval-test-kit.js";
import { startAnswerServer } from "./openai-answer-server.js";

describe("interleaf eval on a terminal", () => {
  it("shows a live progress line, and Ctrl-C ends cleanly with the command to resume", async () => {
    const interrupt = new AbortController();
    const server = await startAnswerServer((question) => (question.includes("Who commissioned") ? "hold" : { text: "<think>Sure.</think>\n<answer>Spain</answer>" }));
    const dir = mkdtempSync(join(tmpdir(), "interleaf-eval-tty-"));
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, cwd: dir, tty: { out: true, err: true }, interrupt: interrupt.signal };
    try {
      const held = server.held().then(() => interrupt.abort());
      const db = join(dir, "e.db");
      const code = await runCli(["eval", "run", FVQA, "--model", "local:m", "--base-url", server.baseUrl, "--api-key-env", "none", "--concurrency", "1", "--limit", "5", "--run-id", "tty", "--db", db], io);
      await held;
      expect(code).toBe(EXIT.interrupted);
      expect(err.join("")).toContain("\r\u001b[2K[#####...................] 1/5 done (0 failed, 1 running");
      expect(err.join("")).toMatch(/\[##########\.{14}\] 2\/5 done \(0 failed, 0 running, ETA \d+s\)/);
      expect(err.join("")).toContain(`Interrupted. Resume with: interleaf eval resume tty --db ${db}`);
      expect(out.join("")).toContain("Run tty: 2 done (0 from earlier sessions), 0 failed, 0 judge failed, 1 unfinished.");
    } finally {
      await server.close();
    }
  });

  it("refuses an unknown scorer id, a re-score with nothing to apply, and a judge URL holding a key", async () => {
    const err: string[] = [];
    const io: CliIo = { out: () => undefined, err: (t) => void err.push(t), env: {}, cwd: tmpdir(), tty: { out: false, err: false } };
    expect(await runCli(["eval", "run", FVQA, "--script", "none.json", "--scorer", "no.such.scorer", "--db", "memory"], io)).toBe(EXIT.usage);
    expect(err.join("")).toContain('no scorer "no.such.scorer"');
    expect(await runCli(["eval", "score", "some-run", "--db", "memory"], io)).toBe(EXIT.usage);
    expect(await runCli(["eval", "score", "some-run", "--judge", "x:judge", "--judge-parser", "p", "--judge-base-url", "http://127.0.0.1:9/v1?api_key=sk-secret-123", "--db", "memory"], io)).toBe(EXIT.usage);
    expect(err.join("")).toContain("--judge-base-url carries a credential");
    expect(err.join("")).not.toContain("sk-secret-123");
    expect(err.join("")).toContain("say how to re-score");
  });
});
