import { z } from "zod";
import { InterleafError } from "../errors/index.js";

const ImageHeaderSchema = z.object({
  path: z.string(),
  printed: z.boolean(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
});

const ReportSchema = z.object({
  status: z.enum(["ok", "error", "timeout", "cpu_limit", "memory_limit", "output_limit"]),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  stdoutBytes: z.number().int().nonnegative(),
  stderrBytes: z.number().int().nonnegative(),
  skippedImages: z.array(z.object({ path: z.string(), reason: z.string() })),
  cropAdjustments: z.array(
    z.object({
      kind: z.enum(["crop", "slice"]),
      before: z.array(z.number()),
      after: z.array(z.number()),
      imageSize: z.array(z.number()),
    }),
  ),
  durationMs: z.number().nonnegative(),
});

/** The runner's report, as parsed from fd 3. */
export type RunnerReport = z.infer<typeof ReportSchema>;

/** An image frame of fd 3. */
export interface RunnerImage {
  path: string;
  printed: boolean;
  mime: string;
  bytes: Uint8Array;
}

/**
 * Parses what the sandbox runner wrote to fd 3: `IMG <json>\n<bytes>` frames, then one
 * `END <json>\n`. The runner shares the sandbox with the untrusted code, so every frame is
 * validated; anything malformed is a `sandbox_failed` error. Returns undefined when no report
 * arrived (the runner was killed before it finished).
 */
export function parseRunnerFrames(channel: Buffer): { images: RunnerImage[]; report: RunnerReport } | undefined {
  const images: RunnerImage[] = [];
  let offset = 0;
  while (offset < channel.length) {
    const newline = channel.indexOf(0x0a, offset);
    if (newline < 0) return undefined;
    const line = channel.subarray(offset, newline).toString("utf8");
    offset = newline + 1;
    if (line.startsWith("END ")) {
      return { images, report: parse(ReportSchema, line.slice(4)) };
    }
    if (!line.startsWith("IMG ")) throw malformed(`unknown frame "${line.slice(0, 40)}"`);
    const header = parse(ImageHeaderSchema, line.slice(4));
    if (offset + header.size > channel.length) return undefined;
    images.push({ path: header.path, printed: header.printed, mime: header.mime, bytes: new Uint8Array(channel.subarray(offset, offset + header.size)) });
    offset += header.size;
  }
  return undefined;
}

function parse<T>(schema: z.ZodType<T>, text: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw malformed("a frame is not JSON", error);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw malformed(z.prettifyError(parsed.error));
  return parsed.data;
}

function malformed(problem: string, cause?: unknown): InterleafError {
  return new InterleafError("sandbox_failed", `the sandbox runner sent a malformed result (${problem}); run the code again`, {
    ...(cause === undefined ? {} : { cause }),
  });
}
