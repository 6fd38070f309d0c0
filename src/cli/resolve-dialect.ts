import type { Dialect } from "../dialects/dialect.js";
import { deepeyesDialect } from "../dialects/presets/deepeyes-dialect.js";
import { miniO3Dialect } from "../dialects/presets/mini-o3-dialect.js";
import { mmsearchR1Dialect } from "../dialects/presets/mmsearch-r1-dialect.js";
import { nativeDialect } from "../dialects/native-dialect.js";
import { r1v4Dialect } from "../dialects/r1v4-dialect.js";
import { thymeDialect } from "../dialects/presets/thyme-dialect.js";
import { webwatcherDialect } from "../dialects/presets/webwatcher-dialect.js";
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
