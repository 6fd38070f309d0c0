import { COARSE_WIDTH, FINE_WIDTH, resizeRaster, type RgbRaster } from "./image-features.js";

/** Where a query image best matches inside an indexed image. */
export interface CropMatch {
  /** Normalised cross-correlation of the colour channels, in [-1, 1]. */
  score: number;
  /** The matched region as fractions of the indexed image: x, y, width, height in [0, 1]. */
  region: [number, number, number, number];
}

/** Crop widths tried, as fractions of the indexed image's width (1 down to 0.2). */
const SCALES = Array.from({ length: 20 }, (_, k) => 0.92 ** k).filter((f) => f >= 0.19);

/**
 * Prepared query templates: the query resized to every scale of the coarse and fine searches,
 * computed once per query and reused for every indexed image.
 */
export class CropQuery {
  readonly #source: RgbRaster;
  readonly #aspect: number;
  readonly #cache = new Map<string, Promise<Template | undefined>>();

  private constructor(source: RgbRaster) {
    this.#source = source;
    this.#aspect = source.height / source.width;
  }

  /** Prepares a query from its RGB raster (at most ~256 px wide is plenty). */
  static from(source: RgbRaster): CropQuery {
    return new CropQuery(source);
  }

  /** Finds the best placement of the query inside an indexed image, coarse then fine. */
  async match(coarse: RgbRaster, fine: RgbRaster): Promise<CropMatch | undefined> {
    const coarseGrey = toGrey(coarse);
    const candidates: { f: number; x: number; y: number; score: number }[] = [];
    for (const f of SCALES) {
      const template = await this.#template(f, COARSE_WIDTH);
      if (!template || template.height > coarse.height) continue;
      const best = bestPlacement(coarseGrey, coarse.width, coarse.height, [template.grey], template.width, template.height, 0, coarse.width - template.width, 0, coarse.height - template.height);
      if (best) candidates.push({ f, ...best });
    }
    candidates.sort((a, b) => b.score - a.score);
    const fineChannels = toChannels(fine);
    let winner: CropMatch | undefined;
    for (const candidate of candidates.slice(0, 4)) {
      const ratio = FINE_WIDTH / COARSE_WIDTH;
      for (const f of new Set([candidate.f * 0.95, candidate.f, Math.min(1, candidate.f * 1.05)])) {
        const template = await this.#template(f, FINE_WIDTH);
        if (!template || template.height > fine.height) continue;
        const coarseW = Math.max(4, Math.round(candidate.f * COARSE_WIDTH));
        const cx = (candidate.x + coarseW / 2) * ratio - template.width / 2;
        const cy = (candidate.y + (coarseW * this.#aspect) / 2) * ratio - template.height / 2;
        const slack = Math.ceil(ratio * 1.5) + 1;
        const x0 = clamp(Math.round(cx) - slack, 0, fine.width - template.width);
        const x1 = clamp(Math.round(cx) + slack, 0, fine.width - template.width);
        const y0 = clamp(Math.round(cy) - slack, 0, fine.height - template.height);
        const y1 = clamp(Math.round(cy) + slack, 0, fine.height - template.height);
        const best = bestPlacement(fineChannels.grey, fine.width, fine.height, template.channels, template.width, template.height, x0, x1, y0, y1, fineChannels.channels);
        if (best && (!winner || best.score > winner.score)) {
          winner = { score: best.score, region: [best.x / fine.width, best.y / fine.height, template.width / fine.width, template.height / fine.height] };
        }
      }
    }
    return winner;
  }

  #template(f: number, base: number): Promise<Template | undefined> {
    const width = Math.round(f * base);
    const height = Math.round(width * this.#aspect);
    const key = `${width}x${height}`;
    let found = this.#cache.get(key);
    if (!found) {
      found = width < 6 || height < 6 ? Promise.resolve(undefined) : resizeRaster(this.#source, width, height).then((raster) => makeTemplate(raster));
      this.#cache.set(key, found);
    }
    return found;
  }
}

interface Template {
  width: number;
  height: number;
  /** Zero-mean, unit-norm grey template. */
  grey: Float32Array;
  /** Zero-mean, unit-norm R, G, B templates (an empty channel stays all zero). */
  channels: Float32Array[];
}

function makeTemplate(raster: RgbRaster): Template | undefined {
  const { grey, channels } = toChannels(raster);
  const normalised = [grey, ...channels].map(normalise);
  if (!normalised[0]) return undefined;
  return { width: raster.width, height: raster.height, grey: normalised[0], channels: normalised.slice(1).map((c) => c ?? new Float32Array(grey.length)) };
}

function normalise(values: Float32Array): Float32Array | undefined {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let sq = 0;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] ?? 0) - mean;
    out[i] = d;
    sq += d * d;
  }
  const norm = Math.sqrt(sq);
  if (norm < 1e-3 * values.length) return undefined;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / norm;
  return out;
}

function toGrey(raster: RgbRaster): Float32Array {
  return toChannels(raster).grey;
}

function toChannels(raster: RgbRaster): { grey: Float32Array; channels: Float32Array[] } {
  const n = raster.width * raster.height;
  const grey = new Float32Array(n);
  const channels = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  const [r, g, b] = channels as [Float32Array, Float32Array, Float32Array];
  for (let i = 0; i < n; i++) {
    const rv = raster.data[i * 3] ?? 0;
    const gv = raster.data[i * 3 + 1] ?? 0;
    const bv = raster.data[i * 3 + 2] ?? 0;
    r[i] = rv;
    g[i] = gv;
    b[i] = bv;
    grey[i] = 0.299 * rv + 0.587 * gv + 0.114 * bv;
  }
  return { grey, channels };
}

/**
 * Slides zero-mean unit-norm templates over positions [x0..x1]×[y0..y1] of an image and returns
 * the placement with the highest mean normalised cross-correlation. With one template it runs on
 * `grey`; with three it runs on `imageChannels` (R, G, B) and averages.
 */
function bestPlacement(
  grey: Float32Array,
  width: number,
  height: number,
  templates: Float32Array[],
  tw: number,
  th: number,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
  imageChannels?: Float32Array[],
): { x: number; y: number; score: number } | undefined {
  if (x1 < x0 || y1 < y0 || tw > width || th > height) return undefined;
  const planes = templates.length === 1 ? [grey] : (imageChannels ?? [grey]);
  const sums = planes.map((plane) => integral(plane, width, height));
  const n = tw * th;
  let best: { x: number; y: number; score: number } | undefined;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      let total = 0;
      let used = 0;
      for (let c = 0; c < templates.length; c++) {
        const t = templates[c] as Float32Array;
        const plane = planes[c] as Float32Array;
        const [s, s2] = sums[c] as [Float64Array, Float64Array];
        const sum = box(s, width, x, y, tw, th);
        const variance = box(s2, width, x, y, tw, th) - (sum * sum) / n;
        if (variance <= 1e-6 * n) continue;
        let dot = 0;
        for (let j = 0; j < th; j++) {
          const row = (y + j) * width + x;
          const trow = j * tw;
          for (let i = 0; i < tw; i++) dot += (t[trow + i] as number) * (plane[row + i] as number);
        }
        total += dot / Math.sqrt(variance);
        used += 1;
      }
      if (used === 0) continue;
      const score = total / templates.length;
      if (!best || score > best.score) best = { x, y, score };
    }
  }
  return best;
}

function integral(plane: Float32Array, width: number, height: number): [Float64Array, Float64Array] {
  const w = width + 1;
  const s = new Float64Array(w * (height + 1));
  const s2 = new Float64Array(w * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    let row2 = 0;
    for (let x = 0; x < width; x++) {
      const v = plane[y * width + x] as number;
      row += v;
      row2 += v * v;
      s[(y + 1) * w + x + 1] = (s[y * w + x + 1] as number) + row;
      s2[(y + 1) * w + x + 1] = (s2[y * w + x + 1] as number) + row2;
    }
  }
  return [s, s2];
}

function box(s: Float64Array, width: number, x: number, y: number, tw: number, th: number): number {
  const w = width + 1;
  return (s[(y + th) * w + x + tw] as number) - (s[y * w + x + tw] as number) - (s[(y + th) * w + x] as number) + (s[y * w + x] as number);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
