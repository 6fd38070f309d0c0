import { pyDigitsToInt, pyStrip } from "./python-text.js";

// TreeBench's box IoU, as TreeVGR's `compute_box_iou` (inference_treebench.py) and VLMEvalKit's
// `TreeBench.evaluate_box_iou` write it: the boxes are `<box>[x1,y1,x2,y2]</box>` with integer
// coordinates and no spaces, kept when x1 < x2 and y1 < y2; each target box takes its best IoU
// over the predicted boxes, and the result is the mean over targets.

const BOX_TAG = /<box>([\s\S]*?)<\/box>/g;
const COORDINATES = /^\[(\p{Nd}+),(\p{Nd}+),(\p{Nd}+),(\p{Nd}+)\]/u;

/** The well-formed boxes of a reply, in order. */
export function boxesInText(text: string): number[][] {
  const boxes: number[][] = [];
  for (const tag of text.matchAll(BOX_TAG)) {
    const match = COORDINATES.exec(pyStrip(tag[1] ?? ""));
    if (!match) continue;
    const [x1, y1, x2, y2] = match.slice(1, 5).map((digits) => pyDigitsToInt(digits ?? "")) as [number, number, number, number];
    if (x1 < x2 && y1 < y2) boxes.push([x1, y1, x2, y2]);
  }
  return boxes;
}

function iou(target: readonly number[], predicted: readonly number[]): number {
  const [ax1 = 0, ay1 = 0, ax2 = 0, ay2 = 0] = target;
  const [bx1 = 0, by1 = 0, bx2 = 0, by2 = 0] = predicted;
  const width = Math.max(0, Math.min(ax2, bx2) - Math.max(ax1, bx1));
  const height = Math.max(0, Math.min(ay2, by2) - Math.max(ay1, by1));
  const intersection = width * height;
  const union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - intersection;
  return union > 0 ? intersection / union : 0;
}

/** `calculate_average_iou`: the mean over target boxes of the best IoU with any predicted box (0 without targets). */
export function averageBestIou(predicted: readonly (readonly number[])[], targets: readonly (readonly number[])[]): number {
  if (targets.length === 0) return 0;
  let total = 0;
  for (const target of targets) {
    let best = 0;
    for (const box of predicted) {
      const value = iou(target, box);
      if (value > best) best = value;
    }
    total += best;
  }
  return total / targets.length;
}
