import type { Observation } from "../state/trajectory.js";

/**
 * The text a model reads for an observation: the tool's text, and its error when the call failed
 * (the error's code and message say what went wrong and what to do).
 */
export function observationText(observation: Observation): string {
  const body = observation.text.trim();
  const error = observation.error;
  if (!error) return body;
  const headline = `Error (${error.code}${error.retryable ? ", may succeed if retried" : ""}): ${error.message}`;
  return body === "" || body === error.message ? headline : `${headline}\n${body}`;
}
