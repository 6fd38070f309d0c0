import { resolve } from "node:path";
import { EXIT, UsageError } from "../cli-error.js";
import type { CliIo } from "../cli-io.js";
import { COMMON_OPTIONS, parseCommandLine } from "../parse-command-line.js";
import { buildLocalIndex, defaultIndexDir } from "../../search/local-index.js";
import { DEFAULT_SQLITE_PATH } from "../../storage/storage-spec.js";

/**
 * `interleaf index <folder> [--images <dir>] [--captions <file>] [--out <dir>]`: builds the
 * offline search index (documents for `text_search` and `web_visit`, captioned images for
 * `image_search`) beside the checkpoint database, where `--search local` finds it.
 */
export async function indexCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { ...COMMON_OPTIONS, out: { type: "string" }, images: { type: "string" }, captions: { type: "string" } });
  const [folder] = positionals;
  if (!folder) throw new UsageError("index needs a folder of documents: interleaf index <folder>");
  const out = values.out ? resolve(io.cwd, values.out) : defaultIndexDir(resolve(io.cwd, values.db ?? DEFAULT_SQLITE_PATH));
  const summary = await buildLocalIndex(resolve(io.cwd, folder), {
    out,
    ...(values.images ? { images: resolve(io.cwd, values.images) } : {}),
    ...(values.captions ? { captions: resolve(io.cwd, values.captions) } : {}),
  });
  if (values.json) io.out(`${JSON.stringify(summary, null, 2)}\n`);
  else io.out(`Indexed ${summary.documents} document(s) and ${summary.images} image(s) into ${summary.out}\nUse it with: interleaf run <image> "<question>" --mode deepresearch --search local:${summary.out}\n`);
  return EXIT.ok;
}
