/**
 * The hosted Skywork-R1V4: the API as a model backend, the dialect that reads its one-message
 * traces into steps, the planner model, and the trace parser.
 *
 * @packageDocumentation
 * @module interleaf/skywork
 */
export { hostedR1V4Model, SKYWORK_BASE_URL, type HostedR1V4ModelOptions } from "./hosted-r1v4-model.js";
export { hostedR1V4Planner, type HostedR1V4PlannerOptions } from "./hosted-r1v4-planner.js";
export { hostedR1V4Dialect } from "../../dialects/hosted-r1v4-dialect.js";
export { parseR1V4Trace, type R1V4Trace, type TraceStep, type TraceCall } from "../../dialects/r1v4-trace.js";
export type { ExecutedTurn, ExecutedCall, TurnExtras } from "../../dialects/dialect.js";
