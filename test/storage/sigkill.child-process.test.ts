import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import type { AgentStateValue } from "interleaf";
import { openStorage } from "../../src/storage/index.js";
import { buildTrajectoryGraph } from "./trajectory-graph.js";

const dir = mkdtempSync(join(tmpdir(), "interleaf-sigkill-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer until it has reported `atLeast` committed steps, then SIGKILLs it. */
function runAndKill(path: string, threadId: string, atLeast: number): Promise<{ lastCommitted: number; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", join(import.meta.dirname, "sigkill-writer.ts"), path, threadId], {
      cwd: join(import.meta.dirname, "..", ".."),
      stdio: ["ignore", "pipe", "pipe"],
      // its own process group, so the kill reaches node behind npx
      detached: true,
    });
    let lastCommitted = 0;
    let buffered = "";
    let stderr = "";
    let killed = false;
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const match = /^committed (\d+)$/.exec(line);
        if (match) lastCommitted = Math.max(lastCommitted, Number(match[1]));
      }
      if (!killed && lastCommitted >= atLeast) {
        killed = true;
        process.kill(-(child.pid as number), "SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (!killed) reject(new Error(`the writer exited on its own (code ${code}) before being killed:\n${stderr}`));
      else resolve({ lastCommitted, signal });
    });
  });
}

it("a SIGKILLed writer loses no committed checkpoint: the last one reads back intact", { timeout: 60_000 }, async () => {
  const path = join(dir, "killed.db");
  const threadId = "killed-thread";
  const { lastCommitted, signal } = await runAndKill(path, threadId, 6);
  expect(signal).toBe("SIGKILL");
  expect(lastCommitted).toBeGreaterThanOrEqual(6);

  // Killed without closing: committed pages are still in the WAL, which the reopen must replay.
  expect(existsSync(`${path}-wal`)).toBe(true);
  const raw = new Database(path);
  expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
  raw.close();

  const storage = await openStorage(path);
  try {
    const graph = buildTrajectoryGraph(storage.images, storage.checkpointer, [], 0);
    const state = (await graph.getState({ configurable: { thread_id: threadId } })).values as AgentStateValue;
    expect(state.question).toBe("keep going until killed");
    // The process may have committed one more step after its last report, never fewer.
    expect(state.steps.length).toBeGreaterThanOrEqual(lastCommitted);
    expect(state.steps.map((s) => s.index)).toEqual(Array.from({ length: state.steps.length }, (_, i) => i));
    for (const step of state.steps) {
      expect(step.thought).toBe(`step ${step.index}: look closer`);
      for (const ref of step.calls[0]?.observation.images ?? []) {
        const { bytes } = await storage.images.get(ref.id);
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(ref.id);
      }
    }
  } finally {
    await storage.close();
  }
});
