import { END } from "@langchain/langgraph";
import type { AgentStateValue } from "../src/index.js";

/**
 * Where to go after a model turn: `tools` when it asked for some, `finish` when it answered,
 * the end when the run stopped otherwise, and back to `reason` after a malformed turn.
 */
export function routeAfterReason(state: AgentStateValue): "tools" | "finish" | "reason" | typeof END {
  if (state.pending) return "tools";
  if (state.answer !== null) return "finish";
  if (state.stop) return END;
  return "reason";
}
