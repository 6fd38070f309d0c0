import type { ModelRequest } from "interleaf";
import { textOf } from "../../src/models/messages.js";

/** Which of plan-and-execute's calls a request is. */
export type Role = "planner" | "replan" | "repair" | "fill" | "reason" | "verify" | "agent";

export function roleOf(request: ModelRequest): Role {
  const system = textOf(request.messages[0]?.content ?? []);
  const user = textOf(request.messages[1]?.content ?? []);
  if (system.startsWith("You are a planning and tool-orchestration assistant")) {
    if (request.messages.length > 2) return "repair";
    return user.includes("A plan for this question is being carried out") ? "replan" : "planner";
  }
  if (system.startsWith("You fill in the parameters")) return "fill";
  if (system.includes("last step of a plan")) return "verify";
  if (system.includes("reasoning step of a plan")) return "reason";
  return "agent";
}

/** The step number and planned parameters a fill request is about. */
export function fillRequest(request: ModelRequest): { step: number; planned: Record<string, unknown>; results: string } {
  const user = textOf(request.messages[1]?.content ?? []);
  const step = Number(/^Step (\d+):/m.exec(user)?.[1]);
  const planned = JSON.parse(/^Parameters with placeholders: (.*)$/m.exec(user)?.[1] ?? "{}") as Record<string, unknown>;
  return { step, planned, results: user.slice(user.indexOf("Results of the cited steps:")) };
}
