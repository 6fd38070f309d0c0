import { text } from "../../models/messages.js";
import type { Dialect } from "../dialect.js";
import { parsePythonLiteral } from "../python-literal.js";
import { textProtocolDialect } from "../text-protocol/text-protocol-dialect.js";
import { MINI_O3_ERROR_PROMPT, MINI_O3_SYSTEM_PROMPT, MINI_O3_TURN_AFTER_IMAGE, MINI_O3_TURN_BEFORE_IMAGE } from "./mini-o3-prompts.js";
import type { PresetDialectOptions } from "./preset-options.js";

/**
 * The Mini-o3 dialect, as its released rollout speaks it: `TOOL_CROP_SYSTEM_PROMPT` verbatim, the
 * question after its image, each crop sent back as "After the above Action N, here is the the
 * zoom-in image (Observation N+1): <image>. Continue your reasoning …" (its wording, typo
 * included), errors as "ERROR occurs during grounding. …"; stop at `</grounding>`, temperature 0.
 * `<grounding>{"bbox_2d": [x0, y0, x1, y1], "source": "original_image" | "observation_i"}</grounding>`
 * (coordinates 0–1; the source in single or double quotes, as the loop's pattern allows) runs as
 * the agent's `zoom` tool on the named image.
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
    sampling: { temperature: 0 },
    renderImageLabel: (label) => label.replace(/^observation\b/, "Observation"),
    tags: [
      {
        tag: "grounding",
        tool: "zoom",
        toArguments: (body) => {
          const parsed = parsePythonLiteral(body);
          if (!parsed.ok) return parsed;
          const value = parsed.value;
          if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, problem: "the tag must hold a JSON object" };
          const { bbox_2d, source } = value as Record<string, unknown>;
          if (bbox_2d === undefined) return { ok: false, problem: 'the JSON needs "bbox_2d": [x0, y0, x1, y1] with values from 0 to 1' };
          return { ok: true, value: { bbox_2d, image: typeof source === "string" && source.trim() !== "" ? source : "original image" } };
        },
        format: '<grounding>{"bbox_2d": [x0, y0, x1, y1], "source": "original_image"}</grounding>',
      },
    ],
    systemPrompt: () => MINI_O3_SYSTEM_PROMPT,
    firstUserContent: (question, images) => [...images, text(`\n${question}`)],
    observationContent: ({ step, round, texts, images }) => {
      const failed = step.calls.findIndex((call) => call.observation.error !== undefined || call.observation.images.length === 0);
      if (failed >= 0) return [text(`ERROR occurs during grounding. Error Information: ${texts[failed] ?? ""}.\n${MINI_O3_ERROR_PROMPT}`)];
      const before = MINI_O3_TURN_BEFORE_IMAGE.replace("{action_turn}", String(round - 1)).replace("{observation_turn}", String(round));
      return [text(before), ...images, text(MINI_O3_TURN_AFTER_IMAGE)];
    },
  });
}
