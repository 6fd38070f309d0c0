/** The URL without its password, for logs and messages. */
export function redactPostgresUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.password = "";
  return copy.href;
}

/** The connection string handed to `pg`: interleaf's own `schema` parameter removed. */
export function pgConnectionString(url: URL): string {
  const copy = new URL(url.href);
  copy.searchParams.delete("schema");
  return copy.href;
}

/** `host:port/database`, for messages. */
export function describePostgresTarget(url: URL): string {
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "(default database)";
  return `${url.hostname}:${url.port || "5432"}/${database}`;
}
