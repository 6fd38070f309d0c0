export { planAndExecuteGraph, type PlanAndExecuteOptions } from "./plan-and-execute-graph.js";
