import { InterleafError, isRetryableStatus } from "../errors/index.js";

/** What to do about an HTTP status, for error messages read by people and models. */
export function statusAdvice(status: number): string {
  if (status === 401 || status === 403) return "check the API key and that it may use this model";
  if (status === 404) return "check the base URL and the model name";
  if (status === 400 || status === 413 || status === 422) return "the request was refused: check the messages, images and tools sent (too large? unsupported?)";
  if (status === 429) return "the provider is rate limiting: wait and try again, or lower the request rate";
  if (isRetryableStatus(status)) return "the provider had a temporary failure: try again later";
  return "check the provider's documentation for this status";
}

/** The first characters of a response body, on one line, for an error message. */
export function excerpt(body: string, max = 300): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** A `model_failed` error for an HTTP status, retryable for 408/409/429/5xx. */
export function statusError(who: string, status: number, body: string, details: Record<string, unknown> = {}): InterleafError {
  const said = body ? `: ${excerpt(body)}` : "";
  return new InterleafError("model_failed", `${who} answered HTTP ${status}${said}; ${statusAdvice(status)}`, {
    retryable: isRetryableStatus(status),
    details: { status, ...details },
  });
}
