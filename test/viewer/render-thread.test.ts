// The viewer's rendering without a browser: the markup it writes for the cases the demo does
// not reach (hosted steps, malformed turns, a run ended by a budget, a run still going, code).
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ingestImage } from "../../src/images/ingest.js";
import { MemoryImageStore } from "../../src/images/memory-image-store.js";
import { escapeMarkup } from "../../src/util/escape-markup.js";
import { html, safeHref } from "../../src/viewer/html.js";
import { highlightPython } from "../../src/viewer/highlight-python.js";
import { renderThreadFile } from "../../src/viewer/render-thread.js";
import { threadView } from "../../src/viewer/thread-view.js";
import { PHOTO } from "./viewer-threads.js";

const model = { id: "scripted:m", startedAt: 0, durationMs: 12 };

async function page(steps: unknown[], extra: Record<string, unknown> = {}) {
  const images = new MemoryImageStore();
  const photo = await ingestImage(images, readFileSync(PHOTO));
  const value = { question: "Q?", images: [photo], steps, pending: null, plans: [], answer: null, stop: null, counters: { toolCalls: 1, modelTurns: 2, malformedStreak: 0, elapsedMs: 40, inputTokens: 10, outputTokens: 5 }, budgets: {}, ...extra };
  return renderThreadFile(threadView("t-1", value as never), images);
}

describe("the thread page", () => {
  it("marks a step executed by a hosted model, shows a malformed turn's problem and a budget stop", async () => {
    const out = await page(
      [
        { index: 0, kind: "tool_calls", thought: "search on the server", raw: "", calls: [], usage: { inputTokens: 3, outputTokens: 4 }, model, executedBy: "server" },
        { index: 1, kind: "malformed", thought: "", raw: "", calls: [], problem: "the turn has no <think>", usage: { inputTokens: 0, outputTokens: 0 }, model },
      ],
      { stop: { reason: "max_tool_calls", message: "16 tool calls <used>" } },
    );
    expect(out).toMatch(/<li class="step kind-tool_calls hosted" id="step-0"/);
    expect(out).toContain('<span class="badge hosted-mark"');
    expect(out).not.toMatch(/id="step-1"[^>]*hosted|kind-malformed hosted/);
    expect(out).toContain("the turn has no &lt;think&gt;");
    expect(out).toContain("<h2>Stopped: max tool calls</h2><p>16 tool calls &lt;used&gt;</p>");
    expect(out).toContain("3+4 tokens");
  });

  it("says a run is not finished and how to resume it", async () => {
    const out = await page([], { pending: { index: 0, thought: "", raw: "", calls: [], usage: { inputTokens: 0, outputTokens: 0 }, model } });
    expect(out).toContain("<h2>Not finished</h2>");
    expect(out).toContain("interleaf resume t-1");
  });

  it("highlights code calls and escapes every piece of them", async () => {
    const code = 'from PIL import Image  # open\nprint("<b>", 42)';
    const out = await page([
      {
        index: 0,
        kind: "tool_calls",
        thought: "",
        raw: "",
        calls: [{ id: "c1", name: "code", arguments: { code }, observation: { text: "<b>\n42\n", images: [], data: { status: "ok", exitCode: 0 } }, startedAt: 0, durationMs: 5 }],
        usage: { inputTokens: 0, outputTokens: 0 },
        model,
      },
    ]);
    expect(out).toContain('<span class="py-keyword">from</span> PIL <span class="py-keyword">import</span> Image  <span class="py-comment"># open</span>');
    expect(out).toContain('<span class="py-builtin">print</span>(<span class="py-string">&quot;&lt;b&gt;&quot;</span>, <span class="py-number">42</span>)');
    expect(out).toContain("status ok · exit 0");
    expect(out).toContain("<pre>&lt;b&gt;\n42\n</pre>");
  });
});

describe("the regions", () => {
  it("are drawn on the input image each produced image comes from, in that image's pixels", async () => {
    const images = new MemoryImageStore();
    const first = await ingestImage(images, readFileSync(PHOTO));
    const small = await sharp(readFileSync(PHOTO)).resize(300, 200).png().toBuffer();
    const second = await ingestImage(images, small);
    const crop = await ingestImage(images, await sharp(small).extract({ left: 30, top: 40, width: 100, height: 50 }).png().toBuffer(), {
      provenance: { parent: second, op: { name: "crop", params: {} }, toParent: [1, 0, 30, 0, 1, 40] },
    });
    const step = { index: 0, kind: "tool_calls", thought: "", raw: "", calls: [{ id: "c", name: "crop", arguments: {}, observation: { text: "", images: [crop] }, startedAt: 0, durationMs: 1 }], usage: { inputTokens: 0, outputTokens: 0 }, model };
    const state = { question: "Q", images: [first, second], steps: [step], pending: null, plans: [], answer: null, stop: null, counters: { toolCalls: 0, modelTurns: 0, malformedStreak: 0, elapsedMs: 0, inputTokens: 0, outputTokens: 0 }, budgets: {} };
    const view = threadView("t", state as never);
    expect(view.regions).toEqual([expect.objectContaining({ step: 0, input: 1, box: [30, 40, 130, 90], label: "observation 1", op: "crop" })]);
    const out = await renderThreadFile(view, images);
    const figures = out.split('<figure class="input"').slice(1);
    expect(figures[0]).not.toContain('class="region"');
    expect(figures[1]).toMatch(/<svg class="overlay" viewBox="0 0 300 200"[\s\S]*<rect x="30" y="40" width="100" height="50"/);
  });
});

describe("the viewer's markup helpers", () => {
  it("escape every interpolated value and keep markup the viewer built", () => {
    expect(escapeMarkup(`<a href="x" onclick='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    expect(html`<p title="${'"><script>'}">${["<i>", html`<b>${"&"}</b>`, null, false, 3]}</p>`.value).toBe('<p title="&quot;&gt;&lt;script&gt;">&lt;i&gt;<b>&amp;</b>3</p>');
    expect(highlightPython("'''<x>").value).toBe('<span class="py-string">&#39;&#39;&#39;&lt;x&gt;</span>');
  });

  it("link only http and https URLs", () => {
    expect(safeHref("https://example.org/a?b=<c>")).toBe("https://example.org/a?b=%3Cc%3E");
    for (const bad of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "file:///etc/passwd", "/relative", 42]) expect(safeHref(bad)).toBeUndefined();
  });
});
