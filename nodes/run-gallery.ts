import { type AgentStateValue, type ImageRef } from "../src/index.js";
import { ImageGallery } from "../src/images/gallery.js";

/** The images the model has seen in this state: inputs, then every produced image in order. */
export function runGallery(state: Pick<AgentStateValue, "images" | "steps">): ImageGallery {
  const produced: ImageRef[] = [];
  for (const step of state.steps) for (const call of step.calls) produced.push(...call.observation.images);
  return new ImageGallery(state.images, produced);
}
