import { z } from "zod";

/** A color argument: `#rgb`, `#rrggbb` or one of a few names. */
export const ColorSchema = z
  .string()
  .regex(/^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|red|green|blue|yellow|orange|magenta|cyan|white|black)$/, "use #rrggbb or a basic color name (red, green, blue, yellow, orange, magenta, cyan, white, black)");

const NAMED: Record<string, [number, number, number]> = {
  red: [255, 0, 0],
  green: [0, 200, 0],
  blue: [0, 90, 255],
  yellow: [255, 220, 0],
  orange: [255, 140, 0],
  magenta: [255, 0, 255],
  cyan: [0, 220, 255],
  white: [255, 255, 255],
  black: [0, 0, 0],
};

/** RGB of a color accepted by {@link ColorSchema}. */
export function rgbOf(color: string): [number, number, number] {
  const named = NAMED[color];
  if (named) return named;
  const hex = color.length === 4 ? color.slice(1).split("").map((c) => c + c).join("") : color.slice(1);
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
}

/** `#rrggbb` of an RGB triple. */
export function hexOf(rgb: readonly number[]): string {
  return `#${rgb.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

/** Distinct colors for boxes drawn in turn. */
export const PALETTE = ["#ff2d2d", "#00c853", "#2979ff", "#ffd600", "#ff6d00", "#d500f9", "#00e5ff", "#ffffff"] as const;
