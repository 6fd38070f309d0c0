import type { Dialect } from "../dialect.js";
import { jsonObjectArgument } from "../text-protocol/tag-bodies.js";
import { textProtocolDialect } from "../text-protocol/text-protocol-dialect.js";
import type { PresetDialectOptions } from "./preset-options.js";

/**
 * The Mini-o3 dialect: `<grounding>{"bbox_2d": [x0, y0, x1, y1], "source": "original_image" |
 * "observation_i"}</grounding>` with coordinates normalised to 0–1, run as the agent's `zoom`
 * tool on the named image; produced images come back as "Observation N".
 *
 * @example
 * ```ts
 * import { miniO3Dialect } from "interleaf";
 *
 * console.log(miniO3Dialect().coordinates); // "normalized"
 * ```
 */
export function miniO3Dialect(options: PresetDialectOptions = {}): Dialect {
  return textProtocolDialect({
    name: "mini-o3",
    resultTag: "",
    toolCallTag: null,
    coordinates: "normalized",
    requireThink: options.requireThink ?? true,
    stop: ["</grounding>"],
    renderImageLabel: (label) => label.replace(/^observation\b/, "Observation"),
    tags: [
      {
        tag: "grounding",
        tool: "zoom",
        toArguments: (body) => {
          const parsed = jsonObjectArgument(body);
          if (!parsed.ok) return parsed;
          const { bbox_2d, source } = parsed.value;
          if (bbox_2d === undefined) return { ok: false, problem: 'the JSON needs "bbox_2d": [x0, y0, x1, y1] with values from 0 to 1' };
          return { ok: true, value: { bbox_2d, image: typeof source === "string" && source.trim() !== "" ? source : "original image" } };
        },
        format: '<grounding>{"bbox_2d": [0.25, 0.1, 0.6, 0.45], "source": "original_image"}</grounding>',
        description: 'Zooms in on a region of an image: "bbox_2d" as fractions 0–1 of the width and height, "source" is "original_image" or "observation_i".',
      },
    ],
    intro: "You are a visual search assistant. Look for small details by zooming into regions of the image, several times if needed, then answer.",
  });
}
