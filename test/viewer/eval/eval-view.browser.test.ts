// The eval view in a real browser: Debian's chromium driven by playwright-core, one browser for
// the file. Pages come from the real command (`interleaf view --eval`) on real small eval runs
// (the FVQA rows through the eval library, in a SQLite file).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { evalReport, type EvalReport } from "interleaf/eval";
import { chromium, type Browser } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../../cli/exit-codes.js";
import { runCli } from "../../../cli/run-cli.js";
import { cliIo } from "../viewer-threads.js";
import { categoryDataset, EVIL_ANSWER, EVIL_QUESTION, MALFORMED_QUESTION, runSmallEval } from "./eval-view-run.js";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"];

let browser: Browser;
let dir: string;
let db: string;
let runId: string;
let report: EvalReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "interleaf-eval-browser-"));
  db = join(dir, "eval.db");
  const [launched, run] = await Promise.all([chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS }), runSmallEval(db)]);
  browser = launched;
  runId = run.runId;
  report = await evalReport(run.storage, runId);
  await run.storage.close();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function evalFile(run: string, name: string): Promise<string> {
  const t = cliIo(dir);
  const out = join(dir, name);
  expect(await runCli(["view", "--eval", run, "--out", out, "--db", db], t.io), t.err()).toBe(EXIT.ok);
  return out;
}

async function open(url: string) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(url);
  return { page, errors, requests };
}

const shown = (value: number | null) => (value === null ? "–" : (100 * value).toFixed(1));

describe("interleaf view --eval <run> (a file)", () => {
  it("shows evalReport's Table 2 cells and counts, with no request and no console error", async () => {
    const file = await evalFile(runId, "run.html");
    const { page, errors, requests } = await open(pathToFileURL(file).href);
    for (const column of report.table2.columns) {
      const cell = page.locator(`table.table2 td[data-column="${column}"]`);
      expect(await cell.textContent()).toBe(shown(report.table2.cells[column]?.value ?? null));
      expect(Number(await cell.getAttribute("data-value"))).toBe(report.table2.cells[column]?.value);
    }
    expect(await page.locator('table.sampling tr[data-row="Pass@k"] td').first().textContent()).toBe(shown(report.sampling.passAtK.value));
    expect(await page.locator('[data-count="threads"] dd').textContent()).toBe(String(report.counts.threads));
    expect(await page.locator('[data-count="input tokens"] dd').textContent()).toBe(String(report.counts.inputTokens));
    // Turn histogram: four threads answered in one turn, the malformed one stopped after two.
    expect(await page.locator('svg.histogram[aria-label="turns"] g.bin[data-value="1"]').getAttribute("data-count")).toBe("4");
    expect(await page.locator('svg.histogram[aria-label="turns"] g.bin[data-value="2"]').getAttribute("data-count")).toBe("1");
    // The injected answer is text, and ran nothing.
    const evil = page.locator("tr.item", { hasText: EVIL_QUESTION });
    expect(await evil.locator("td.answer-cell").textContent()).toBe(EVIL_ANSWER);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("filters the items by outcome and text in the page, and follows an item to its trajectory", async () => {
    const file = await evalFile(runId, "filters.html");
    const { page, errors, requests } = await open(pathToFileURL(file).href);
    const visible = () => page.locator("tr.item:visible td.question-cell").allTextContents();
    expect(await visible()).toHaveLength(5);
    await page.selectOption("#filter-outcome", "stopped");
    expect(await visible()).toEqual([MALFORMED_QUESTION]);
    expect(await page.locator("#shown-count").textContent()).toBe("1");
    await page.selectOption("#filter-outcome", "");
    await page.fill("#filter-text", "hospitallers");
    expect(await visible()).toEqual([EVIL_QUESTION]);
    await page.fill("#filter-text", "  SPAIN ");
    expect(await visible()).toEqual(["What is the country of origin of this food?"]);
    await page.fill("#filter-text", "nothing like this");
    expect(await visible()).toEqual([]);
    await page.fill("#filter-text", "");
    expect(await visible()).toHaveLength(5);

    await page.locator("tr.item", { hasText: "What is the country of origin of this food?" }).locator("a.item-link").click();
    await page.waitForSelector(".final-answer");
    expect(page.url()).toContain("/filters-items/");
    expect(await page.locator("p.question").textContent()).toContain("What is the country of origin of this food?");
    expect(await page.locator(".final-answer").textContent()).toBe("Spain");
    expect(requests.every((url) => url.startsWith(pathToFileURL(dir).href))).toBe(true);
    expect(requests).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("filters by category", async () => {
    const run = await runSmallEval(db, { dataset: categoryDataset(dir) });
    await run.storage.close();
    const file = await evalFile(run.runId, "categories.html");
    const { page, errors } = await open(pathToFileURL(file).href);
    expect(await page.locator("svg.bars g.bar").evaluateAll((bars) => bars.map((b) => b.getAttribute("data-label")))).toEqual(["building", "food"]);
    if (process.env["UPDATE_VIEWER_SCREENSHOT"]) {
      const shot = await page.screenshot({ clip: { x: 0, y: 0, width: 1200, height: 900 } });
      writeFileSync(new URL("../../../docs/images/eval-view.png", import.meta.url), await sharp(shot).resize({ width: 900 }).png({ palette: true, quality: 80 }).toBuffer());
    }
    await page.selectOption("#filter-category", "building");
    expect(await page.locator("tr.item:visible td.question-cell").allTextContents()).toEqual(["What is this building dedicated to?", EVIL_QUESTION]);
    await page.selectOption("#filter-outcome", "answered");
    await page.fill("#filter-text", "buddha");
    expect(await page.locator("tr.item:visible td.question-cell").allTextContents()).toEqual(["What is this building dedicated to?"]);
    // An item id with a `/` (percent-encoded in its thread id) still links to its own page.
    await page.locator("tr.item:visible a.item-link").click();
    await page.waitForSelector(".final-answer");
    expect(await page.locator(".final-answer").textContent()).toBe("Buddha");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("interleaf view --serve: /eval/<run>", () => {
  it("updates the eval page live while the run goes on, and links items to /thread/<id>", async () => {
    const stop = new AbortController();
    const t = cliIo(dir, stop.signal);
    const serving = runCli(["view", "--serve", "--port", "0", "--eval", "live-run", "--db", db], t.io);
    await expect.poll(() => t.out(), { timeout: 10_000 }).toMatch(/Serving .* at http:\/\/127\.0\.0\.1:\d+\/eval\/live-run/);
    const base = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(t.out())?.[1] as string;

    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = runSmallEval(db, { runId: "live-run", held: { question: "What is this garden named after?", gate } });
    try {
      await expect.poll(async () => (await fetch(`${base}/eval/live-run`)).text(), { timeout: 20_000 }).toContain('data-count="answered"><dt>answered</dt><dd>3</dd>');
      const { page, errors, requests } = await open(`${base}/eval/live-run`);
      expect(await page.locator("tr.item").count()).toBe(5);
      expect(await page.locator('tr.item[data-outcome="unfinished"]').count()).toBe(1);
      release();
      const run = await running;
      await run.storage.close();
      await expect.poll(() => page.locator('tr.item[data-outcome="unfinished"]').count(), { timeout: 10_000 }).toBe(0);
      expect(await page.locator('[data-count="answered"] dd').textContent()).toBe("4");
      expect(requests.some((url) => url.startsWith(`${base}/events/eval/live-run`))).toBe(true);
      expect(requests.every((url) => url.startsWith(`${base}/`))).toBe(true);

      await page.locator("tr.item", { hasText: "What is this garden named after?" }).locator("a.item-link").click();
      await page.waitForSelector(".final-answer");
      expect(page.url()).toMatch(new RegExp(`^${base}/thread/eval-live-run-`));
      expect(await page.locator(".final-answer").textContent()).toBe("Tuileries Palace");
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      release();
      await running.then((r) => r.storage.close()).catch(() => undefined);
    }
    expect((await fetch(`${base}/eval/nope`)).status).toBe(404);
    stop.abort();
    expect(await serving).toBe(EXIT.ok);
  });
});
