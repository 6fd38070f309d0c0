// The eval view's page as markup: Table 2 and counts from evalReport, one row per thread with the
// report's headline score and outcome, escaped untrusted text, strict policy, item links.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildReport, evalReport, EvalRunTable, type EvalThreadRecord } from "interleaf/eval";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../../cli/exit-codes.js";
import { runCli } from "../../../cli/run-cli.js";
import type { Storage } from "../../../src/storage/storage.js";
import { evalRunView, loadEvalRunView, outcomeOf } from "../../../src/viewer/eval/eval-run-view.js";
import { histogram } from "../../../src/viewer/eval/eval-charts.js";
import { renderEvalFile } from "../../../src/viewer/eval/render-eval.js";
import { readOnlyAgent } from "../../../cli/open-cli-agent.js";
import { InterleafError } from "../../../src/errors/index.js";
import type { ImageStore } from "../../../src/images/image-store.js";
import { threadView, type ThreadView, type ViewableState } from "../../../src/viewer/thread-view.js";
import { writeEvalViewFiles } from "../../../src/viewer/eval/write-eval-view.js";
import { cliIo } from "../viewer-threads.js";
import { EVIL_ANSWER, runSmallEval } from "./eval-view-run.js";

let dir: string;
let db: string;
let storage: Storage;
let runId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "interleaf-eval-view-"));
  db = join(dir, "eval.db");
  ({ storage, runId } = await runSmallEval(db));
}, 60_000);

afterAll(async () => {
  await storage?.close();
});

describe("the eval view's page", () => {
  it("shows evalReport's Table 2 cells and counts, and one row per thread with its headline score", async () => {
    const report = await evalReport(storage, runId);
    const view = (await loadEvalRunView(storage, runId)) as NonNullable<Awaited<ReturnType<typeof loadEvalRunView>>>;
    expect(view.report).toEqual(report);
    const page = renderEvalFile(view, (id) => `items/${id}.html`);
    // 3 of 5 right: the evil answer and the malformed item score 0.
    expect(report.table2.cells.Overall?.value).toBeCloseTo(0.6);
    expect(page).toContain(`<td data-column="Overall" data-value="${report.table2.cells.Overall?.value}">60.0</td>`);
    expect(page).toContain(`<div data-count="stopped"><dt>stopped</dt><dd>1</dd></div>`);
    expect(page).toContain(`<div data-count="missing &lt;answer&gt;"><dt>missing &lt;answer&gt;</dt><dd>1</dd></div>`);
    expect(page.match(/<tr class="item"/g)).toHaveLength(5);
    expect(view.rows.map((r) => [r.outcome, r.score])).toEqual(
      expect.arrayContaining([
        ["answered", 1],
        ["answered", 0],
        ["stopped", 0],
      ]),
    );
    for (const row of view.rows) expect(page).toContain(`<a class="item-link" href="items/${row.record.threadId}.html">`);
  });

  it("escapes the model's answer and keeps the strict policy with the eval script's hash", async () => {
    const view = (await loadEvalRunView(storage, runId)) as NonNullable<Awaited<ReturnType<typeof loadEvalRunView>>>;
    const page = renderEvalFile(view, () => undefined);
    expect(page).not.toContain(EVIL_ANSWER);
    expect(page).toContain("&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;");
    expect(page.match(/<script>/g)).toHaveLength(2);
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1]?.replaceAll("&#39;", "'") ?? "";
    expect(csp).toMatch(/^default-src 'none'; img-src data:; style-src 'sha256-[^']+' 'sha256-[^']+'; script-src 'sha256-[^']+' 'sha256-[^']+'; connect-src 'none'/);
    expect(page).not.toContain("class=\"item-link\"");
  });

  it("names outcomes: judged, judge failed, failed, unfinished", async () => {
    const [one] = await new EvalRunTable(storage.cache).threads(runId);
    const base = one as EvalThreadRecord;
    expect(outcomeOf({ ...base, status: "failed" })).toBe("failed");
    expect(outcomeOf({ ...base, status: "interrupted" })).toBe("unfinished");
    expect(outcomeOf({ ...base, status: "answered", judge: { verdict: "judge_failed", score: null, cached: false } })).toBe("judge-failed");
    expect(outcomeOf({ ...base, status: "answered", judge: { verdict: "incorrect", score: false, cached: false } })).toBe("judged");
    // A failed thread counts 0, as the report counts it.
    const config = await new EvalRunTable(storage.cache).requireConfig(runId);
    expect(evalRunView(config, [{ ...base, status: "failed" }]).rows[0]?.score).toBe(0);
  });

  it("shows every Table 2 column of a benchmark with several (V*: Attribute, Spatial, Overall) and a bar per category", async () => {
    const table = new EvalRunTable(storage.cache);
    const config = await table.requireConfig(runId);
    const vstar = { ...config, dataset: { ...config.dataset, benchmark: "vstar" } };
    const records = (await table.threads(runId)).map((r, i) => ({ ...r, item: { ...r.item, category: i % 2 === 0 ? "direct_attributes" : "relative_position" } }));
    const report = buildReport(vstar, records);
    expect(report.table2.columns).toEqual(["Attribute", "Spatial", "Overall"]);
    const page = renderEvalFile(evalRunView(vstar, records), () => undefined);
    for (const column of report.table2.columns) {
      const value = report.table2.cells[column]?.value as number;
      expect(page).toContain(`<td data-column="${column}" data-value="${value}">${(100 * value).toFixed(1)}</td>`);
    }
    expect([...page.matchAll(/<g class="bar" data-label="([^"]+)">/g)].map((m) => m[1])).toEqual(["direct_attributes", "relative_position"]);
    expect(page).toContain('<option value="relative_position">relative_position</option>');
  });

  it("bins turns and tool calls with empty bins kept", () => {
    expect(histogram([1, 1, 3])).toEqual([
      { value: 0, count: 0 },
      { value: 1, count: 2 },
      { value: 2, count: 0 },
      { value: 3, count: 1 },
    ]);
    expect(histogram([])).toEqual([]);
  });
});

describe("writeEvalViewFiles", () => {
  it("lists a thread whose page cannot be rendered without a link, and still writes the run's page", async () => {
    const view = (await loadEvalRunView(storage, runId)) as NonNullable<Awaited<ReturnType<typeof loadEvalRunView>>>;
    const agent = readOnlyAgent(storage);
    const load = async (id: string) => {
      const state = await agent.state(id);
      return state && threadView(id, state as ViewableState);
    };
    const first = view.rows[0]?.record.threadId as string;
    let broken = "";
    // The first thread's photo is gone from the store: reading it fails.
    const images: ImageStore = {
      specificationVersion: storage.images.specificationVersion,
      put: (bytes, mime) => storage.images.put(bytes, mime),
      has: (id) => storage.images.has(id),
      get: async (id) => {
        if (id === broken) throw new InterleafError("image_not_found", `no image ${id}`, { details: { imageId: id } });
        return storage.images.get(id);
      },
    };
    broken = ((await load(first)) as ThreadView).inputs[0]?.id ?? "";
    const out = join(dir, "broken.html");
    const written = await writeEvalViewFiles(view, out, load, images);
    // Every FVQA row has its own photo, so only the first thread has no page.
    expect(written.unrendered).toEqual([{ threadId: first, message: `no image ${broken}` }]);
    expect(written.itemPages).toHaveLength(4);
    const page = readFileSync(out, "utf8");
    expect(page.match(/class="item-link"/g)).toHaveLength(4);
    expect(page).not.toContain(`broken-items/${first}.html`);
    expect(page).toContain(`broken-items/${view.rows[1]?.record.threadId}.html`);
  });
});

describe("interleaf view --eval", () => {
  it("writes the run's page and a trajectory page per thread beside it", async () => {
    const t = cliIo(dir);
    const out = join(dir, "run.html");
    expect(await runCli(["view", "--eval", runId, "--out", out, "--db", db], t.io), t.err()).toBe(EXIT.ok);
    expect(t.out()).toContain(`Wrote ${out} (and 5 trajectory pages beside it)`);
    const page = readFileSync(out, "utf8");
    const links = [...page.matchAll(/class="item-link" href="([^"]+)"/g)].map((m) => m[1] as string);
    expect(links).toHaveLength(5);
    for (const link of links) {
      expect(link.startsWith("run-items/")).toBe(true);
      expect(readFileSync(join(dir, decodeURIComponent(link)), "utf8")).toContain("interleaf · thread");
    }
  });

  it("refuses an unknown run and a thread named with --eval", async () => {
    const t = cliIo(dir);
    expect(await runCli(["view", "--eval", "nope", "--db", db], t.io)).not.toBe(EXIT.ok);
    expect(t.err()).toContain("no eval run nope");
    const u = cliIo(dir);
    expect(await runCli(["view", "some-thread", "--eval", runId, "--db", db], u.io)).toBe(EXIT.usage);
  });
});
