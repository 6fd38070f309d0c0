/** Replaces every occurrence of a secret in a text. */
export function redact(value: string, secret: string | undefined): string {
  if (!secret) return value;
  return value.split(secret).join("[redacted]");
}

/** The first characters of a response body, on one line, for an error message. */
export function excerpt(body: string, max = 300): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
