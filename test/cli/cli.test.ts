import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../cli/cli-io.js";
import { EXIT } from "../../cli/exit-codes.js";
import { runCli } from "../../cli/run-cli.js";

const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, cwd, tty: { out: false, err: false } };
  return { cli, out: () => out.join(""), err: () => err.join("") };
}

const zoomTurn = '<think>Zoom on the bottles.</think>\n<tool_call>{"name": "zoom", "arguments": {"bbox_2d": [100, 300, 400, 700]}}</tool_call>';
const cropTurn = '<think>Crop the table.</think>\n<tool_call>{"name": "crop", "arguments": {"bbox_2d": [0, 500, 576, 1024], "image": "original image"}}</tool_call>';
const answerTurn = "<think>Three bottles and two cups.</think>\n<answer>5</answer>";

describe("the interleaf command", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "interleaf-cli-"));
  });
  const script = (name: string, turns: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(turns));
    return path;
  };

  it("runs a scripted R1V4 conversation with real image operations and prints one JSON document", async () => {
    const t = io(dir);
    const code = await runCli(["run", photo, "How many bottles and cups?", "--script", script("t.json", [zoomTurn, cropTurn, answerTurn]), "--thread", "t1", "--json"], t.cli);
    expect(code).toBe(EXIT.ok);
    const doc = JSON.parse(t.out());
    expect(doc).toMatchObject({ threadId: "t1", status: "answered", stopReason: "answer", answer: "5" });
    expect(doc.steps.map((s: { calls: { name: string }[] }) => s.calls.map((c) => c.name))).toEqual([["zoom"], ["crop"], []]);
    expect(doc.steps[1].calls[0].observation.images[0]).toMatchObject({ width: 576, height: 524, op: { name: "crop" } });
    expect(existsSync(join(dir, ".interleaf", "interleaf.db"))).toBe(true);
  });

  it("shows progress, then history and the trajectory with produced images written by id", async () => {
    const run = io(dir);
    expect(await runCli(["run", photo, "How many?", "--script", script("t.json", [zoomTurn, answerTurn]), "--thread", "t2"], run.cli)).toBe(EXIT.ok);
    expect(run.out()).toContain("call zoom");
    expect(run.out()).toContain("Answer: 5");

    const history = io(dir);
    expect(await runCli(["history", "t2"], history.cli)).toBe(EXIT.ok);
    expect(history.out()).toMatch(/step 0: ran zoom → 1 image$/m);

    const trajectory = io(dir);
    expect(await runCli(["trajectory", "t2", "--images", "out"], trajectory.cli)).toBe(EXIT.ok);
    expect(trajectory.out()).toMatch(/observation 1, \d+×\d+, zoom, box in original \[100, 300, 400, 700\]/);
    const files = readdirSync(join(dir, "out"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.(jpg|png)$/);
  });

  it("ends without an answer with exit code 1, then resumes the same thread with a longer script", async () => {
    const short = io(dir);
    const code = await runCli(["run", photo, "How many?", "--script", script("short.json", [zoomTurn]), "--thread", "t3"], short.cli);
    expect(code).toBe(EXIT.noAnswer);
    expect(short.err()).toContain("interleaf resume t3");

    const resumed = io(dir);
    expect(await runCli(["resume", "t3", "--script", script("long.json", [zoomTurn, answerTurn]), "--json"], resumed.cli)).toBe(EXIT.ok);
    const doc = JSON.parse(resumed.out());
    expect(doc.answer).toBe("5");
    expect(doc.steps).toHaveLength(2);
  });

  it("stops at --max-tool-calls with a clear reason", async () => {
    const t = io(dir);
    const code = await runCli(["run", photo, "?", "--script", script("loop.json", [zoomTurn, zoomTurn, zoomTurn]), "--max-tool-calls", "2", "--json"], t.cli);
    expect(code).toBe(EXIT.noAnswer);
    expect(JSON.parse(t.out())).toMatchObject({ status: "stopped", stopReason: "max_tool_calls" });
  });

  it("answers bad usage with exit code 2 and says what is wrong", async () => {
    const cases: [string[], RegExp][] = [
      [["run", photo], /missing required argument 'question'/],
      [["run", photo, "q", "--bogus"], /unknown option '--bogus'/],
      [["run", photo, "q", "--mode", "fast", "--script", "x.json"], /Allowed choices are general, deepresearch/],
      [["run", photo, "q", "--max-tool-calls", "many", "--script", "x.json"], /positive whole number/],
      [["run", photo, "q"], /say which model/],
      [["frobnicate"], /unknown command 'frobnicate'/],
      [["resume"], /missing required argument 'thread'/],
    ];
    for (const [argv, message] of cases) {
      const t = io(dir);
      expect(await runCli(argv, t.cli), argv.join(" ")).toBe(EXIT.usage);
      expect(t.err()).toMatch(message);
    }
  });

  it("refuses deepresearch without a search backend, and runs it on a local index", async () => {
    const without = io(dir);
    expect(await runCli(["run", photo, "?", "--mode", "deepresearch", "--script", script("a.json", [answerTurn])], without.cli)).toBe(EXIT.failed);
    expect(without.err()).toMatch(/interleaf index <folder>/);

    const corpus = fileURLToPath(new URL("../fixtures/corpus", import.meta.url));
    const indexed = io(dir);
    expect(await runCli(["index", corpus], indexed.cli)).toBe(EXIT.ok);
    expect(indexed.out()).toMatch(/Indexed \d+ document/);
    const searching = '<think>Search.</think><tool_call>{"name": "text_search", "arguments": {"queries": ["vending machine drinks"]}}</tool_call>';
    const run = io(dir);
    expect(await runCli(["run", photo, "?", "--mode", "deepresearch", "--script", script("s.json", [searching, answerTurn]), "--json"], run.cli)).toBe(EXIT.ok);
    const doc = JSON.parse(run.out());
    expect(doc.steps[0].calls[0].observation.text).toMatch(/vending/i);
  });
});
