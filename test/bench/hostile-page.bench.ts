// The worst hostile web page the defaults allow (issue 17): 5 MB downloads are cut to the
// 1,000,000 characters `htmlToText` reads, so each page here is built to that size. Each page
// is read in a fresh child process, which reports its CPU time and peak RSS; the figure is the
// worst hostile page against an ordinary article of the same size.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DEFAULT_HTML_SIZE_LIMITS, htmlToText } from "../../src/search/html-to-text.js";
import { ampersands, mixedHostilePage, nestedDivs, nestedTables, ordinaryPage } from "../adversarial/hostile-pages.js";
import { measurement, type Bench } from "./measurement.js";

const SIZE = DEFAULT_HTML_SIZE_LIMITS.maxChars;

/** The pages, each filled to `SIZE` characters. */
const PAGES: Record<string, () => string> = {
  ordinary: () => fill(ordinaryPage(1), (i) => `<p>Paragraph ${i} of an ordinary article about vending machines, long enough to read.</p>\n`),
  "nested divs": () => nestedDivs(Math.floor(SIZE / 11)),
  "nested tables at the Readability limits": () => fill(nestedTables(16, 600), () => "<p>&amp; &lt; &gt;</p>"),
  ampersands: () => ampersands(Math.floor(SIZE / 5)),
  "mixed nesting and references": () => mixedHostilePage(SIZE),
};

function fill(start: string, piece: (i: number) => string): string {
  const parts = [start.replace("</body></html>", "").replace("</article>", "")];
  let length = parts[0]?.length ?? 0;
  for (let i = 0; length < SIZE - 40; i++) {
    const next = piece(i);
    parts.push(next);
    length += next.length;
  }
  return `${parts.join("")}</body></html>`.slice(0, SIZE);
}

/** CPU ms and peak RSS (MB) of reading one page in a fresh process. */
function readInChild(page: string): { cpuMs: number; peakMb: number } {
  const out = execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], { env: { ...process.env, HOSTILE_PAGE_CHILD: page }, encoding: "utf8" });
  const [cpuMs, peakMb] = (/cpu=([\d.]+) peak=([\d.]+)/.exec(out) ?? []).slice(1).map(Number);
  return { cpuMs: cpuMs ?? Number.NaN, peakMb: peakMb ?? Number.NaN };
}

const bench: Bench = {
  name: "hostile page",
  async run() {
    const ordinary = readInChild("ordinary");
    let worst = { name: "", cpuMs: 0, peakMb: 0 };
    for (const name of Object.keys(PAGES).filter((n) => n !== "ordinary")) {
      const figures = readInChild(name);
      if (figures.cpuMs > worst.cpuMs) worst = { name, ...figures };
    }
    const note = `worst of ${Object.keys(PAGES).length - 1} hostile ${SIZE}-character pages (${worst.name}) vs an ordinary article of the same size; target ≤ 5000 ms CPU, ≤ 1024 MB`;
    return {
      hostile_page_cpu_ms: measurement(worst.cpuMs, ordinary.cpuMs, "ms", note),
      hostile_page_peak_rss_mb: measurement(worst.peakMb, ordinary.peakMb, "MB", note),
    };
  },
};

export default bench;

const child = process.env.HOSTILE_PAGE_CHILD;
if (child) {
  const html = (PAGES[child] as () => string)();
  const start = process.cpuUsage();
  htmlToText(html);
  const used = process.cpuUsage(start);
  process.stdout.write(`cpu=${((used.user + used.system) / 1000).toFixed(1)} peak=${(process.resourceUsage().maxRSS / 1024).toFixed(1)}\n`);
}
