// The viewer in a real browser: Debian's chromium driven by playwright-core, one browser for
// the file. Pages come from the real command (`interleaf view`) on threads run with real tools.
import { mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../cli/exit-codes.js";
import { runCli } from "../../cli/run-cli.js";
import type { Box } from "../../src/images/coordinates.js";
import { cliIo, openDb, PHOTO, runDemo, runScripted, toolTurn } from "./viewer-threads.js";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"];
const EVIL_THOUGHT = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">Look closer.';

let browser: Browser;
let dir: string;
let db: string;
let demo: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "interleaf-view-"));
  db = join(dir, "view.db");
  [browser, demo] = await Promise.all([chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS }), runDemo(db, dir)]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** `interleaf view` to a file; returns its path. */
async function viewFile(args: string[]): Promise<string> {
  const t = cliIo(dir);
  const code = await runCli(["view", ...args, "--db", db], t.io);
  expect(code, t.err()).toBe(EXIT.ok);
  const file = /Wrote (.+\.html)/.exec(t.out())?.[1];
  expect(file).toBeDefined();
  return file as string;
}

/** Opens a URL in a fresh page, recording console errors, page errors and every request. */
async function open(url: string, viewport = { width: 1200, height: 800 }) {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(url);
  return { page, errors, requests };
}

/** The colour of one screen pixel (CSS px; device scale 1). */
async function pixel(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  const { data } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0];
}

/** Where a box in the input image's pixels is on the screen: its left edge's middle, in CSS px. */
async function leftEdgeOnScreen(page: Page, box: Box, imageWidth: number): Promise<{ x: number; y: number }> {
  const rect = await page.locator("figure.input img").first().boundingBox();
  if (!rect) throw new Error("no input image on the page");
  const scale = rect.width / imageWidth;
  return { x: rect.x + box[0] * scale, y: rect.y + ((box[1] + box[3]) / 2) * scale };
}

const isMagenta = ([r, g, b]: [number, number, number]) => r > 200 && g < 90 && b > 200;
const isYellow = ([r, g, b]: [number, number, number]) => r > 200 && g > 170 && b < 90;

describe("interleaf view <thread> (a self-contained file)", () => {
  it("shows the demo with no request and no console error; a clicked step lights its region at the right pixels", async () => {
    const file = await viewFile([demo, "--out", join(dir, "demo.html")]);
    const url = pathToFileURL(file).href;
    const { page, errors, requests } = await open(url);
    expect(await page.locator("li.step").count()).toBe(4);
    expect(await page.locator(".final-answer").textContent()).toContain("Soft drinks from Coca-Cola");
    // The zoom of step 0 looked at [770, 740, 850, 830] on the 1500×1000 photo.
    const edge = await leftEdgeOnScreen(page, [770, 740, 850, 830], 1500);
    expect(isYellow(await pixel(page, edge.x, edge.y)), "an unselected region is outlined in yellow").toBe(true);
    await page.locator("#step-0 .step-number").click();
    expect(await page.locator("#step-0").getAttribute("class")).toContain("selected");
    expect(isMagenta(await pixel(page, edge.x, edge.y)), "the selected step's region is outlined in magenta").toBe(true);
    expect(isMagenta(await pixel(page, edge.x - 12, edge.y)), "only the region's outline changes colour").toBe(false);
    // Another step has no region: selecting it clears the highlight.
    await page.locator("#step-2 .step-number").click();
    const after = await leftEdgeOnScreen(page, [770, 740, 850, 830], 1500);
    expect(isYellow(await pixel(page, after.x, after.y))).toBe(true);
    // Hovering the region highlights its step.
    await page.locator('.overlay .region[data-step="0"]').hover();
    expect(await page.locator("#step-0").getAttribute("class")).toContain("hovered");
    if (process.env["UPDATE_VIEWER_SCREENSHOT"]) {
      await page.locator("#step-0 .step-number").click();
      const shot = await page.screenshot({ clip: { x: 0, y: 0, width: 1200, height: 640 } });
      writeFileSync(new URL("../../docs/images/viewer.png", import.meta.url), await sharp(shot).resize({ width: 900 }).png({ palette: true, quality: 80 }).toBuffer());
    }
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens a produced image full size from its thumbnail", async () => {
    const { page, errors } = await open(pathToFileURL(join(dir, "demo.html")).href);
    await page.locator("#step-0 button.thumb").click();
    const full = page.locator("#image-dialog img");
    await expect.poll(() => page.locator("#image-dialog").evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    await expect.poll(() => full.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(448);
    expect(await full.evaluate((img) => (img as unknown as { naturalHeight: number }).naturalHeight)).toBe(504);
    expect(await page.locator("#image-dialog figcaption").textContent()).toContain("observation 1 · 448×504 · zoom · [770, 740, 850, 830] in original");
    await page.locator("#image-dialog button.close").click();
    expect(await page.locator("#image-dialog").evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("draws a crop of a zoom of a rotation where it lies on the original", async () => {
    const storage = await openDb(db);
    let thread: string;
    try {
      // Rotate 90° clockwise (1000×1500), zoom on [100, 200, 300, 400] of that (×2.24 → 448×448),
      // crop the zoom's top-left [0, 0, 224, 224]: in the rotation that is x 100–200, y 200–300,
      // which on the original (x = y', y = 1000 − x') is [200, 800, 300, 900].
      thread = await runScripted(
        storage,
        [
          toolTurn("Turn it.", "rotate", { angle: 90 }),
          toolTurn("Closer.", "zoom", { image: "observation 1", bbox_2d: [100, 200, 300, 400] }),
          toolTurn("Top left.", "crop", { image: "observation 2", bbox_2d: [0, 0, 224, 224] }),
          "<think>Seen.</think><answer>done</answer>",
        ],
        "chain-thread",
      );
    } finally {
      await storage.close();
    }
    const { page, errors } = await open(pathToFileURL(await viewFile([thread, "--out", join(dir, "chain.html")])).href);
    const rect = (step: number) => page.locator(`.overlay .region[data-step="${step}"] rect`);
    const attrs = (step: number) => rect(step).evaluate((r) => ["x", "y", "width", "height"].map((a) => Number(r.getAttribute(a))));
    expect(await attrs(0)).toEqual([0, 0, 1500, 1000]);
    expect(await attrs(1)).toEqual([200, 700, 200, 200]);
    expect(await attrs(2)).toEqual([200, 800, 100, 100]);
    await page.locator("#step-2 .step-number").click();
    const edge = await leftEdgeOnScreen(page, [200, 800, 300, 900], 1500);
    expect(isMagenta(await pixel(page, edge.x, edge.y))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a script-injection thought and hostile search results as text, and links only http(s) with noopener", async () => {
    const storage = await openDb(db);
    try {
      await runScripted(storage, [toolTurn(EVIL_THOUGHT, "text_search", { queries: ["palace"] }), `<think>${EVIL_THOUGHT}</think><answer><b onmouseover="window.__pwned=6">bold</b></answer>`], "evil-thread");
    } finally {
      await storage.close();
    }
    const file = await viewFile(["evil-thread", "--out", join(dir, "evil.html")]);
    const { page, errors, requests } = await open(pathToFileURL(file).href);
    expect(await page.locator("#step-0 .thought p").textContent()).toBe(EVIL_THOUGHT);
    expect(await page.locator(".final-answer").textContent()).toBe('<b onmouseover="window.__pwned=6">bold</b>');
    expect(await page.locator("#step-0 .card h4").first().textContent()).toBe('<img src=x onerror="window.__pwned=3">Evil page');
    expect(await page.locator("#step-0 .card a").count()).toBe(1);
    expect(await page.locator("#step-0 .card a").getAttribute("rel")).toBe("noopener noreferrer");
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("script").count()).toBe(1);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content")).toMatch(/^default-src 'none'; img-src data:; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'; connect-src 'none'/);
    await page.close();
  });
});

describe("interleaf view of a plan run", () => {
  it("draws the plan as a dependency graph with each step's status, and the consistency report", async () => {
    const plan = JSON.stringify([
      { description: "Zoom on the entrance to see the machines", tool_name: "zoom", parameters: { bbox_2d: [770, 740, 850, 830] } },
      { description: "Crop the forecourt", tool_name: "crop", parameters: { bbox_2d: [600, 600, 1000, 900] } },
      { description: "Name the drinks in [zoomed image from Step 1] and [crop from Step 2]", tool_name: "none", parameters: {} },
    ]);
    const turns = [`<think>Zoom, crop, then read.</think><plan>${plan}</plan>`, "<think>Coca-Cola machines.</think>", "<think>Checked.</think><answer>Coca-Cola</answer>"];
    const script = join(dir, "plan.json");
    writeFileSync(script, JSON.stringify(turns));
    const t = cliIo(dir);
    const code = await runCli(["run", PHOTO, "What drinks are sold here?", "--plan", "--script", script, "--json", "--db", db], t.io);
    expect(code, t.err()).toBe(EXIT.ok);
    const thread = JSON.parse(t.out()).threadId as string;
    const { page, errors } = await open(pathToFileURL(await viewFile([thread, "--out", join(dir, "plan.html")])).href);
    expect(await page.locator(".plan-node").count()).toBe(3);
    expect(await page.locator(".plan .edge").count()).toBe(2);
    expect(await page.locator('.plan-node[data-plan-step="1"]').getAttribute("class")).toContain("status-matched");
    expect(await page.locator('.plan-node[data-plan-step="3"]').getAttribute("class")).toContain("status-reasoning");
    expect(await page.locator(".consistency").textContent()).toContain("2/2 tool steps matched, 0 unplanned calls");
    // A plan node that ran a tool call is linked to its step: clicking it selects the step.
    const ran = await page.locator('.plan-node[data-plan-step="2"]').getAttribute("data-step");
    await page.locator('.plan-node[data-plan-step="2"] rect').click();
    expect(await page.locator(`#step-${ran}`).getAttribute("class")).toContain("selected");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("interleaf view <a> --compare <b>", () => {
  it("points at the first diverging step and shows both sides", async () => {
    const storage = await openDb(db);
    try {
      const zoom = toolTurn("Zoom on the entrance.", "zoom", { bbox_2d: [770, 740, 850, 830] });
      await runScripted(storage, [zoom, "<think>Red machines.</think><answer>Coca-Cola</answer>"], "compare-a");
      await runScripted(storage, [zoom, toolTurn("Look wider.", "crop", { bbox_2d: [600, 600, 1000, 900] }), "<think>Blue?</think><answer>Pepsi</answer>"], "compare-b");
    } finally {
      await storage.close();
    }
    const file = await viewFile(["compare-a", "--compare", "compare-b"]);
    const { page, errors, requests } = await open(pathToFileURL(file).href);
    expect(await page.locator("p.summary").textContent()).toContain("First diverging step: step 1");
    expect(await page.locator("#first-divergence").getAttribute("data-compare-step")).toBe("1");
    expect(await page.locator("tr.differs th").count()).toBe(2);
    const sides = page.locator("tr.differs td");
    expect(await sides.nth(0).textContent()).toContain("Coca-Cola");
    expect(await sides.nth(1).textContent()).toContain("crop");
    expect(await page.locator("tr.same th").count()).toBe(1);
    expect(requests).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** A raw GET with any Host header (fetch would not let a test forge it). */
function rawGet(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("interleaf view --serve", () => {
  it("serves the pages on 127.0.0.1 and updates a page live while its run goes on", async () => {
    const stop = new AbortController();
    const t = cliIo(dir, stop.signal);
    const serving = runCli(["view", "--serve", "--port", "0", "--db", db], t.io);
    await expect.poll(() => t.out(), { timeout: 10_000 }).toMatch(/Serving .* at http:\/\/127\.0\.0\.1:\d+\//);
    const base = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(t.out())?.[1] as string;

    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const storage = await openDb(db);
    const run = runScripted(storage, [toolTurn("Zoom first.", "zoom", { bbox_2d: [770, 740, 850, 830] }), async () => (await gate, "<think>Now I see.</think><answer>live answer</answer>")], "live-thread");
    try {
      await expect.poll(async () => (await fetch(`${base}/thread/live-thread`)).text(), { timeout: 10_000 }).toContain('id="step-0"');
      const { page, errors, requests } = await open(`${base}/thread/live-thread`);
      expect(await page.locator("li.step").count()).toBe(1);
      expect(await page.locator("#outcome h2").textContent()).toBe("Not finished");
      // The thumbnail comes from the server, downscaled: 448×504 fits in 240 px as 213×240.
      await expect.poll(() => page.locator("#step-0 button.thumb img").evaluate((img) => (img as unknown as { naturalHeight: number }).naturalHeight)).toBe(240);
      expect(await page.locator("#step-0 button.thumb img").evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(213);
      release();
      await run;
      await page.waitForSelector(".final-answer", { timeout: 10_000 });
      expect(await page.locator(".final-answer").textContent()).toBe("live answer");
      expect(await page.locator("li.step").count()).toBe(2);
      expect(requests.every((url) => url.startsWith(`${base}/`))).toBe(true);
      expect(requests.some((url) => url.startsWith(`${base}/events/thread/live-thread`))).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      release();
      await run.catch(() => undefined);
      await storage.close();
    }
    const compared = await fetch(`${base}/compare/${demo}/live-thread`);
    expect(compared.status).toBe(200);
    expect(await compared.text()).toContain("First diverging step");
    expect((await fetch(`${base}/events/nothing/here`)).status).toBe(404);
    // Nothing else is reachable: no files, no unknown image, no other host name (DNS rebinding).
    expect((await fetch(`${base}/image/${"0".repeat(64)}/full`)).status).toBe(404);
    expect((await fetch(`${base}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await fetch(`${base}/thread/live-thread`, { method: "POST" })).status).toBe(405);
    expect(await rawGet(`${base}/thread/live-thread`, "attacker.example:80")).toBe(403);
    stop.abort();
    expect(await serving).toBe(EXIT.ok);
  });
});
