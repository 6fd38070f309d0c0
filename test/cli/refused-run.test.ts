// A refused `run --thread <existing>` must leave the thread as it was: the next `resume` continues with the
// thread's own saved configuration, not the refused run's script, mode or search backend.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../cli/cli-io.js";
import { EXIT } from "../../cli/exit-codes.js";
import { runCli } from "../../cli/run-cli.js";
import { loadAgentSpec, saveAgentSpec } from "../../graphs/agent-spec/index.js";
import { openStorage } from "interleaf";

const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));

describe("run --thread of an existing thread", () => {
  it("is refused without touching the thread's saved configuration", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-refused-"));
    const first = join(dir, "first.json");
    const second = join(dir, "second.json");
    writeFileSync(first, JSON.stringify(['<think>Look.</think><tool_call>{"name": "zoom", "arguments": {"bbox_2d": [0, 0, 200, 200]}}</tool_call>', "<think>Done.</think><answer>first</answer>"]));
    writeFileSync(second, JSON.stringify(["<think>Other.</think><answer>second</answer>"]));
    const errors: string[] = [];
    const io: CliIo = { out: () => undefined, err: (t) => void errors.push(t), env: { INTERLEAF_DB: join(dir, "runs.db") }, cwd: dir, tty: { out: false, err: false } };

    expect(await runCli(["run", photo, "What?", "--script", first, "--thread", "x", "--max-turns", "1"], io)).toBe(EXIT.noAnswer);
    expect(await runCli(["run", photo, "Again?", "--script", second, "--thread", "x"], io)).not.toBe(EXIT.ok);
    expect(errors.join("")).toMatch(/thread x already exists/);
    expect(errors.join("")).not.toMatch(/resume\(/);

    const storage = await openStorage(join(dir, "runs.db"));
    expect((await loadAgentSpec(storage.cache, "x"))?.script).toBe(first);
    await storage.close();
  });

  it("resume of a thread stopped before its first checkpoint says so and how to start it again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-early-"));
    const db = join(dir, "runs.db");
    const storage = await openStorage(db);
    await saveAgentSpec(storage.cache, "early", { mode: "general", dialect: "r1v4", script: join(dir, "turns.json") });
    await storage.close();
    const errors: string[] = [];
    const io: CliIo = { out: () => undefined, err: (t) => void errors.push(t), env: { INTERLEAF_DB: db }, cwd: dir, tty: { out: false, err: false } };
    expect(await runCli(["resume", "early"], io)).toBe(EXIT.usage);
    expect(errors.join("")).toMatch(/stopped before its first checkpoint.*interleaf run … --thread early/);
    expect(errors.join("")).not.toMatch(/not started by the CLI/);
  });
});
