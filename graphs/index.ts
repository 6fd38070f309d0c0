export { interleavedGraph, type InterleavedGraphOptions, type AgentNode } from "./interleaved/interleaved-graph.js";
