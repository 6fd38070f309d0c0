import { isIP } from "node:net";

/** An IP range that private-network guards refuse, with the reason a message gives. */
interface BlockedRange {
  /** Network address as bytes (4 for IPv4, 16 for IPv6). */
  bytes: number[];
  prefix: number;
  reason: string;
}

const V4_RANGES: BlockedRange[] = [
  v4("0.0.0.0", 8, "an unspecified ('this network') address"),
  v4("10.0.0.0", 8, "a private address"),
  v4("100.64.0.0", 10, "a shared carrier-grade NAT address"),
  v4("127.0.0.0", 8, "a loopback address"),
  v4("169.254.169.254", 32, "the cloud metadata address"),
  v4("169.254.0.0", 16, "a link-local address"),
  v4("172.16.0.0", 12, "a private address"),
  v4("192.0.0.0", 24, "an IETF protocol address"),
  v4("192.0.2.0", 24, "a documentation address"),
  v4("192.88.99.0", 24, "a 6to4 relay address"),
  v4("192.168.0.0", 16, "a private address"),
  v4("198.18.0.0", 15, "a benchmarking address"),
  v4("198.51.100.0", 24, "a documentation address"),
  v4("203.0.113.0", 24, "a documentation address"),
  v4("224.0.0.0", 4, "a multicast address"),
  v4("240.0.0.0", 4, "a reserved address"),
];

const V6_RANGES: BlockedRange[] = [
  v6("::", 128, "the unspecified address"),
  v6("::1", 128, "a loopback address"),
  v6("100::", 64, "a discard-only address"),
  v6("64:ff9b:1::", 48, "a local NAT64 address"),
  v6("2001::", 32, "a Teredo tunnel address"),
  v6("2001:db8::", 32, "a documentation address"),
  v6("fd00:ec2::254", 128, "the cloud metadata address"),
  v6("fc00::", 7, "a private (unique local) address"),
  v6("fe80::", 10, "a link-local address"),
  v6("fec0::", 10, "a site-local address"),
  v6("ff00::", 8, "a multicast address"),
];

/**
 * Why an IP address must not be fetched on behalf of a model, or `undefined` for a public
 * address. Covers IPv4 (loopback, private, carrier-grade NAT, link-local, the cloud metadata
 * address 169.254.169.254, multicast, reserved) and IPv6 (loopback, unique local, link-local,
 * site-local, multicast, Teredo), and looks inside IPv6 forms that embed an IPv4 address
 * (`::ffff:127.0.0.1`, `::127.0.0.1`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`). A string that is
 * not an IP address is refused too.
 *
 * @example
 * ```ts
 * import { blockedAddressReason } from "./ip-address.js";
 *
 * console.log(blockedAddressReason("169.254.169.254")); // "the cloud metadata address"
 * console.log(blockedAddressReason("::ffff:10.0.0.1")); // "a private address"
 * console.log(blockedAddressReason("93.184.216.34")); // undefined
 * ```
 */
export function blockedAddressReason(address: string): string | undefined {
  const bytes = ipBytes(address);
  if (!bytes) return "not a valid IP address";
  if (bytes.length === 4) return matchRange(bytes, V4_RANGES);
  const own = matchRange(bytes, V6_RANGES);
  if (own) return own;
  const embedded = embeddedIPv4(bytes);
  return embedded ? matchRange(embedded, V4_RANGES) : undefined;
}

/** The bytes of an IPv4 (4) or IPv6 (16) address, or `undefined` when `address` is neither. */
export function ipBytes(address: string): number[] | undefined {
  const plain = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const kind = isIP(plain.split("%")[0] ?? "");
  if (kind === 4) return plain.split(".").map(Number);
  if (kind === 6) return parseV6(plain.split("%")[0] ?? "");
  return undefined;
}

/** Whether `address` lies in the network `network/prefix` (both of the same family). */
export function inSubnet(address: number[], network: number[], prefix: number): boolean {
  if (address.length !== network.length) return false;
  for (let bit = 0; bit < prefix; bit++) {
    const i = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((address[i] ?? 0) & mask) !== ((network[i] ?? 0) & mask)) return false;
  }
  return true;
}

function matchRange(bytes: number[], ranges: BlockedRange[]): string | undefined {
  return ranges.find((range) => inSubnet(bytes, range.bytes, range.prefix))?.reason;
}

/** The IPv4 address inside mapped, compatible, NAT64 and 6to4 IPv6 addresses. */
function embeddedIPv4(bytes: number[]): number[] | undefined {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  if (zeros(0, 12) && !zeros(12, 16)) return bytes.slice(12);
  if (inSubnet(bytes, parseV6("64:ff9b::"), 96)) return bytes.slice(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  return undefined;
}

function parseV6(text: string): number[] {
  let source = text;
  const tail: number[] = [];
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(source);
  if (v4Tail?.[1]) {
    const parts = v4Tail[1].split(".").map(Number);
    tail.push(((parts[0] ?? 0) << 8) | (parts[1] ?? 0), ((parts[2] ?? 0) << 8) | (parts[3] ?? 0));
    source = source.slice(0, -v4Tail[1].length);
    if (source.endsWith(":") && !source.endsWith("::")) source = source.slice(0, -1);
  }
  const [head = "", rest] = source.split("::");
  const left = head === "" ? [] : head.split(":").map((h) => parseInt(h, 16));
  const right = rest === undefined || rest === "" ? [] : rest.split(":").map((h) => parseInt(h, 16));
  const words = rest === undefined ? [...left, ...tail] : [...left, ...new Array<number>(8 - left.length - right.length - tail.length).fill(0), ...right, ...tail];
  return words.flatMap((w) => [(w >> 8) & 0xff, w & 0xff]);
}

function v4(address: string, prefix: number, reason: string): BlockedRange {
  return { bytes: address.split(".").map(Number), prefix, reason };
}

function v6(address: string, prefix: number, reason: string): BlockedRange {
  return { bytes: parseV6(address), prefix, reason };
}
