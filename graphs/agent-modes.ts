/** R1V4's modes, in the order the CLI lists them: visual tools only, or visual tools and search. */
export const AGENT_MODES = ["general", "deepresearch"] as const;

/**
 * One of R1V4's modes: `general` thinks with images only; `deepresearch` also searches the web
 * (or a local index) and visits pages.
 *
 * @example
 * ```ts
 * import { AGENT_MODES, type AgentMode } from "interleaf/graphs";
 *
 * const mode: AgentMode = "deepresearch";
 * console.log(AGENT_MODES.includes(mode)); // true
 * ```
 */
export type AgentMode = (typeof AGENT_MODES)[number];
