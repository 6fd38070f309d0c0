import type { ImageRef } from "../images/image-ref.js";
import type { Stop } from "../state/budgets.js";
import type { ErrorInfo } from "../errors/error-info.js";
import type { Usage } from "../state/trajectory.js";
import type { RunResult } from "./run-result.js";

/**
 * What a run reports as it goes, for a CLI or a UI. Nodes emit them through LangGraph's custom
 * stream; `Agent.stream` yields them in order.
 */
export type AgentEvent =
  | { type: "run_started"; threadId: string; resumed: boolean }
  | { type: "step_started"; step: number }
  | { type: "model_turn"; step: number; thought: string; usage: Usage; durationMs: number }
  | { type: "malformed_turn"; step: number; problem: string }
  | { type: "tool_call"; step: number; callId: string; name: string; arguments: unknown }
  | {
      type: "observation";
      step: number;
      callId: string;
      name: string;
      text: string;
      images: ImageRef[];
      error?: ErrorInfo;
      durationMs: number;
      /** True when the result came from the journal of an earlier, interrupted run. */
      replayed: boolean;
    }
  | { type: "step_finished"; step: number; durationMs: number }
  | { type: "answer"; step: number; answer: string }
  | { type: "usage"; inputTokens: number; outputTokens: number }
  | { type: "stopped"; stop: Stop }
  /** A piece of the model's text as it is generated (runs with `tokens: true`); the turn's `model_turn` follows. */
  | { type: "token"; step: number; text: string }
  /** A node called `interrupt()`: the run ends here until `agent.resume(threadId, { resume: value })` answers. */
  | { type: "interrupted"; interrupts: NonNullable<RunResult["interrupts"]> };

/** The `type` of an {@link AgentEvent}. */
export type AgentEventType = AgentEvent["type"];

/** Emits an event through a LangGraph runtime's `writer`, if it has one. */
export function emit(writer: ((chunk: unknown) => void) | undefined, event: AgentEvent): void {
  writer?.(event);
}
