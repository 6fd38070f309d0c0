// Threads the viewer tests open: the demo through the CLI, and small scripted runs with real
// tools (sharp for the image operations, a scripted search backend) in the same SQLite file.
import { fileURLToPath } from "node:url";
import type { CliIo } from "../../cli/cli-io.js";
import { EXIT } from "../../cli/exit-codes.js";
import { runCli } from "../../cli/run-cli.js";
import { defaultTools } from "../../graphs/default-tools.js";
import { interleavedGraph } from "../../graphs/interleaved/interleaved-graph.js";
import { textSearchTool } from "../../nodes/search/text-search-tool.js";
import { r1v4Dialect } from "../../src/dialects/r1v4-dialect.js";
import { Agent } from "../../src/executor/agent.js";
import { openStorage } from "../../src/storage/open-storage.js";
import type { Storage } from "../../src/storage/storage.js";
import { scriptedModel, type ScriptedTurn } from "../../src/testing/scripted-model.js";
import { scriptedSearch } from "../../src/testing/scripted-search.js";

/** The demo's photo (1500×1000). */
export const PHOTO = fileURLToPath(new URL("../../cli/demo/assets/palace_of_sports.jpg", import.meta.url));

/** A CLI io that collects what the commands print. */
export function cliIo(cwd: string, interrupt?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, cwd, tty: { out: false, err: false }, ...(interrupt ? { interrupt } : {}) };
  return { io, out: () => out.join(""), err: () => err.join("") };
}

/** Runs `interleaf demo` on the database and returns its thread id. */
export async function runDemo(db: string, cwd: string): Promise<string> {
  const t = cliIo(cwd);
  const code = await runCli(["demo", "--db", db], t.io);
  if (code !== EXIT.ok) throw new Error(`demo failed: ${t.err()}`);
  const id = /Starting thread ([0-9a-f-]{36})/.exec(t.out())?.[1];
  if (!id) throw new Error("the demo printed no thread id");
  return id;
}

/** A model turn with one tool call, in R1V4's text protocol. */
export const toolTurn = (thought: string, name: string, args: object): string => `<think>${thought}</think>\n<tool_call>${JSON.stringify({ name, arguments: args })}</tool_call>`;

/** Runs a scripted agent with the visual tools and a scripted text search on the photo; returns the thread id. */
export async function runScripted(storage: Storage, turns: readonly ScriptedTurn[], threadId: string, question = "What is by the entrance?"): Promise<string> {
  const search = scriptedSearch(() => [
    { title: '<img src=x onerror="window.__pwned=3">Evil page', url: "javascript:window.__pwned=4", snippet: "<script>window.__pwned=5</script>" },
    { title: "Palace of Sports", url: "https://en.wikipedia.org/wiki/Palace_of_Sports_(Minsk)", snippet: "An arena in Minsk." },
  ]);
  const tools = [...defaultTools({ mode: "general" }), textSearchTool({ backend: search })];
  const agent = new Agent({ graph: interleavedGraph(), model: scriptedModel(turns), dialect: r1v4Dialect(), tools, storage });
  await agent.run({ question, images: [PHOTO] }, { threadId });
  return threadId;
}

/** Opens the SQLite file the CLI uses too. */
export function openDb(db: string): Promise<Storage> {
  return openStorage(db, "/");
}
