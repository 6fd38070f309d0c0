import { html, type Html } from "./html.js";
import type { ThreadView } from "./thread-view.js";
import type { ViewImageUrls } from "./view-images.js";

/**
 * The input images with every region the agent looked at drawn on them, in the input image's own
 * pixels (the overlay's viewBox), so a crop of a zoom of a rotation lands where it came from.
 */
export async function renderInputs(view: ThreadView, urls: ViewImageUrls): Promise<Html> {
  const figures = await Promise.all(
    view.inputs.map(async (ref, i) => {
      const regions = view.regions.filter((r) => r.input === i);
      const src = await urls.url(ref, "full");
      return html`<figure class="input" data-input="${i}">
  <div class="canvas">
    <img src="${src}" width="${ref.width}" height="${ref.height}" alt="${i === 0 ? "original image" : `image ${i + 1}`}">
    <svg class="overlay" viewBox="0 0 ${ref.width} ${ref.height}" preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">
      ${regions.map(
        (r) => html`<g class="region" data-step="${r.step}" data-region="${r.id}" data-image="${r.imageId}">
        <rect x="${r.box[0]}" y="${r.box[1]}" width="${r.box[2] - r.box[0]}" height="${r.box[3] - r.box[1]}" vector-effect="non-scaling-stroke"></rect>
        <title>step ${r.step} · ${r.op} → ${r.label} · [${r.box.join(", ")}]</title>
      </g>`,
      )}
    </svg>
  </div>
  <figcaption>${i === 0 ? "original image" : `image ${i + 1}`} · ${ref.width}×${ref.height} · ${regions.length === 1 ? "1 region" : `${regions.length} regions`} looked at</figcaption>
</figure>`;
    }),
  );
  return html`${figures}`;
}
