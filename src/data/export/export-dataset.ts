import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Dialect } from "../../dialects/dialect.js";
import { InterleafError } from "../../errors/index.js";
import { fileExtensionFor } from "../../images/image-format.js";
import type { ImageStore } from "../../images/image-store.js";
import { planConsistency } from "../../planning/plan-consistency.js";
import { planFromTrajectory } from "../../planning/plan-from-trajectory.js";
import { r1v4PlannerPrompt } from "../../planning/planner-prompt.js";
import type { ToolRegistry } from "../../tools/tool-registry.js";
import type { FilterReport } from "../run-filters.js";
import type { TrajectoryRecord } from "../trajectory-record.js";
import { datasetCard, type DatasetCard } from "./dataset-card.js";
import { msSwiftLine, openAiLine, rawLine, shareGptLine, type ExportFormat, type ImagePlacement } from "./export-formats.js";
import { leakGuard, scrubText } from "./leak-guard.js";
import { trainingConversation, type TrainingConversation, type TrainingPart } from "./training-conversation.js";
import { validateExportLine, type LeakGuard } from "./validate-export.js";

/** What {@link exportDataset} writes, and from what. */
export interface ExportDatasetOptions {
  format: ExportFormat;
  /** The folder to write (`data.jsonl`, `images/`, `dataset-card.md`, `dataset-card.json`). */
  outDir: string;
  /** The dialect the trajectories are rendered in (the one the model will be served with). */
  dialect: Dialect;
  /** The tools the runs had (their descriptions are part of the system prompt). */
  tools: ToolRegistry;
  images: ImageStore;
  /** The filter report the trajectories passed, for the dataset card. */
  filterReport?: FilterReport;
  /** Where the trajectories came from (an eval run, a database), for the dataset card. */
  sources?: string[];
  /** What must not leak (default: this machine's folders and secret-looking environment variables). */
  guard?: LeakGuard;
}

/** What {@link exportDataset} wrote. */
export interface ExportResult {
  format: ExportFormat;
  /** `data.jsonl`'s path. */
  dataFile: string;
  /** Lines written (one per trajectory; for `planner`, per consistent plan). */
  lines: number;
  /** Distinct image files written. */
  images: number;
  /** Trajectories left out, and why (planner data: plans whose execution did not match). */
  skipped: { threadId: string; reason: string }[];
  card: DatasetCard;
}

/**
 * Writes trajectories as a training dataset, deterministically (sorted by thread id; images as
 * files named by their content hash, by relative path): ms-swift `messages` JSONL, LLaMA-Factory
 * ShareGPT, OpenAI chat fine-tuning (images inline as data URLs, which OpenAI requires), the
 * dialect's raw text turns, or planner data (R1V4's planner prompt in, the plan derived from the
 * trajectory out, only where the plan matches what was executed). Every line is checked by the
 * format's validator; secrets and local paths are scrubbed and then checked absent. A dataset card
 * (`dataset-card.md`, `.json`) gives counts per benchmark and category, filter statistics and the
 * tool-call histogram.
 *
 * @example
 * ```ts
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 * import { r1v4Dialect, ToolRegistry } from "interleaf";
 * import { exportDataset, trajectoryRecord } from "interleaf/data";
 * import { openStorage } from "interleaf/storage";
 *
 * const storage = await openStorage("memory");
 * const record = trajectoryRecord("t1", {
 *   question: "2 + 2?",
 *   steps: [{ index: 0, kind: "answer", thought: "Easy.", raw: "<think>Easy.</think>\n<answer>4</answer>", calls: [], answer: "4", usage: { inputTokens: 0, outputTokens: 0 }, model: { id: "m", startedAt: 0, durationMs: 0 } }],
 *   answer: "4",
 * });
 * const outDir = mkdtempSync(join(tmpdir(), "sft-"));
 * const result = await exportDataset([record], { format: "ms-swift", outDir, dialect: r1v4Dialect(), tools: new ToolRegistry([]), images: storage.images });
 * console.log(result.lines); // 1
 * ```
 */
export async function exportDataset(records: readonly TrajectoryRecord[], options: ExportDatasetOptions): Promise<ExportResult> {
  const guard = options.guard ?? leakGuard({ extraPaths: [options.outDir] });
  const sorted = [...records].sort((a, b) => (a.threadId < b.threadId ? -1 : a.threadId > b.threadId ? 1 : 0));
  await mkdir(join(options.outDir, "images"), { recursive: true });
  const written = new Map<string, ImagePlacement>();
  const pending: { id: string; placement: ImagePlacement }[] = [];
  const placeImage = () => (part: Extract<TrainingPart, { type: "image" }>): ImagePlacement => {
    const known = written.get(part.ref.id);
    if (known) return known;
    const placement: ImagePlacement = { path: `images/${part.ref.id}.${fileExtensionFor(part.ref.mime)}` };
    written.set(part.ref.id, placement);
    pending.push({ id: part.ref.id, placement });
    return placement;
  };
  const lines: string[] = [];
  const problems: string[] = [];
  const skipped: ExportResult["skipped"] = [];
  const exported: TrajectoryRecord[] = [];
  for (const record of sorted) {
    const line = options.format === "planner" ? plannerLine(record, options, placeImage()) : await conversationLine(record, options, placeImage);
    if ("skip" in line) {
      skipped.push({ threadId: record.threadId, reason: line.skip });
      continue;
    }
    await writeImages(pending.splice(0), options);
    const scrubbed = JSON.parse(scrubText(JSON.stringify(line.value), guard)) as Record<string, unknown>;
    for (const problem of validateExportLine(options.format, scrubbed, options.outDir, guard)) problems.push(`${record.threadId}: ${problem}`);
    lines.push(JSON.stringify(scrubbed));
    exported.push(record);
  }
  if (problems.length > 0) throw new InterleafError("export_invalid", `the ${options.format} export broke its format's rules (${problems.length} problem${problems.length === 1 ? "" : "s"}; first: ${problems[0]})`, { details: { format: options.format, problems } });
  const dataFile = join(options.outDir, "data.jsonl");
  await writeFile(dataFile, lines.length > 0 ? `${lines.join("\n")}\n` : "");
  const card = datasetCard(exported, { format: options.format, dialect: options.dialect.name, lines: lines.length, images: written.size, skipped, ...(options.filterReport ? { filterReport: options.filterReport } : {}), sources: options.sources ?? [] });
  await writeFile(join(options.outDir, "dataset-card.json"), `${JSON.stringify(card.json, null, 2)}\n`);
  await writeFile(join(options.outDir, "dataset-card.md"), card.markdown);
  return { format: options.format, dataFile, lines: lines.length, images: written.size, skipped, card };
}

type Line = { value: Record<string, unknown> } | { skip: string };

async function conversationLine(record: TrajectoryRecord, options: ExportDatasetOptions, place: () => (part: Extract<TrainingPart, { type: "image" }>) => ImagePlacement): Promise<Line> {
  const conversation: TrainingConversation = trainingConversation(record, options.dialect, options.tools);
  switch (options.format) {
    case "ms-swift":
      return { value: msSwiftLine(conversation, place()) };
    case "sharegpt":
      return { value: shareGptLine(conversation, place()) };
    case "raw":
      return { value: rawLine(conversation, place(), options.dialect.name) };
    case "openai": {
      const inline = await inlineImages(conversation, options.images);
      const placed = place();
      return { value: openAiLine(conversation, (part) => ({ ...placed(part), dataUrl: inline.get(part.ref.id)! })) };
    }
    default:
      throw new InterleafError("invalid_argument", `unknown export format "${options.format}"`);
  }
}

function plannerLine(record: TrajectoryRecord, options: ExportDatasetOptions, place: (part: Extract<TrainingPart, { type: "image" }>) => ImagePlacement): Line {
  if (record.answer === null) return { skip: "no answer: the execution did not finish" };
  const plan = planFromTrajectory(record.steps, { question: record.question, format: "r1v4" });
  if (plan.length < 2) return { skip: "too short for a plan (R1V4's plans have 2 to 10 steps)" };
  const report = planConsistency(plan, record.steps, { tools: options.tools });
  if (!report.consistent) return { skip: `planning-execution inconsistent: ${report.summary}` };
  const conversation: TrainingConversation = {
    id: record.threadId,
    messages: [
      { role: "system", parts: [{ type: "text", text: r1v4PlannerPrompt(options.tools) }] },
      { role: "user", parts: [...record.images.map((ref) => ({ type: "image" as const, ref })), { type: "text", text: record.question }] },
      { role: "assistant", parts: [{ type: "text", text: JSON.stringify(plan) }] },
    ],
  };
  return { value: msSwiftLine(conversation, place) };
}

async function inlineImages(conversation: TrainingConversation, store: ImageStore): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  for (const message of conversation.messages) {
    for (const part of message.parts) {
      if (part.type !== "image" || urls.has(part.ref.id)) continue;
      const { bytes, mime } = await store.get(part.ref.id);
      urls.set(part.ref.id, `data:${mime};base64,${Buffer.from(bytes).toString("base64")}`);
    }
  }
  return urls;
}

async function writeImages(pending: { id: string; placement: ImagePlacement }[], options: ExportDatasetOptions): Promise<void> {
  if (options.format === "openai") return;
  for (const { id, placement } of pending) {
    const { bytes } = await options.images.get(id);
    await writeFile(join(options.outDir, placement.path), bytes);
  }
}
