import { rasterOf, sharpOf, type Raster } from "../../src/images/raster.js";
import { escapeMarkup } from "../../src/util/escape-markup.js";

/** Draws an SVG body (elements without the root) over a raster; keeps its channel count. */
export async function drawSvg(raster: Raster, body: string): Promise<Raster> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${raster.width}" height="${raster.height}">${body}</svg>`;
  let pipeline = sharpOf(raster).composite([{ input: Buffer.from(svg), top: 0, left: 0, limitInputPixels: false }]);
  if (raster.channels === 3 || raster.channels === 1) pipeline = pipeline.removeAlpha();
  return rasterOf(pipeline);
}

/** A label with a filled background box, its top-left at (x, y). */
export function svgLabel(text: string, x: number, y: number, fontSize: number, background: string): string {
  const width = Math.ceil(text.length * fontSize * 0.62) + 6;
  const height = Math.ceil(fontSize * 1.3);
  const foreground = isLight(background) ? "#000000" : "#ffffff";
  return (
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${background}" fill-opacity="0.85"/>` +
    `<text x="${x + 3}" y="${y + fontSize}" font-family="DejaVu Sans, Arial, sans-serif" font-size="${fontSize}" fill="${foreground}">${escapeMarkup(text)}</text>`
  );
}

function isLight(hex: string): boolean {
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) return false;
  const r = parseInt(hex.slice(1, 3), 16);
  const g = parseInt(hex.slice(3, 5), 16);
  const b = parseInt(hex.slice(5, 7), 16);
  return 0.299 * r + 0.587 * g + 0.114 * b > 150;
}
