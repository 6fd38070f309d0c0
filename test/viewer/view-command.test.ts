// `interleaf view`'s refusals and `--open`, through the real command.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../cli/exit-codes.js";
import { runCli } from "../../cli/run-cli.js";
import { cliIo, openDb, runScripted } from "./viewer-threads.js";

describe("interleaf view refuses", () => {
  const dir = mkdtempSync(join(tmpdir(), "interleaf-view-cmd-"));
  const db = join(dir, "empty.db");

  it("a missing thread argument (without --serve) as bad usage", async () => {
    const t = cliIo(dir);
    expect(await runCli(["view", "--db", db], t.io)).toBe(EXIT.usage);
    expect(t.err()).toContain("name the thread to view, or use --serve");
  });

  it("an unknown thread as no such thread", async () => {
    const t = cliIo(dir);
    expect(await runCli(["view", "nope", "--db", db], t.io)).toBe(EXIT.threadNotFound);
    expect(t.err()).toContain("no thread nope in");
  });

  it("a port that is not a port", async () => {
    const t = cliIo(dir);
    expect(await runCli(["view", "--serve", "--port", "70000", "--db", db], t.io)).toBe(EXIT.usage);
    expect(t.err()).toContain("a port is a whole number from 0 to 65535");
  });
});

describe.runIf(process.platform === "linux")("interleaf view --open", () => {
  const dir = mkdtempSync(join(tmpdir(), "interleaf-view-open-"));
  const db = join(dir, "view.db");
  const threadId = "open-me";
  beforeAll(async () => {
    const storage = await openDb(db);
    await runScripted(storage, ["<think>Nothing to look at.</think><answer>a door</answer>"], threadId);
    await storage.close();
  });

  /** Runs the command with PATH set to `bin` only, as a desktop without (or with) a browser opener. */
  async function viewWithPath(bin: string) {
    const t = cliIo(dir);
    const saved = process.env.PATH;
    process.env.PATH = bin;
    try {
      return { code: await runCli(["view", threadId, "--db", db, "--open"], t.io), t };
    } finally {
      process.env.PATH = saved;
    }
  }

  it("hands the written page to the desktop's opener (xdg-open)", async () => {
    const bin = mkdtempSync(join(tmpdir(), "interleaf-fake-opener-"));
    const opened = join(bin, "opened.txt");
    writeFileSync(join(bin, "xdg-open"), `#!/bin/sh\necho "$1" > ${JSON.stringify(opened)}\n`);
    chmodSync(join(bin, "xdg-open"), 0o755);
    const { code, t } = await viewWithPath(bin);
    expect(code, t.err()).toBe(EXIT.ok);
    const page = join(dir, `interleaf-view-${threadId.slice(0, 8)}.html`);
    expect(t.out()).toContain(page);
    for (let i = 0; i < 100 && !existsSync(opened); i++) await sleep(20);
    expect(readFileSync(opened, "utf8").trim()).toBe(page);
  });

  it("says how to open the page itself when there is no opener, and still succeeds", async () => {
    const { code, t } = await viewWithPath(mkdtempSync(join(tmpdir(), "interleaf-no-opener-")));
    expect(code, t.err()).toBe(EXIT.ok);
    for (let i = 0; i < 100 && !t.err().includes("Could not open"); i++) await sleep(20);
    expect(t.err()).toMatch(/Could not open a browser \(xdg-open\); open .*interleaf-view-open-me\.html yourself/);
  });
});
