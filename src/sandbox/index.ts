export type {
  CodeSandbox,
  CropAdjustment,
  SandboxImage,
  SandboxInput,
  SandboxRequest,
  SandboxResult,
  SandboxStatus,
} from "./code-sandbox.js";
export { DEFAULT_SANDBOX_LIMITS, resolveSandboxLimits, type SandboxLimits } from "./sandbox-limits.js";
export { createLocalSandbox, type LocalSandboxOptions } from "./local-sandbox.js";
export { BUBBLEWRAP_LAYOUT } from "./bubblewrap-command.js";
export { SANDBOX_PACKAGES } from "./sandbox-requirements.js";
