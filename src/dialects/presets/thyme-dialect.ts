import type { Dialect } from "../dialect.js";
import { codeArgument } from "../text-protocol/tag-bodies.js";
import { textProtocolDialect } from "../text-protocol/text-protocol-dialect.js";
import type { PresetDialectOptions } from "./preset-options.js";

/**
 * The Thyme dialect: Python inside `<code>```python … ```</code>`, run as the agent's `code`
 * tool, boxes in absolute pixels of the original image; results in `<sandbox_output>`.
 *
 * @example
 * ```ts
 * import { thymeDialect } from "interleaf";
 *
 * console.log(thymeDialect().name); // "thyme"
 * ```
 */
export function thymeDialect(options: PresetDialectOptions = {}): Dialect {
  return textProtocolDialect({
    name: "thyme",
    resultTag: "sandbox_output",
    toolCallTag: null,
    coordinates: "pixels",
    requireThink: options.requireThink ?? true,
    stop: ["</code>"],
    tags: [
      {
        tag: "code",
        tool: "code",
        toArguments: codeArgument,
        format: "<code>\n```python\n# the image's path is in image_path; save results under /mnt/data/temp_processed_images/ and print the path\n```\n</code>",
        description: "Runs Python code on the image (crop, zoom, rotate, enhance contrast, measure) and returns its output and saved images.",
      },
    ],
    intro: "You are an assistant that thinks with images by writing Python code. Process the image with code when it helps, then answer.",
  });
}
