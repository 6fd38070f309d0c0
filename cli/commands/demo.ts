import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command } from "@commander-js/extra-typings";
import { defaultTools } from "../../graphs/default-tools.js";
import { interleavedGraph } from "../../graphs/interleaved/interleaved-graph.js";
import { r1v4Dialect } from "../../src/dialects/r1v4-dialect.js";
import { InterleafError } from "../../src/errors/index.js";
import { Agent } from "../../src/executor/agent.js";
import { searchSetupFromSpec } from "../../src/search/index.js";
import { buildLocalIndex } from "../../src/search/local-index.js";
import { scriptedModel } from "../../src/testing/scripted-model.js";
import { demoIndexDir, withCliStorage } from "../cli-storage.js";
import type { CommandContext } from "../command-context.js";
import { DEMO_QUESTION, DEMO_TURNS } from "../demo/demo-script.js";
import { dbOption, jsonOption } from "../options.js";
import { plural } from "../../src/util/plural.js";
import { printRun } from "../output/print-run.js";

/** The demo's bundled files: in `cli/demo/` in the sources, copied to `dist/cli/demo/` by the build. */
function demoFile(name: string): string {
  const path = fileURLToPath(new URL(`../demo/${name}`, import.meta.url));
  if (!existsSync(path)) throw new InterleafError("config_invalid", `the demo's ${name} is missing at ${path}; reinstall interleaf (or run npm run build in a clone)`);
  return path;
}

/**
 * `interleaf demo`: the interleaved agent, offline, on a bundled real photo. The image
 * operations, the local search index and the checkpoints are real; the model is a scripted
 * sequence of turns shipped with interleaf, and the output says so. The demo's index has its own
 * folder (`demo-index`), so it never overwrites the user's.
 */
export function demoCommand(context: CommandContext) {
  return new Command("demo")
    .description("run the interleaved agent offline on a bundled photo (scripted model, real tools)")
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (options) => {
      const { io } = context;
      const photo = demoFile("assets/palace_of_sports.jpg");
      if (!options.json) {
        io.out(
          "interleaf demo: offline, nothing leaves this machine.\n" +
            `The model is a SCRIPTED sequence of ${DEMO_TURNS.length} turns shipped with interleaf (no model is called).\n` +
            "The image operations (sharp), the local search index (MiniSearch and perceptual hashes) and the checkpoints are real.\n\n" +
            `Photo: ${photo}\nQuestion: ${DEMO_QUESTION}\n`,
        );
      }
      const index = await buildLocalIndex(demoFile("corpus"), { out: demoIndexDir(options.db, io), images: demoFile("assets") });
      if (!options.json) io.out(`Indexed ${plural(index.documents, "document")} and ${plural(index.images, "image")} into ${index.out}\n`);
      await withCliStorage(options.db, io, async (storage) => {
        const model = scriptedModel(DEMO_TURNS, { modelId: "interleaf-demo-script" });
        const search = await searchSetupFromSpec(`local:${index.out}`);
        const agent = new Agent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: defaultTools({ mode: "deepresearch", search }), storage });
        const threadId = randomUUID();
        const events = agent.stream({ question: DEMO_QUESTION, images: [photo] }, { threadId, ...(io.interrupt ? { signal: io.interrupt } : {}) });
        const code = await printRun(events, io, { json: options.json, db: options.db });
        if (!options.json) {
          const db = options.db ? ` --db ${options.db}` : "";
          io.out(`\nCheckpoints in ${storage.location}. Inspect the thread:\n  npx interleaf trajectory ${threadId}${db} --images .interleaf/demo-images\n  npx interleaf history ${threadId}${db}\n`);
        }
        context.exit(code);
      });
    });
}

