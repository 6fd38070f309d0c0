import { isGraphInterrupt } from "@langchain/langgraph";
import { z } from "zod";
import { InterleafError, type AgentContext, type ToolCallRecord, type ToolOutput } from "../../src/index.js";
import { createToolContext } from "../../src/tools/tool-context.js";
import { fingerprint } from "../../src/util/stable-json.js";
import { type ImageGallery } from "../../src/images/gallery.js";
import { restoreInertJson, safeInertJson } from "../../src/state/inert-json.js";
import { raceAbort, timeLimit } from "../../src/net/abortable.js";

/** One tool call to run, as the model asked for it. */
export interface ToolCallJob {
  id: string;
  name: string;
  arguments: unknown;
}

/** Where a call runs: the agent context, the images seen so far, and the run's signal. */
export interface ToolCallScope {
  context: AgentContext;
  gallery: ImageGallery;
  question: string;
  threadId: string;
  /** Index of the trajectory step the call belongs to. */
  step: number;
  signal?: AbortSignal;
}

/**
 * Runs one tool call and always returns a record: unknown tools, invalid arguments, failures and
 * timeouts become error observations the model can react to. Finished calls are journaled in the
 * result cache under the thread, step, call id and arguments, so a resumed run replays them instead of
 * running them again.
 */
export async function runToolCall(job: ToolCallJob, scope: ToolCallScope): Promise<{ record: ToolCallRecord; replayed: boolean }> {
  const { context } = scope;
  const journalKey = `journal/${scope.threadId}/${scope.step}/${job.id}/${fingerprint({ name: job.name, arguments: job.arguments })}`;
  const journaled = await context.cache.get<ToolCallRecord>(journalKey);
  if (journaled) return { record: journaled, replayed: true };

  const startedAt = context.now();
  let args: unknown = job.arguments;
  let output: ToolOutput;
  let error: InterleafError | undefined;
  try {
    const tool = context.tools.require(job.name);
    const parsed = tool.input.safeParse(restoreInertJson(job.arguments ?? {}));
    if (!parsed.success) {
      throw new InterleafError("tool_input_invalid", `invalid arguments for ${job.name}: ${z.prettifyError(parsed.error)}`, {
        details: { issues: parsed.error.issues.map((issue: z.core.$ZodIssue) => ({ path: issue.path.map(String), message: issue.message })) },
      });
    }
    args = parsed.data;
    const limitMs = Math.max(1, Math.min(context.toolTimeoutMs, context.deadline - startedAt));
    const limit = limitMs < context.toolTimeoutMs ? `the ${Math.round(limitMs / 1000)} s left of the run's time limit` : `${Math.round(limitMs / 1000)} s`;
    const guard = timeLimit(limitMs, scope.signal, `${job.name} did not finish within ${limit}`);
    const toolContext = createToolContext({
      images: context.images,
      cache: context.cache,
      gallery: scope.gallery,
      coordinates: context.dialect.coordinates,
      pixelSpace: context.pixelSpace,
      sizing: context.sizing,
      question: scope.question,
      callId: job.id,
      signal: guard.signal,
      now: context.now,
    });
    try {
      // A stuck tool cannot hang the run: the call is abandoned when the signal fires.
      output = await raceAbort(tool.execute(args, toolContext), guard.signal);
    } catch (failure) {
      throw guard.signal.aborted && failure === guard.signal.reason ? abortError(guard.signal, job.name, limit) : failure;
    } finally {
      guard.clear();
    }
  } catch (caught) {
    if (scope.signal?.aborted) throw caught;
    // A tool that called LangGraph's `interrupt()`: the run waits for an answer, nothing is journaled.
    if (isGraphInterrupt(caught)) throw caught;
    // The storage failed, not the tool (a full disk, a lost database): the run fails at its last
    // checkpoint and `resume` runs the call again, instead of journaling a permanent tool error.
    if (InterleafError.isInstance(caught, "storage_failed")) throw caught;
    error = InterleafError.from(caught, "tool_failed", `${job.name} failed`);
    output = { text: `Error (${error.code}): ${error.message}` };
  }
  const { data, note } = storableData(output.data);
  const record: ToolCallRecord = {
    id: job.id,
    name: job.name,
    arguments: storableArguments(args),
    observation: {
      text: note ? `${output.text}\n(${note})` : output.text,
      images: output.images ?? [],
      ...(data !== undefined ? { data } : {}),
      ...(error ? { error: error.toJSON() } : {}),
    },
    startedAt,
    durationMs: Math.max(0, context.now() - startedAt),
  };
  await context.cache.set(journalKey, record);
  return { record, replayed: false };
}

function abortError(signal: AbortSignal, name: string, limit: string): InterleafError {
  const reason = signal.reason as { name?: string } | undefined;
  if (reason?.name === "TimeoutError") {
    return new InterleafError("timeout", `${name} did not finish within ${limit}; try a smaller request`, { retryable: true, cause: reason });
  }
  return new InterleafError("aborted", `${name} was aborted`, { cause: reason });
}

/** A tool's structured data as state may keep it (see `inertJson`); data nested too deep is dropped with a note. */
function storableData(value: unknown): { data?: unknown; note?: string } {
  if (value === undefined) return {};
  const data = safeInertJson(value);
  return data.ok ? { data: data.value } : { note: `structured data dropped: ${data.problem}` };
}

/** The call's arguments as state may keep them; the reason node already refused arguments nested too deep. */
function storableArguments(value: unknown): unknown {
  const args = safeInertJson(value);
  return args.ok ? args.value : null;
}
