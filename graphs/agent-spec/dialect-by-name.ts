import type { Dialect } from "../../src/dialects/dialect.js";
import { deepeyesDialect } from "../../src/dialects/presets/deepeyes-dialect.js";
import { miniO3Dialect } from "../../src/dialects/presets/mini-o3-dialect.js";
import { mmsearchR1Dialect } from "../../src/dialects/presets/mmsearch-r1-dialect.js";
import { nativeDialect } from "../../src/dialects/native-dialect.js";
import { r1v4Dialect } from "../../src/dialects/r1v4-dialect.js";
import { hostedR1V4Dialect } from "../../src/dialects/hosted-r1v4-dialect.js";
import { thymeDialect } from "../../src/dialects/presets/thyme-dialect.js";
import { webwatcherDialect } from "../../src/dialects/presets/webwatcher-dialect.js";
import { InterleafError } from "../../src/errors/index.js";

/**
 * The dialects known by name (in an {@link AgentSpec}, on the command line), each with its defaults.
 *
 * @example
 * ```ts
 * import { DIALECTS_BY_NAME } from "interleaf/graphs";
 *
 * console.log(Object.keys(DIALECTS_BY_NAME).includes("thyme")); // true
 * ```
 */
export const DIALECTS_BY_NAME: Readonly<Record<string, () => Dialect>> = {
  r1v4: () => r1v4Dialect(),
  native: () => nativeDialect(),
  deepeyes: () => deepeyesDialect(),
  webwatcher: () => webwatcherDialect(),
  "mini-o3": () => miniO3Dialect(),
  thyme: () => thymeDialect(),
  "mmsearch-r1": () => mmsearchR1Dialect(),
  "hosted-r1v4": () => hostedR1V4Dialect(),
};

/**
 * The dialect of that name, with its defaults; an unknown name is `invalid_argument`.
 *
 * @example
 * ```ts
 * import { dialectByName } from "interleaf/graphs";
 *
 * console.log(dialectByName("r1v4").name); // "r1v4"
 * ```
 */
export function dialectByName(name: string): Dialect {
  const make = Object.hasOwn(DIALECTS_BY_NAME, name) ? DIALECTS_BY_NAME[name] : undefined;
  if (!make) throw new InterleafError("invalid_argument", `unknown dialect "${name}"; known: ${Object.keys(DIALECTS_BY_NAME).join(", ")}`);
  return make();
}
