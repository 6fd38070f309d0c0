// The interleaved run the committed cassette test/cassettes/interleaved-photo holds: crop, zoom and
// text search on a real photo (vending_machine.jpg, the Palace of Sports in Minsk with a red drink
// machine at its door), answered by an R1V4-style model served over HTTP.
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createGraphAgent, openAICompatibleModel, r1v4Dialect, type Storage, type AnyTool, type ModelBackend } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import type { Cassette } from "interleaf/testing";
import { visualTools } from "../../nodes/visual/index.js";
import { textSearchTool } from "../../nodes/search/index.js";
import { buildLocalIndex, openLocalIndex, type SearchBackend } from "../../src/search/index.js";
import { completion, startChatServer, type ChatServer } from "../models/chat-server.js";

export const PHOTO = fileURLToPath(new URL("../fixtures/images/vending_machine.jpg", import.meta.url));
export const CASSETTES = fileURLToPath(new URL("../cassettes", import.meta.url));
export const CASSETTE = "interleaved-photo";
export const QUESTION = "What colour is the drink machine by the entrance of this building, and what does that colour mean on a Japanese drink machine?";
const CORPUS = fileURLToPath(new URL("../fixtures/corpus", import.meta.url));

/** What the model says, turn by turn (R1V4 text protocol; boxes in pixels of the 2250×1500 photo). */
export const TURNS = [
  '<think>The building has a small red box near the entrance, left of the blue car. I will crop that area to look at it.</think>\n<tool_call>{"name": "crop", "arguments": {"bbox_2d": [1120, 1080, 1320, 1260], "label": "drink machine"}}</tool_call>',
  '<think>The crop shows a red machine with drinks behind glass. I will zoom in on the machine itself to read its front.</think>\n<tool_call>{"name": "zoom", "arguments": {"image": "observation 1", "bbox_2d": [50, 40, 150, 170], "factor": 2}}</tool_call>',
  '<think>It is a red drink vending machine. Now I need what a red colour means on Japanese drink machines.</think>\n<tool_call>{"name": "text_search", "arguments": {"queries": ["Japanese drink vending machine red label meaning"]}}</tool_call>',
  "<think>The search says that in Japan a blue label marks a cold drink and a red label a hot one. The machine here is red.</think>\n<answer>The machine is red; on a Japanese drink machine red marks a hot drink (blue marks a cold one).</answer>",
];

/** A local chat-completions server that plays {@link TURNS} by the number of assistant turns so far. */
export async function startModelServer(turns: readonly string[] = TURNS): Promise<ChatServer> {
  return startChatServer((request) => {
    const messages = (request.body as { messages: { role: string }[] }).messages;
    const turn = messages.filter((m) => m.role === "assistant").length;
    return { json: completion(turns[turn] ?? "<think>?</think><answer>out of script</answer>", { usage: [900 + turn * 350, 60] }) };
  });
}

/** The text search over the test corpus; the index is only built when a search really runs. */
export function lazyCorpusSearch(): SearchBackend & { readonly opened: boolean } {
  let index: Promise<SearchBackend> | undefined;
  return {
    specificationVersion: "v1",
    provider: "local",
    cacheable: false,
    get opened() {
      return index !== undefined;
    },
    async search(query, options) {
      index ??= (async () => {
        const dir = await mkdtemp(join(tmpdir(), "interleaf-corpus-"));
        await buildLocalIndex(CORPUS, { out: dir });
        const opened = await openLocalIndex(dir);
        if (!opened.text) throw new Error("the corpus index has no documents");
        return opened.text;
      })();
      return (await index).search(query, options);
    },
  };
}

/** The real tools of the run: crop and zoom on sharp, text search over the local corpus. */
export function realTools(search: SearchBackend = lazyCorpusSearch()): AnyTool[] {
  return [...visualTools({ only: ["crop", "zoom"] }), textSearchTool({ backend: search })];
}

/** The live model as the recording used it; in replay the factory is never called. */
export function liveModel(baseURL: string, apiKey = "sk-interleaf-test-0000000000000000"): () => ModelBackend {
  return () => openAICompatibleModel({ baseURL, model: "skywork/r1v4-lite", apiKey, temperature: 0.2, maxRetries: 0 });
}

/** The agent of the recorded run, with the cassette's model and tools. */
export function recordedAgent(cassette: Cassette, options: { baseURL?: string; storage?: Storage; tools?: AnyTool[]; instructions?: string } = {}) {
  let clock = 1_700_000_000_000;
  return createGraphAgent({
    graph: interleavedGraph(),
    dialect: r1v4Dialect(),
    model: cassette.model(liveModel(options.baseURL ?? "http://127.0.0.1:9/v1")),
    tools: cassette.tools(options.tools ?? realTools()),
    ...(options.storage ? { storage: options.storage } : {}),
    ...(options.instructions ? { instructions: options.instructions } : {}),
    now: () => (clock += 5),
  });
}

/** Every file of a folder, recursively, as paths relative to it. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
