/**
 * Running model-written Python: the {@link CodeSandbox} interface and the local sandbox that runs
 * it under bubblewrap with limits.
 *
 * @packageDocumentation
 * @module interleaf/sandbox
 */
export type {
  CodeSandbox,
  CropAdjustment,
  SandboxImage,
  SandboxInput,
  SandboxRequest,
  SandboxResult,
  SandboxStatus,
} from "./code-sandbox.js";
export { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from "./sandbox-limits.js";
export { createLocalSandbox, type LocalSandboxOptions } from "./local-sandbox.js";
export { SANDBOX_PACKAGES } from "./sandbox-requirements.js";
export { SandboxMemoryBudget, DEFAULT_SANDBOX_MEMORY_BUDGET_BYTES, sandboxFootprint } from "./sandbox-memory-budget.js";
