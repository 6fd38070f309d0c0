import type { Dialect } from "../src/dialects/dialect.js";
import { deepeyesDialect, miniO3Dialect, mmsearchR1Dialect, nativeDialect, r1v4Dialect, thymeDialect, webwatcherDialect } from "../src/dialects/index.js";
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
