import { createHash } from "node:crypto";

/** The id of an image: the sha256 of its encoded bytes, as 64 lowercase hex characters. */
export function contentId(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
