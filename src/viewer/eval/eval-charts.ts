import { html, type Html } from "../html.js";

const BAR_WIDTH = 320;
const ROW = 22;

/** Share of a whole as the report prints it: percent with one decimal, `–` when there is nothing. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : (100 * value).toFixed(1);
}

/**
 * Horizontal bars of shares (0..1), one row per label, drawn in SVG (attributes, not inline
 * styles, so the page's Content-Security-Policy needs no `unsafe-inline`).
 */
export function shareBars(rows: readonly { label: string; value: number | null; n: number }[]): Html {
  const labelWidth = 180;
  const height = rows.length * ROW + 4;
  const bars = rows.map(({ label, value, n }, i) => {
    const y = i * ROW + 2;
    const width = Math.round((value ?? 0) * BAR_WIDTH);
    return html`<g class="bar" data-label="${label}"><title>${label}: ${percent(value)} (n=${n})</title>
<text class="bar-label" x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${label.length > 28 ? `${label.slice(0, 27)}…` : label}</text>
<rect class="bar-back" x="${labelWidth}" y="${y + 3}" width="${BAR_WIDTH}" height="${ROW - 6}"></rect>
<rect class="bar-fill" x="${labelWidth}" y="${y + 3}" width="${width}" height="${ROW - 6}"></rect>
<text class="bar-value" x="${labelWidth + BAR_WIDTH + 6}" y="${y + 15}">${percent(value)} · n=${n}</text></g>`;
  });
  return html`<svg class="bars" viewBox="0 0 ${labelWidth + BAR_WIDTH + 110} ${height}" width="${labelWidth + BAR_WIDTH + 110}" height="${height}" role="img">${bars}</svg>`;
}

/** How many of `values` take each whole value from 0 to the largest (so gaps show as empty bins). */
export function histogram(values: readonly number[]): { value: number; count: number }[] {
  if (values.length === 0) return [];
  const max = Math.max(...values);
  const counts = Array.from({ length: max + 1 }, (_, value) => ({ value, count: 0 }));
  for (const v of values) (counts[v] as { count: number }).count += 1;
  return counts;
}

/** A histogram as vertical SVG bars, each bin labelled with its value and count. */
export function histogramChart(name: string, values: readonly number[]): Html {
  const bins = histogram(values);
  if (bins.length === 0) return html`<p class="muted">No finished thread yet.</p>`;
  const binWidth = 34;
  const plot = 100;
  const top = Math.max(...bins.map((b) => b.count));
  const bars = bins.map(({ value, count }, i) => {
    const h = top === 0 ? 0 : Math.round((count / top) * plot);
    const x = i * binWidth + 4;
    return html`<g class="bin" data-value="${value}" data-count="${count}"><title>${name} ${value}: ${count}</title>
<rect class="bar-fill" x="${x}" y="${plot - h + 14}" width="${binWidth - 8}" height="${h}"></rect>
<text class="bin-count" x="${x + (binWidth - 8) / 2}" y="${plot - h + 10}" text-anchor="middle">${count}</text>
<text class="bin-label" x="${x + (binWidth - 8) / 2}" y="${plot + 28}" text-anchor="middle">${value}</text></g>`;
  });
  const width = bins.length * binWidth + 8;
  return html`<svg class="histogram" viewBox="0 0 ${width} ${plot + 34}" width="${width}" height="${plot + 34}" role="img" aria-label="${name}">${bars}</svg>`;
}
