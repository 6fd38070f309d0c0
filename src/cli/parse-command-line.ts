import { parseArgs } from "node:util";
import { UsageError } from "./cli-error.js";

/** An option of a command: a string or a flag, with an optional default. */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  default?: string | boolean;
}

/** The values of parsed options: flags are booleans; strings with a default are always set. */
export type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K] extends { type: "boolean" } ? boolean : O[K] extends { default: string } ? string : string | undefined;
};

/** Options every command takes. */
export const COMMON_OPTIONS = {
  db: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const satisfies Record<string, OptionSpec>;

/** Parses a command's arguments strictly; unknown options are usage errors. */
export function parseCommandLine<O extends Record<string, OptionSpec>>(argv: string[], options: O): { values: OptionValues<O>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: parsed.values as unknown as OptionValues<O>, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A whole number option, or a usage error. */
export function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} takes a positive whole number, got "${value}"`);
  return n;
}
