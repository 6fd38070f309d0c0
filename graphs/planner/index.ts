export { plannerGraph, type PlannerGraphOptions } from "./planner-graph.js";
