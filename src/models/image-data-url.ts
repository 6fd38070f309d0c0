import { InterleafError } from "../errors/index.js";
import type { ImagePart } from "./messages.js";

/** The bytes of an image part as a base64 data URL; throws when the executor has not filled them in. */
export function imageDataUrl(part: ImagePart): string {
  if (!part.data) {
    throw new InterleafError(
      "invalid_argument",
      `an image part (${part.label ?? part.ref.id.slice(0, 12)}) reached the model backend without bytes; the executor fills them in before each call, so when calling a backend directly set \`data\` and \`mime\` on every image part`,
      { details: { imageId: part.ref.id } },
    );
  }
  return `data:${part.mime ?? part.ref.mime};base64,${Buffer.from(part.data).toString("base64")}`;
}
