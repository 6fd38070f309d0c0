import type { StateSnapshot } from "@langchain/langgraph";
import type { AgentStateValue } from "../state/agent-state.js";
import { plural } from "../util/plural.js";

/** One checkpoint of a thread, described for people and tools. */
export interface CheckpointSummary {
  checkpointId: string;
  parentCheckpointId: string | undefined;
  /** LangGraph's superstep number (-1 for the input checkpoint). */
  superstep: number;
  /** `input`, `loop`, `update` or `fork`. */
  source: string;
  createdAt: string | undefined;
  /** Nodes that run next from here (empty when the run is over). */
  next: string[];
  /** Finished trajectory steps at this checkpoint. */
  steps: number;
  toolCalls: number;
  /** What the state looks like here, in one line. */
  summary: string;
}

/** Summarises a LangGraph state snapshot of an agent thread. */
export function summarizeCheckpoint(snapshot: StateSnapshot): CheckpointSummary {
  const values = snapshot.values as Partial<AgentStateValue>;
  const steps = values.steps ?? [];
  const metadata = (snapshot.metadata ?? {}) as { step?: number; source?: string };
  return {
    checkpointId: String(snapshot.config.configurable?.checkpoint_id ?? ""),
    parentCheckpointId: snapshot.parentConfig?.configurable?.checkpoint_id as string | undefined,
    superstep: metadata.step ?? -1,
    source: metadata.source ?? "unknown",
    createdAt: snapshot.createdAt,
    next: [...snapshot.next],
    steps: steps.length,
    toolCalls: values.counters?.toolCalls ?? 0,
    summary: describe(values, snapshot.next, metadata.source),
  };
}

function describe(values: Partial<AgentStateValue>, next: readonly string[], source: string | undefined): string {
  if (source === "input") return values.question ? `input: ${truncate(values.question, 80)}` : "input received";
  if (values.stop) return `finished (${values.stop.reason}): ${values.answer !== null && values.answer !== undefined ? truncate(values.answer, 80) : values.stop.message}`;
  if (values.pending) {
    const calls = values.pending.requests.map((r) => `${r.name}(${truncate(JSON.stringify(r.arguments), 60)})`).join(", ");
    return `step ${values.pending.index}: model asked for ${calls}`;
  }
  const last = values.steps?.at(-1);
  if (!last) return `ready: next ${next.join(", ") || "nothing"}`;
  if (last.kind === "malformed") return `step ${last.index}: malformed turn (${truncate(last.problem ?? "", 60)})`;
  if (last.kind === "answer") return `step ${last.index}: answer ${truncate(last.answer ?? "", 80)}`;
  const observed = last.calls.map((c) => `${c.name}${c.observation.error ? " failed" : ""}${c.observation.images.length ? ` → ${plural(c.observation.images.length, "image")}` : ""}`).join(", ");
  return last.executedBy === "server" ? `step ${last.index}: the server ran ${observed}` : `step ${last.index}: ran ${observed}`;
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
