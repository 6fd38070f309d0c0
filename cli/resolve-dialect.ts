import type { Dialect } from "../src/dialects/dialect.js";
import { deepeyesDialect } from "../src/dialects/presets/deepeyes-dialect.js";
import { miniO3Dialect } from "../src/dialects/presets/mini-o3-dialect.js";
import { mmsearchR1Dialect } from "../src/dialects/presets/mmsearch-r1-dialect.js";
import { nativeDialect } from "../src/dialects/native-dialect.js";
import { r1v4Dialect } from "../src/dialects/r1v4-dialect.js";
import { thymeDialect } from "../src/dialects/presets/thyme-dialect.js";
import { webwatcherDialect } from "../src/dialects/presets/webwatcher-dialect.js";
import { UsageError } from "./cli-error.js";

/** Dialects the command line knows by name. */
export const DIALECTS_BY_NAME: Record<string, () => Dialect> = {
  r1v4: () => r1v4Dialect(),
  native: () => nativeDialect(),
  deepeyes: () => deepeyesDialect(),
  webwatcher: () => webwatcherDialect(),
  "mini-o3": () => miniO3Dialect(),
  thyme: () => thymeDialect(),
  "mmsearch-r1": () => mmsearchR1Dialect(),
};

/** The dialect named on the command line. */
export function resolveDialect(name: string): Dialect {
  const make = DIALECTS_BY_NAME[name];
  if (!make) throw new UsageError(`unknown dialect "${name}"; known: ${Object.keys(DIALECTS_BY_NAME).join(", ")}`);
  return make();
}
