export type { Dialect, DialectInput, DialectRequest, ParsedTurn } from "./dialect.js";
export { nativeDialect, type NativeDialectOptions } from "./native-dialect.js";
export { r1v4Dialect, r1v4Options, type R1V4DialectOptions } from "./r1v4-dialect.js";
export { textProtocolDialect } from "./text-protocol/text-protocol-dialect.js";
export type {
  TextProtocolOptions,
  ResolvedTextProtocolOptions,
  TextProtocolPromptContext,
  ToolAlias,
  TagAction,
} from "./text-protocol/text-protocol-options.js";
export { deepeyesDialect } from "./presets/deepeyes-dialect.js";
export { webwatcherDialect } from "./presets/webwatcher-dialect.js";
export { miniO3Dialect } from "./presets/mini-o3-dialect.js";
export { thymeDialect } from "./presets/thyme-dialect.js";
export { mmsearchR1Dialect } from "./presets/mmsearch-r1-dialect.js";
export type { PresetDialectOptions } from "./presets/preset-options.js";
export { parseR1V4Trace, type R1V4Trace, type TraceStep, type TraceCall } from "./r1v4-trace.js";
export { parseJsonLocated, type LocatedJson } from "./json-location.js";
export type { ArgumentObject } from "./tool-arguments.js";
