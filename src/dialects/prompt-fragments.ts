import type { CoordinateConvention } from "../images/coordinates.js";

/** How boxes are written under a coordinate convention, as a sentence for a system prompt. */
export function describeBoxes(convention: CoordinateConvention): string {
  switch (convention) {
    case "pixels":
      return "Boxes are `bbox_2d` = [x1, y1, x2, y2]: the top-left and bottom-right corners in absolute pixels of the named image.";
    case "normalized":
      return "Boxes are `bbox_2d` = [x1, y1, x2, y2]: the top-left and bottom-right corners as fractions from 0 to 1 of the named image's width and height.";
    case "qwen1000":
      return "Boxes are `bbox_2d` = [x1, y1, x2, y2]: the top-left and bottom-right corners as integers from 0 to 1000 relative to the named image's width and height.";
  }
}

/** How images are named, as a sentence for a system prompt. */
export function describeImageNames(observationWord = "observation"): string {
  return (
    `The first input image is called "original image" (further inputs "image 2", "image 3", ...). ` +
    `Images that tools return are numbered in the order they arrive: "${observationWord} 1", "${observationWord} 2", ... ` +
    `Refer to an image by its name when a tool asks for one.`
  );
}

/** A placeholder value for an argument of this JSON Schema, for example lines in prompts. */
export function placeholderFor(key: string, property: unknown): unknown {
  const node = (typeof property === "object" && property !== null ? property : {}) as Record<string, unknown>;
  if (node.examples && Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
  if (node.type === "array") {
    if (key === "bbox_2d") return [0, 0, 100, 100];
    return [placeholderFor(key.replace(/s$/, ""), node.items)];
  }
  if (node.type === "number" || node.type === "integer") return 0;
  if (node.type === "boolean") return false;
  if (node.type === "object") return {};
  return `<${key}>`;
}

/** Example arguments built from a tool's JSON Schema, for tools that declare no `example`. */
export function exampleFromSchema(parameters: Record<string, unknown>): Record<string, unknown> {
  const properties = (parameters.properties ?? {}) as Record<string, unknown>;
  const required = new Set(Array.isArray(parameters.required) ? (parameters.required as string[]) : Object.keys(properties));
  const example: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    if (required.has(key)) example[key] = placeholderFor(key, property);
  }
  return example;
}
