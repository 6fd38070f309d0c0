import type { ImageRef } from "../images/image-ref.js";
import { originBox } from "../images/origin-box.js";
import { html, type Html } from "./html.js";
import type { ViewImageUrls } from "./view-images.js";

/** A produced image as a thumbnail that opens full size, with its name, size and box in the original. */
export async function renderThumbnail(ref: ImageRef, label: string, urls: ViewImageUrls): Promise<Html> {
  const [thumb, full] = await Promise.all([urls.url(ref, "thumb"), urls.url(ref, "full")]);
  const box = ref.parent === undefined ? undefined : originBox(ref);
  const caption = `${label} · ${ref.width}×${ref.height}${ref.op ? ` · ${ref.op.name}` : ""}${box ? ` · [${box.join(", ")}] in original` : ""}`;
  return html`<figure class="produced">
  <button type="button" class="thumb" data-full="${full}" data-caption="${caption}" data-image="${ref.id}"><img src="${thumb}" alt="${label}"></button>
  <figcaption>${caption}</figcaption>
</figure>`;
}
