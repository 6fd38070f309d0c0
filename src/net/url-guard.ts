import { lookup as dnsLookup } from "node:dns/promises";
import { InterleafError } from "../errors/index.js";
import { allowsAddress, allowsHost, type AllowList } from "./allow-list.js";
import { blockedAddressReason, ipBytes } from "./ip-address.js";

/** A resolved address of a host name. */
export interface LookupAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses (injectable: tests map names to addresses). */
export type LookupFunction = (hostname: string) => Promise<LookupAddress[]>;

/** Options for {@link guardUrl}. */
export interface UrlGuardOptions {
  /** Hosts, host:port pairs and networks admitted although they are not public. */
  allow?: AllowList;
  /** DNS resolution; defaults to the system resolver (`dns.lookup` with `all: true`). */
  lookup?: LookupFunction;
}

/** Host names refused before any DNS lookup (they name the machine or a cloud's metadata service). */
const BLOCKED_NAMES = [/^localhost$/, /\.localhost$/, /^metadata\.google\.internal$/, /^metadata$/, /^instance-data(\.ec2\.internal)?$/];

/** The default resolver: every address of the name, in the resolver's order. */
export const systemLookup: LookupFunction = async (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Checks that a URL may be fetched on behalf of a model: `http:`/`https:` only, no credentials
 * in the URL, and a host whose every resolved address is public (see `blockedAddressReason`),
 * unless the allow-list admits the host or the address. Returns the parsed URL and the checked
 * addresses; throws `fetch_blocked` (not retryable) with a message that says what to do.
 *
 * The guard resolves the name once: connect to the returned `addresses` (as `safeFetch` does
 * through `pinnedFetch`), never to a second resolution, or a hostile DNS server can answer a
 * public address here and 127.0.0.1 to the connection (DNS rebinding). `addresses` is empty
 * when the allow-list admits the host by name.
 *
 * @example
 * ```ts
 * import { guardUrl } from "interleaf/search";
 *
 * await guardUrl("http://127.0.0.1:8080/", { allow: ["127.0.0.1:8080"] }); // admitted by the allow-list
 * await guardUrl("http://169.254.169.254/latest/meta-data/").catch((e) => console.log(e.code)); // "fetch_blocked"
 * ```
 */
export async function guardUrl(input: string | URL, options: UrlGuardOptions = {}): Promise<{ url: URL; addresses: string[] }> {
  const allow = options.allow ?? [];
  let url: URL;
  try {
    url = new URL(String(input));
  } catch (error) {
    throw new InterleafError("invalid_argument", `"${String(input).slice(0, 200)}" is not a valid URL; give an absolute http(s) URL such as https://example.com/page`, { cause: error });
  }
  const shown = url.href.slice(0, 300);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw blocked(`refused to fetch ${shown}: only http and https URLs can be visited, not ${url.protocol.replace(/:$/, "")}`, { url: shown, reason: "scheme" });
  }
  if (url.username || url.password) {
    throw blocked(`refused to fetch ${url.protocol}//${url.host}${url.pathname}: URLs with a user name or password are not visited; remove the credentials`, { reason: "credentials" });
  }
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname.toLowerCase().replace(/\.$/, "");
  if (allowsHost(allow, url)) return { url, addresses: [] };
  if (!ipBytes(host) && BLOCKED_NAMES.some((re) => re.test(host))) {
    throw blocked(`refused to fetch ${shown}: "${host}" names this machine or a cloud metadata service; only public web addresses can be visited`, { url: shown, reason: "blocked host name" });
  }
  const addresses = ipBytes(host) ? [host] : await resolve(host, options.lookup ?? systemLookup, shown);
  for (const address of addresses) {
    if (allowsAddress(allow, address, url)) continue;
    const reason = blockedAddressReason(address);
    if (reason) {
      const via = address === host ? "" : ` (${host} resolves to ${address})`;
      throw blocked(`refused to fetch ${shown}: the host is ${reason}${via}; only public web addresses can be visited`, { url: shown, address, reason });
    }
  }
  return { url, addresses };
}

async function resolve(host: string, lookup: LookupFunction, shown: string): Promise<string[]> {
  let found: LookupAddress[];
  try {
    found = await lookup(host);
  } catch (error) {
    throw new InterleafError("fetch_failed", `could not resolve the host of ${shown}: ${(error as Error).message ?? String(error)}; check the URL`, { cause: error, retryable: false, details: { url: shown } });
  }
  if (found.length === 0) throw new InterleafError("fetch_failed", `the host of ${shown} has no addresses; check the URL`, { details: { url: shown } });
  return found.map((entry) => entry.address);
}

function blocked(message: string, details: Record<string, unknown>): InterleafError {
  return new InterleafError("fetch_blocked", message, { retryable: false, details });
}
