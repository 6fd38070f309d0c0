import { resolve } from "node:path";
import { Command, Option } from "@commander-js/extra-typings";
import { buildLocalIndex } from "../../src/search/local-index.js";
import { cliIndexDir } from "../cli-storage.js";
import type { CommandContext } from "../command-context.js";
import { EXIT } from "../exit-codes.js";
import { computedDefault, dbOption, jsonOption } from "../options.js";
import { plural } from "../../src/util/plural.js";
import { progressLine } from "../output/progress-line.js";

/**
 * `interleaf index <folder>`: builds the offline search index (documents for `text_search` and
 * `web_visit`, captioned images for `image_search`) beside the database, where `run --mode
 * deepresearch` finds it.
 */
export function indexCommand(context: CommandContext) {
  return new Command("index")
    .description("build the offline search index of a folder of documents and captioned images")
    .argument("<folder>", "documents (markdown, text, HTML, JSON lines) and images")
    .addOption(new Option("--images <dir>", "another folder of images to index"))
    .addOption(computedDefault(new Option("--captions <file>", "captions of the images (JSON lines or a JSON object)"), "captions.jsonl or captions.json in the folder"))
    .addOption(computedDefault(new Option("--out <dir>", "where to write the index"), "the index folder beside the database"))
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (folder, options) => {
      const { io } = context;
      const out = options.out ? resolve(io.cwd, options.out) : cliIndexDir(options.db, io);
      const progress = progressLine(io);
      progress.show(`indexing ${folder}`);
      const summary = await buildLocalIndex(resolve(io.cwd, folder), {
        out,
        ...(options.images ? { images: resolve(io.cwd, options.images) } : {}),
        ...(options.captions ? { captions: resolve(io.cwd, options.captions) } : {}),
      }).finally(() => progress.clear());
      if (options.json) io.out(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        io.out(`Indexed ${plural(summary.documents, "document")} and ${plural(summary.images, "image")} into ${summary.out}\n`);
        io.out(`Use it with: interleaf run <image> "<question>" --mode deepresearch${options.out ? ` --search local:${summary.out}` : options.db ? ` --db ${options.db}` : ""}\n`);
      }
      context.exit(EXIT.ok);
    });
}
