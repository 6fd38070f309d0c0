/**
 * The steps of an agent graph, built on the runtime: model turns, tool calls, answers, plan
 * steps, and the tools themselves (visual operations, search, code).
 *
 * @packageDocumentation
 * @module interleaf/nodes
 */
export { emit } from "../src/executor/agent-events.js";
export { reasonNode } from "./reason/reason-node.js";
export { toolsNode } from "./tools/tools-node.js";
export { answerNode } from "./answer/answer-node.js";
export { createPlanNode, type PlanNodeOptions, type PlannerChoice } from "./planning/plan-node.js";
export { routeAfterReason } from "./routing.js";
export { toolNode } from "./tool-node.js";
export { agentContext, type NodeRuntime } from "./runtime.js";
export * from "./search/index.js";
export * from "./visual/index.js";
export * from "./code/index.js";
export * from "./planning/index.js";
export { approvalToolsNode, type ApprovalAnswer, type ApprovalRequest, type ApprovalToolsNodeOptions } from "./approval/approval-tools-node.js";
