import { inSubnet, ipBytes } from "./ip-address.js";

/**
 * Entries that let the network guard admit hosts it would otherwise refuse:
 * - a host name or IP, any port: `"localhost"`, `"127.0.0.1"`, `"::1"`;
 * - a host and port: `"127.0.0.1:8080"`, `"[::1]:8080"`, `"search.internal:443"`;
 * - every subdomain of a name: `"*.corp.example"`;
 * - a network in CIDR form: `"10.0.0.0/8"`, `"fd00::/8"` (matched against resolved addresses).
 *
 * Allow-lists widen what may be reached, never the schemes: only `http:` and `https:` are fetched.
 */
export type AllowList = readonly string[];

/** Whether the allow-list admits `url` by its host name (and port). */
export function allowsHost(allow: AllowList, url: URL): boolean {
  const host = bareHost(url.hostname);
  const port = effectivePort(url);
  return allow.some((entry) => {
    const rule = parseEntry(entry);
    if (rule.kind !== "host") return false;
    if (rule.port !== undefined && rule.port !== port) return false;
    if (rule.host.startsWith("*.")) return host.endsWith(rule.host.slice(1));
    return rule.host === host || sameIp(rule.host, host);
  });
}

/** Whether the allow-list admits a resolved address (by CIDR, or by IP with a matching port). */
export function allowsAddress(allow: AllowList, address: string, url: URL): boolean {
  const bytes = ipBytes(address);
  if (!bytes) return false;
  const port = effectivePort(url);
  return allow.some((entry) => {
    const rule = parseEntry(entry);
    if (rule.kind === "cidr") return inSubnet(bytes, rule.network, rule.prefix);
    if (rule.port !== undefined && rule.port !== port) return false;
    return sameIp(rule.host, address);
  });
}

type Rule = { kind: "host"; host: string; port?: string } | { kind: "cidr"; network: number[]; prefix: number };

function parseEntry(entry: string): Rule {
  const text = entry.trim().toLowerCase();
  const cidr = /^(.+)\/(\d{1,3})$/.exec(text);
  if (cidr?.[1] && cidr[2]) {
    const network = ipBytes(cidr[1]);
    if (network) return { kind: "cidr", network, prefix: Math.min(Number(cidr[2]), network.length * 8) };
  }
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed?.[1]) return { kind: "host", host: bracketed[1], ...(bracketed[2] ? { port: bracketed[2] } : {}) };
  if (ipBytes(text)) return { kind: "host", host: text };
  const withPort = /^(.+):(\d+)$/.exec(text);
  if (withPort?.[1] && withPort[2]) return { kind: "host", host: withPort[1], port: withPort[2] };
  return { kind: "host", host: text };
}

function sameIp(a: string, b: string): boolean {
  const x = ipBytes(a);
  const y = ipBytes(b);
  return !!x && !!y && x.length === y.length && x.every((v, i) => v === y[i]);
}

function bareHost(hostname: string): string {
  const host = hostname.toLowerCase();
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host.replace(/\.$/, "");
}

function effectivePort(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}
