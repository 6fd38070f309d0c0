import { text, type ContentPart } from "../../models/messages.js";
import type { Dialect } from "../dialect.js";
import { parsePythonLiteral } from "../python-literal.js";
import { textProtocolDialect } from "../text-protocol/text-protocol-dialect.js";
import { DEEPEYES_SYSTEM_PROMPT, DEEPEYES_USER_PROMPT, DEEPEYES_V5_SYSTEM_PROMPT, DEEPEYES_V5_TURN_PROMPT } from "./deepeyes-prompts.js";
import type { PresetDialectOptions } from "./preset-options.js";

/**
 * The DeepEyes dialect, as its released loop speaks it: the system prompt and format reminder
 * verbatim, the question's image before its text, each crop sent back as `<tool_response>`, image,
 * reminder, `</tool_response>`; temperature 0, at most 10,240 tokens, no stop but the end of turn.
 * Calls are `<tool_call>{"name": "image_zoom_in_tool", "arguments": {"bbox_2d": [x1, y1, x2, y2],
 * "label": "..."}}</tool_call>` in absolute pixels of the original image, read with Python
 * `eval()` semantics as the loop reads them, and run as the agent's `zoom` tool; as in the loop,
 * only a turn's first call runs. `loop: "v5"` reproduces the V5 training environment instead
 * (its first three calls run).
 *
 * @example
 * ```ts
 * import { deepeyesDialect } from "interleaf";
 *
 * console.log(deepeyesDialect().coordinates); // "pixels"
 * ```
 */
export function deepeyesDialect(options: PresetDialectOptions = {}): Dialect {
  const v5 = options.loop === "v5";
  const reminder = v5 ? DEEPEYES_V5_TURN_PROMPT : DEEPEYES_USER_PROMPT;
  // The eval loop runs the first call of a turn; the V5 environment the first three (`max_action_per_turn`).
  return textProtocolDialect({
    name: "deepeyes",
    actionsPerTurn: v5 ? 3 : 1,
    resultTag: "tool_response",
    toolCallTag: "tool_call",
    coordinates: "pixels",
    requireThink: options.requireThink ?? true,
    stop: ["<|im_end|>"],
    sampling: { temperature: 0, maxTokens: 10240 },
    readCallBody: parsePythonLiteral,
    aliases: [
      {
        name: "image_zoom_in_tool",
        tool: "zoom",
        mapArguments: ({ bbox_2d, label, image }) => ({ bbox_2d, ...(label === undefined ? {} : { label }), ...(image === undefined ? {} : { image }) }),
      },
    ],
    systemPrompt: () => (v5 ? DEEPEYES_V5_SYSTEM_PROMPT : DEEPEYES_SYSTEM_PROMPT),
    firstUserContent: (question, images) => [...images, text(`${question}${reminder}`)],
    observationContent: ({ step, texts, images }) => {
      // Errors have no image: the loop then shows the error text (`Error: ...`).
      const errors = texts.filter((_body, i) => step.calls[i]?.observation.error !== undefined).map((body) => text(body));
      if (v5) {
        const parts: ContentPart[] = images.flatMap((image) => [text("<tool_response>\n"), image, text("\n</tool_response>\n")]);
        return [...parts, ...errors, text(reminder)];
      }
      return [text("<tool_response>"), ...images, ...errors, text(reminder), text("</tool_response>")];
    },
  });
}
