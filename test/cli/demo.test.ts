import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../cli/cli-io.js";
import { EXIT } from "../../cli/exit-codes.js";
import { runCli } from "../../cli/run-cli.js";
import { DEMO_TURNS } from "../../cli/demo/demo-script.js";

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, cwd, tty: { out: false, err: false } };
  return { cli, out: () => out.join(""), err: () => err.join("") };
}

describe("interleaf demo", () => {
  it("runs offline on the bundled photo, says the model is scripted, and leaves an inspectable thread", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-demo-"));
    const t = io(dir);
    expect(await runCli(["demo"], t.cli)).toBe(EXIT.ok);
    const out = t.out();
    expect(out).toContain("SCRIPTED sequence");
    expect(out).toMatch(/✓ zoom: Zoomed original image on \[770, 740, 850, 830\]/);
    expect(out).toMatch(/✓ image_search: .*Palace of Sports/);
    expect(out).toMatch(/✓ text_search: .*Coca-Cola vending machines/);
    expect(out).toContain("Answer: Soft drinks from Coca-Cola");
    const threadId = /Starting thread ([0-9a-f-]{36})/.exec(out)?.[1];
    expect(threadId).toBeDefined();

    const json = io(dir);
    expect(await runCli(["trajectory", threadId as string, "--json"], json.cli)).toBe(EXIT.ok);
    const trajectory = JSON.parse(json.out());
    expect(trajectory.steps).toHaveLength(DEMO_TURNS.length);
    expect(trajectory.images[1]).toMatchObject({ label: "observation 1", boxInOriginal: [770, 740, 850, 830] });
  });
});

describe("interleaf run --plan", () => {
  it("plans, executes the plan's steps and verifies, from one script played in call order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-plan-"));
    const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
    const plan = JSON.stringify([
      { description: "Zoom on the table to see the bottles and cups", tool_name: "zoom", parameters: { bbox_2d: [0, 400, 576, 1024] } },
      { description: "Count the bottles and cups in [zoomed image from Step 1]", tool_name: "none", parameters: {} },
      { description: "Verify the count from Step 2 and answer", tool_name: "none", parameters: {} },
    ]);
    const turns = [`<think>Zoom, then count.</think><plan>${plan}</plan>`, "<think>I count three bottles and two cups.</think>", "<think>Verified.</think><answer>5</answer>"];
    const path = join(dir, "plan.json");
    writeFileSync(path, JSON.stringify(turns));
    const t = io(dir);
    const code = await runCli(["run", photo, "How many bottles and cups?", "--plan", "--script", path, "--json"], t.cli);
    const doc = JSON.parse(t.out());
    expect(code, t.err()).toBe(EXIT.ok);
    expect(doc.answer).toBe("5");
    expect(doc.steps.flatMap((s: { calls: { name: string }[] }) => s.calls.map((c) => c.name))).toContain("zoom");
  });
});
