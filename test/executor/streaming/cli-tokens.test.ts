import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../../cli/cli-io.js";
import { EXIT } from "../../../cli/exit-codes.js";
import { runCli } from "../../../cli/run-cli.js";

const photo = fileURLToPath(new URL("../../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
const turn = "<think>Three bottles and two cups.</think>\n<answer>5</answer>";

function io(cwd: string, tty: boolean) {
  const out: string[] = [];
  const cli: CliIo = { out: (t) => void out.push(t), err: () => undefined, env: { NO_COLOR: "1" }, cwd, tty: { out: tty, err: false } };
  return { cli, out };
}

describe("interleaf run prints tokens live on a terminal", () => {
  it("on a TTY the turn's text comes in pieces as it is generated, not as a think line afterwards", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-cli-tokens-"));
    const script = join(dir, "t.json");
    writeFileSync(script, JSON.stringify([turn]));
    const tty = io(dir, true);
    expect(await runCli(["run", photo, "How many?", "--script", script, "--thread", "a"], tty.cli)).toBe(EXIT.ok);
    const pieces = tty.out.filter((chunk) => turn.includes(chunk.trim()) && chunk.trim().length > 0 && chunk.trim().length <= 10);
    expect(pieces.length).toBeGreaterThan(3);
    expect(tty.out.join("")).toContain(`  ${turn}\n`);
    expect(tty.out.join("")).not.toContain("think: ");

    const piped = io(dir, false);
    expect(await runCli(["run", photo, "How many?", "--script", script, "--thread", "b"], piped.cli)).toBe(EXIT.ok);
    expect(piped.out.join("")).toContain("think: Three bottles and two cups.");
    expect(piped.out.join("")).not.toContain("<answer>5</answer>");
  });
});
