export { planAndExecuteGraph, type PlanAndExecuteOptions } from "./plan-and-execute-graph.js";
export { planConsistencyOf } from "./plan-consistency-of.js";
