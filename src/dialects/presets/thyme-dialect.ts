import { text, type ImagePart } from "../../models/messages.js";
import type { Dialect } from "../dialect.js";
import { codeArgument } from "../text-protocol/tag-bodies.js";
import { textProtocolDialect } from "../text-protocol/text-protocol-dialect.js";
import type { PresetDialectOptions } from "./preset-options.js";
import { THYME_STOP, THYME_SYSTEM_PROMPT, THYME_USER_PROMPT } from "./thyme-prompts.js";

/** The path shown to Thyme as the input image's when none is given; its code reaches the image through `image_path`. */
const DEFAULT_IMAGE_PATH = "/mnt/data/original_image.jpg";

/**
 * The Thyme dialect, as its released VLMEvalKit loop speaks it: `REASONING_SYS_PROMPT` and the
 * question prompt with its "User Image Path" / "User Image Size" lines verbatim; generation stops
 * at `</code>` or `</answer>`; temperature 0.01, at most 2,048 new tokens. Python inside
 * `<code>```python … ```</code>` runs as the agent's `code` tool (boxes in absolute pixels);
 * results come back in `<sandbox_output>` (the saved images, or the printed text), appended to the
 * model's own message, which it then continues (`continueFinalMessage`: an OpenAI-compatible
 * server that supports vLLM's `continue_final_message`). Thyme keeps one
 * `<think>` open across its whole reply, code rounds inside it: a turn that continues it needs
 * no `<think>` of its own.
 *
 * @example
 * ```ts
 * import { thymeDialect } from "interleaf";
 *
 * console.log(thymeDialect().name); // "thyme"
 * ```
 */
export function thymeDialect(options: PresetDialectOptions = {}): Dialect {
  const shownPath = options.imageUrl ?? DEFAULT_IMAGE_PATH;
  return textProtocolDialect({
    name: "thyme",
    resultTag: "sandbox_output",
    toolCallTag: null,
    coordinates: "pixels",
    requireThink: options.requireThink ?? true,
    thinkSpansTurns: true,
    continueTurns: true,
    stop: [...THYME_STOP],
    sampling: { temperature: 0.01, maxTokens: 2048 },
    tags: [{ tag: "code", tool: "code", toArguments: codeArgument, format: "<code>\n```python\n# your code.\n```\n</code>" }],
    systemPrompt: () => THYME_SYSTEM_PROMPT,
    firstUserContent: (question, images) => {
      const first = images.find((part): part is ImagePart => part.type === "image");
      const size = first ? `${first.ref.width}x${first.ref.height}` : "Unable to determine (error reading image)";
      const prompt = THYME_USER_PROMPT.replace("{user_question}", question).replace("{user_image_path}", shownPath).replace("{user_image_size}", size);
      return [...images, text(prompt)];
    },
    observationContent: ({ texts, images }) => [text("<sandbox_output>"), ...(images.length > 0 ? images : [text(texts.join("\n"))]), text("</sandbox_output>")],
  });
}
