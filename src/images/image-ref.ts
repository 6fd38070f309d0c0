import { z } from "zod";

/**
 * An affine map from a produced image's pixel coordinates to the original image's:
 * `[a, b, c, d, e, f]` means `x0 = a·x + b·y + c`, `y0 = d·x + e·y + f`.
 */
export const AffineSchema = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]);
/**
 * An affine map from a produced image's pixel coordinates to the original image's:
 * `[a, b, c, d, e, f]` means `x0 = a·x + b·y + c`, `y0 = d·x + e·y + f`.
 *
 * @useDeclaredType
 */
export type Affine = z.infer<typeof AffineSchema>;

/** The identity map: a produced image whose pixels are the original's. */
export const IDENTITY_AFFINE: Affine = [1, 0, 0, 0, 1, 0];

/** The operation that produced an image from its parent, with the arguments it ran with. */
export const ImageOpSchema = z.object({
  /** Operation name, e.g. `crop`, `zoom`, `rotate`, `code`. */
  name: z.string(),
  /** The arguments the operation ran with, in pixels of the parent image. */
  params: z.record(z.string(), z.unknown()).default({}),
});
/**
 * The operation that produced an image from its parent, with the arguments it ran with.
 *
 * @useDeclaredType
 */
export type ImageOp = z.infer<typeof ImageOpSchema>;

/**
 * A reference to an image held in an {@link ImageStore}. State and checkpoints hold these, never
 * bytes: `id` is the sha256 of the encoded bytes, so identical images are stored once.
 *
 * Produced images keep their provenance: `parent` (the id they were made from), `op` (how),
 * `origin` (the input image at the root of the chain) and `toOrigin` (an affine map from this
 * image's pixels to the origin's, absent when the op has no geometric meaning, e.g. model code).
 */
export const ImageRefSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/, "an image id is the sha256 of its bytes, 64 hex characters"),
  mime: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  parent: z.string().optional(),
  op: ImageOpSchema.optional(),
  origin: z.string().optional(),
  toOrigin: AffineSchema.optional(),
});
/**
 * A reference to an image held in an {@link ImageStore}. State and checkpoints hold these, never
 * bytes: `id` is the sha256 of the encoded bytes, so identical images are stored once.
 *
 * Produced images keep their provenance: `parent` (the id they were made from), `op` (how),
 * `origin` (the input image at the root of the chain) and `toOrigin` (an affine map from this
 * image's pixels to the origin's, absent when the op has no geometric meaning, e.g. model code).
 *
 * @useDeclaredType
 */
export type ImageRef = z.infer<typeof ImageRefSchema>;
