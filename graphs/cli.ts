#!/usr/bin/env node
import { runCli } from "../src/cli/index.js";
import { interleavedGraph } from "./interleaved/interleaved-graph.js";

process.exitCode = await runCli(process.argv.slice(2), {
  graph: () => interleavedGraph(),
  tools: async () => [],
});
