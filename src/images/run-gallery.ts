import type { TrajectoryStep } from "../state/trajectory.js";
import { ImageGallery } from "./gallery.js";
import type { ImageRef } from "./image-ref.js";

/** The images the model has seen in this state: inputs, then every produced image in order. */
export function runGallery(state: { images: readonly ImageRef[]; steps: readonly TrajectoryStep[] }): ImageGallery {
  const produced: ImageRef[] = [];
  for (const step of state.steps) for (const call of step.calls) produced.push(...call.observation.images);
  return new ImageGallery(state.images, produced);
}
