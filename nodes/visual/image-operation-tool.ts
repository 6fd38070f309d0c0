import type { z } from "zod";
import { InterleafError } from "../../src/errors/index.js";
import type { Box } from "../../src/images/coordinates.js";
import type { ImageEngine, ProducedRaster } from "../../src/images/image-engine.js";
import type { ImageRef } from "../../src/images/image-ref.js";
import { modelInputSize } from "../../src/images/model-input-size.js";
import { formatBox, resolvePixelBox, type ResolvedPixelBox } from "../../src/images/pixel-box.js";
import type { Raster } from "../../src/images/raster.js";
import type { Tool, ToolContext, ToolOutput } from "../../src/tools/tool.js";
import { ImageNameSchema } from "./image-argument.js";
import { describePlacement, placeInOrigin } from "./origin-placement.js";
import { resolveVisualSettings, type VisualSettings, type VisualToolOptions } from "./visual-settings.js";

/** What an operation's `apply` may use besides the pixels and its input. */
export interface ImageOperationContext {
  /** The tool call's context (store, gallery, convention, signal). */
  tool: ToolContext;
  /** The image operated on. */
  image: ImageRef;
  /** What the model calls it ("original image", "observation 2"). */
  label: string;
  /** Engine, minimum crop size, zoom floor and model sizing in effect. */
  settings: VisualSettings;
  /**
   * Converts a `bbox_2d` the model wrote about this image into whole pixels inside it: the
   * dialect's convention applied, rounded, clamped (with a note) and enlarged to `minSize`
   * (default: the minimum crop size). Empty or inverted boxes throw `invalid_argument`.
   */
  box(bbox: Box, options?: { minSize?: number }): ResolvedPixelBox;
}

/** One image an operation produced: pixels, map to the parent, and the parameters recorded. */
export interface OperationImage extends ProducedRaster {
  /** Parameters stored in the image's provenance (`op.params`), in pixels of the parent. */
  params?: Record<string, unknown>;
}

/** What `apply` returns: produced images (none for measurements), text, notes and numbers. */
export interface ImageOperationResult {
  images?: OperationImage[];
  /** One sentence saying what was done; a default is derived from the operation's name. */
  text?: string;
  /** Extra sentences (clamping, enlargement, caveats). */
  notes?: string[];
  /** Numbers for the caller (measurements), merged into the tool output's `data`. */
  data?: Record<string, unknown>;
}

/**
 * A visual operation: a name, a description, a zod object input and an `apply` working on the
 * decoded raster. `apply` returns either one {@link OperationImage} or an
 * {@link ImageOperationResult}. The `image` argument is added to the input for you.
 */
export interface ImageOperation<Shape extends z.ZodRawShape = z.ZodRawShape> {
  /** Snake-case verb, e.g. `crop`. */
  name: string;
  description: string;
  input: z.ZodObject<Shape>;
  /** Example arguments, shown in text-protocol prompts. */
  example?: Record<string, unknown>;
  apply(
    raster: Raster & { channels: 3 | 4 },
    input: z.output<z.ZodObject<Shape>>,
    context: ImageOperationContext,
  ): Promise<OperationImage | ImageOperationResult>;
}

/** The input of a tool made by {@link imageOperationTool}: the operation's plus `image`. */
export type ImageOperationInput<Shape extends z.ZodRawShape> = z.ZodObject<Shape & { image: typeof ImageNameSchema }>;

/**
 * Turns an {@link ImageOperation} into a {@link Tool}: the `image` argument is resolved through
 * the gallery, the pixels come from the engine's raster cache, every produced image is encoded
 * once, stored by hash with its provenance (parent, op, map to the origin), and the observation
 * says what was done, the produced size, the box in original-image coordinates, the token
 * estimate and any clamping. The built-in tools are made this way.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import sharp from "sharp";
 * import { imageOperationTool } from "interleaf/nodes";
 *
 * const posterize = imageOperationTool({
 *   name: "posterize",
 *   description: "Reduces each channel to a few levels.",
 *   input: z.object({ levels: z.number().int().min(2).max(64).default(4) }),
 *   async apply(raster, { levels }) {
 *     const step = 255 / (levels - 1);
 *     const data = Buffer.from(raster.data.map((v) => Math.round(Math.round(v / step) * step)));
 *     return { raster: { ...raster, data }, params: { levels } };
 *   },
 * });
 * console.log(posterize.name); // "posterize"
 * ```
 */
export function imageOperationTool<Shape extends z.ZodRawShape>(
  operation: ImageOperation<Shape>,
  options: VisualToolOptions = {},
): Tool<ImageOperationInput<Shape>> {
  const input = operation.input.extend({ image: ImageNameSchema }) as unknown as ImageOperationInput<Shape>;
  let settings: VisualSettings | undefined;
  const tool: Tool<ImageOperationInput<Shape>> = {
    name: operation.name,
    description: operation.description,
    input,
    async execute(args, context) {
      settings ??= resolveVisualSettings(options);
      return runImageOperation(operation, args as z.output<z.ZodObject<Shape>> & { image?: string | null }, context, settings);
    },
  };
  return operation.example ? { ...tool, example: operation.example } : tool;
}

async function runImageOperation<Shape extends z.ZodRawShape>(
  operation: ImageOperation<Shape>,
  args: z.output<z.ZodObject<Shape>> & { image?: string | null },
  context: ToolContext,
  settings: VisualSettings,
): Promise<ToolOutput> {
  throwIfAborted(context.signal);
  const image = context.gallery.resolve(args.image ?? undefined);
  const label = context.gallery.labelOf(image.id) ?? `image ${image.id.slice(0, 12)}`;
  const engine: ImageEngine = settings.engine;
  const raster = await engine.raster(image, context.images);
  throwIfAborted(context.signal);
  const opContext: ImageOperationContext = {
    tool: context,
    image,
    label,
    settings,
    box: (bbox, boxOptions) =>
      resolvePixelBox(context.toPixels(bbox, image), raster, { minSize: boxOptions?.minSize ?? settings.minCropSize }),
  };
  let outcome: OperationImage | ImageOperationResult;
  try {
    outcome = await operation.apply(raster, args, opContext);
  } catch (error) {
    throw InterleafError.from(error, "tool_failed", `${operation.name} failed on ${label}`);
  }
  const result: ImageOperationResult = "raster" in outcome ? { images: [outcome as OperationImage] } : outcome;
  throwIfAborted(context.signal);
  const refs: ImageRef[] = [];
  for (const produced of result.images ?? []) {
    const ref = await engine.produce(context.images, image, { name: operation.name, params: produced.params ?? {} }, produced);
    // The same bytes as the source (e.g. a 0° rotation): no new image, or it would be its own parent.
    if (ref.id === image.id) result.notes = [...(result.notes ?? []), `The result is identical to ${label}, so no new image was made.`];
    else refs.push(ref);
    const { width, height } = produced.raster;
    if (ref.width * ref.height < width * height) {
      result.notes = [...(result.notes ?? []), `The ${width}×${height} result was downscaled to ${ref.width}×${ref.height}, the most pixels a produced image may have (${engine.maxProducedPixels})`];
    }
  }
  return { text: describe(operation.name, label, result, refs, context, settings), ...(refs.length ? { images: refs } : {}), data: dataOf(operation.name, image, label, result, refs, context, settings) };
}

function describe(name: string, label: string, result: ImageOperationResult, refs: ImageRef[], context: ToolContext, settings: VisualSettings): string {
  const parts = [sentence(result.text ?? `Applied ${name} to ${label}.`)];
  if (refs.length === 1 && refs[0]) {
    const ref = refs[0];
    const sent = modelInputSize(ref.width, ref.height, settings.sizing);
    parts.push(`Produced a ${ref.width}×${ref.height} image (~${sent.tokens} image tokens).`);
    parts.push(describePlacement(placeInOrigin(ref, context), isRotated(ref)));
  } else if (refs.length > 1) {
    const tokens = refs.reduce((sum, ref) => sum + modelInputSize(ref.width, ref.height, settings.sizing).tokens, 0);
    parts.push(`Produced ${refs.length} images (~${tokens} image tokens in all), in order:`);
    refs.forEach((ref, i) => {
      const origin = placeInOrigin(ref, context);
      parts.push(`${i + 1}) ${ref.width}×${ref.height}${origin ? `, ${origin.originLabel ?? "original image"} pixels ${formatBox(origin.pixels)}` : ""};`);
    });
  }
  for (const note of result.notes ?? []) parts.push(sentence(note));
  return parts.join(" ");
}

function dataOf(
  name: string,
  image: ImageRef,
  label: string,
  result: ImageOperationResult,
  refs: ImageRef[],
  context: ToolContext,
  settings: VisualSettings,
): Record<string, unknown> {
  const images = refs.map((ref) => {
    const origin = placeInOrigin(ref, context);
    const sent = modelInputSize(ref.width, ref.height, settings.sizing);
    return {
      id: ref.id,
      width: ref.width,
      height: ref.height,
      ...(origin ? { box_in_original: origin.pixels } : {}),
      ...(ref.toOrigin ? { to_origin: ref.toOrigin } : {}),
      model_input: sent,
    };
  });
  return { operation: name, source: { id: image.id, label }, ...(images.length ? { images } : {}), notes: result.notes ?? [], ...result.data };
}

function isRotated(ref: ImageRef): boolean {
  const a = ref.toOrigin;
  return a !== undefined && Math.abs(a[0] * a[1]) + Math.abs(a[3] * a[4]) > 1e-9;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?:;]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new InterleafError("aborted", "the visual operation was cancelled before it finished");
}
