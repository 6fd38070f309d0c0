// Hostile HTML pages of issue 17 item 2, built to a size: each made the synchronous reader
// superlinear (nesting for Readability, one text node per `&amp;` for the text walk).

/** `<div>` nested `depth` deep around one word (2,000 deep is 22 KB and took 103 s). */
export function nestedDivs(depth: number): string {
  return `<html><body>${"<div>".repeat(depth)}deep${"</div>".repeat(depth)}</body></html>`;
}

/** Tables nested `depth` deep (66 KB took 204 s). */
export function nestedTables(depth: number, copies = 1): string {
  const one = `${"<table><tr><td>".repeat(depth)}cell${"</td></tr></table>".repeat(depth)}`;
  return `<html><body>${one.repeat(copies)}</body></html>`;
}

/** `count` character references in one paragraph (100 KB took 35 s). */
export function ampersands(count: number): string {
  return `<html><body><p>${"&amp;".repeat(count)}</p></body></html>`;
}

/** An ordinary article of `paragraphs` paragraphs: the baseline a hostile page is compared with. */
export function ordinaryPage(paragraphs: number): string {
  const body = Array.from({ length: paragraphs }, (_, i) => `<p>Paragraph ${i} of an ordinary article about vending machines, long enough to read.</p>`).join("\n");
  return `<!doctype html><html><head><title>Ordinary</title></head><body><article><h1>Ordinary</h1>${body}</article></body></html>`;
}

/** A page of `bytes` characters mixing nesting, tables and references (pages of 1.6–4.5 MB did not finish in 60 s). */
export function mixedHostilePage(bytes: number): string {
  const unit = `${"<div><span>".repeat(40)}a &amp; b &lt; c${"</span></div>".repeat(40)}${nestedTables(8).slice(12, -14)}`;
  return `<html><body>${unit.repeat(Math.ceil(bytes / unit.length))}</body></html>`.slice(0, bytes);
}
