export { runCli } from "./run-cli.js";
export { EXIT, UsageError } from "./cli-error.js";
export type { CliEnvironment, CliCommand, ToolChoice, AgentMode } from "./cli-environment.js";
export { processIo, type CliIo } from "./cli-io.js";
export { RunConfigSchema, loadRunConfig, saveRunConfig, type RunConfig } from "./run-config.js";
export { describeImage, originBox } from "./format-image.js";
export { printRun } from "./print-run.js";
