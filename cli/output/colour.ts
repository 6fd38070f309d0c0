import type { CliIo } from "../cli-io.js";

/** Styles for one stream: ANSI colour on a terminal, plain text otherwise. */
export interface Palette {
  green(text: string): string;
  red(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const style = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const COLOURED: Palette = { green: style(32, 39), red: style(31, 39), dim: style(2, 22), bold: style(1, 22) };
const PLAIN: Palette = { green: (t) => t, red: (t) => t, dim: (t) => t, bold: (t) => t };

/**
 * Whether a stream gets colour: only a terminal, never when `NO_COLOR` is set to anything
 * (https://no-color.org) or `TERM=dumb`.
 */
export function usesColour(io: CliIo, stream: "out" | "err"): boolean {
  return io.tty[stream] && !io.env.NO_COLOR && io.env.TERM !== "dumb";
}

/** The palette of a stream (see {@link usesColour}). */
export function paletteFor(io: CliIo, stream: "out" | "err"): Palette {
  return usesColour(io, stream) ? COLOURED : PLAIN;
}
