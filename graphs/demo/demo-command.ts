import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { Agent, openStorage, r1v4Dialect } from "../../src/index.js";
import { COMMON_OPTIONS, parseCommandLine } from "../../src/cli/parse-command-line.js";
import { DEFAULT_SQLITE_PATH } from "../../src/storage/storage-spec.js";
import { EXIT } from "../../src/cli/cli-error.js";
import { buildLocalIndex, defaultIndexDir } from "../../src/search/local-index.js";
import { printRun } from "../../src/cli/print-run.js";
import { searchSetupFromSpec } from "../../src/search/search-spec.js";
import { type CliIo } from "../../src/cli/cli-io.js";
import { scriptedModel } from "../../src/testing/scripted-model.js";
import { defaultTools } from "../default-tools.js";
import { interleavedGraph } from "../interleaved/interleaved-graph.js";
import { DEMO_QUESTION, DEMO_TURNS } from "./demo-script.js";

/** The demo's bundled files: next to this module in the sources, copied beside it by the build. */
function demoFile(name: string): string {
  const path = fileURLToPath(new URL(name, import.meta.url));
  if (!existsSync(path)) throw new Error(`the demo's ${name} is missing at ${path}; reinstall interleaf`);
  return path;
}

/**
 * `interleaf demo`: the interleaved agent, offline, on a bundled real photo. The image
 * operations, the local search index and the SQLite checkpoints are real; the model is a
 * scripted sequence of turns shipped with interleaf, and the output says so.
 */
export async function demoCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(argv, COMMON_OPTIONS);
  const photo = demoFile("./assets/palace_of_sports.jpg");
  const dbPath = resolve(io.cwd, values.db ?? DEFAULT_SQLITE_PATH);
  if (!values.json) {
    io.out(
      "interleaf demo: offline, nothing leaves this machine.\n" +
        `The model is a SCRIPTED sequence of ${DEMO_TURNS.length} turns shipped with interleaf (no model is called).\n` +
        "The image operations (sharp), the local search index (MiniSearch and perceptual hashes) and the SQLite checkpoints are real.\n\n" +
        `Photo: ${photo}\nQuestion: ${DEMO_QUESTION}\n`,
    );
  }
  const index = await buildLocalIndex(demoFile("./corpus"), { out: defaultIndexDir(dbPath), images: demoFile("./assets") });
  if (!values.json) io.out(`Indexed ${index.documents} document(s) and ${index.images} image(s) into ${index.out}\n`);
  const storage = await openStorage(dbPath);
  try {
    const model = scriptedModel(DEMO_TURNS, { modelId: "interleaf-demo-script" });
    const search = await searchSetupFromSpec(`local:${index.out}`);
    const agent = new Agent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: defaultTools({ mode: "deepresearch", search }), storage });
    const events = agent.stream({ question: DEMO_QUESTION, images: [photo] });
    const first = await events.next();
    if (first.done) return EXIT.noAnswer;
    const threadId = first.value.type === "run_started" ? first.value.threadId : "";
    if (!values.json) io.out(`Starting thread ${threadId} (checkpoints in ${storage.location})\n`);
    const code = await printRun(events, io, values.json);
    if (!values.json) {
      io.out(`\nInspect it: npx interleaf trajectory ${threadId} --images .interleaf/demo-images\n           npx interleaf history ${threadId}\n`);
    }
    return code;
  } finally {
    await storage.close();
  }
}
