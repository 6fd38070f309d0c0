import type { Dialect } from "../dialect.js";
import { textProtocolDialect } from "../text-protocol/text-protocol-dialect.js";
import type { PresetDialectOptions } from "./preset-options.js";

/**
 * The DeepEyes dialect: `<tool_call>{"name": "image_zoom_in_tool", "arguments": {"bbox_2d":
 * [x1, y1, x2, y2], "label": "..."}}</tool_call>` in absolute pixels of the original image, run as
 * the agent's `zoom` tool (`bbox_2d`, the `label` it echoes, and `image` when given); results in
 * `<tool_response>`.
 *
 * @example
 * ```ts
 * import { deepeyesDialect } from "interleaf";
 *
 * console.log(deepeyesDialect().coordinates); // "pixels"
 * ```
 */
export function deepeyesDialect(options: PresetDialectOptions = {}): Dialect {
  return textProtocolDialect({
    name: "deepeyes",
    resultTag: "tool_response",
    toolCallTag: "tool_call",
    coordinates: "pixels",
    requireThink: options.requireThink ?? true,
    aliases: [
      {
        name: "image_zoom_in_tool",
        tool: "zoom",
        mapArguments: ({ bbox_2d, label, image }) => ({ bbox_2d, ...(label === undefined ? {} : { label }), ...(image === undefined ? {} : { image }) }),
        description: "Zoom in on a region of the image: crops the box `bbox_2d` and returns it enlarged. `label` names what is in the box.",
        example: { bbox_2d: [120, 40, 360, 200], label: "the street sign" },
      },
    ],
    intro:
      "You are a helpful assistant that thinks with images. When a detail is too small to see, zoom in on it with the tool, then reason about what you see.",
  });
}
