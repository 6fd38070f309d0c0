// `interleaf view`'s refusals, through the real command.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT } from "../../cli/exit-codes.js";
import { runCli } from "../../cli/run-cli.js";
import { cliIo } from "./viewer-threads.js";

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
