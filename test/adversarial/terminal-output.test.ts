// Model output reaches the terminal: it must not be able to move the cursor over earlier lines (faking the
// answer), set the window title or write the clipboard (OSC 52).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../cli/cli-io.js";
import { runCli } from "../../cli/run-cli.js";
import { terminalText } from "../../cli/output/terminal-text.js";

const ESC = "\u001b";
const hostile = [
  `${ESC}]52;c;cm0gLXJmIH4=${ESC}\\`, // OSC 52: write the clipboard
  `${ESC}]0;pwned\u0007`, // window title
  `${ESC}[2A${ESC}[2K`, // cursor up two lines, erase the line
  "\r", // back to the start of the line
  "\u009b31m", // a C1 CSI
].join("");

describe("text from a model printed by the CLI", () => {
  it("has its escape sequences and control characters removed, tabs and newlines kept", () => {
    expect(terminalText(`before${hostile}after\tand\nnext`)).toBe("before31mafter\tand\nnext");
  });

  it("cannot rewrite the terminal in `run` or `trajectory`", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-term-"));
    const script = join(dir, "turns.json");
    writeFileSync(script, JSON.stringify([`<think>Thinking${hostile}.</think><answer>fake${hostile} answer</answer>`]));
    const output: string[] = [];
    const io: CliIo = { out: (t) => void output.push(t), err: (t) => void output.push(t), env: { INTERLEAF_DB: join(dir, "t.db") }, cwd: dir, tty: { out: true, err: false } };
    const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
    expect(await runCli(["run", photo, "What?", "--script", script, "--thread", "t"], io)).toBe(0);
    expect(await runCli(["trajectory", "t"], io)).toBe(0);
    const printed = output.join("");
    expect(printed).toContain("fake31m answer");
    // Only the CLI's own colour codes (SGR: ESC [ … m) remain.
    // eslint-disable-next-line no-control-regex -- the point of the check
    expect(printed.replace(/\u001b\[[0-9;]*m/g, "")).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
