import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InterleafError } from "interleaf";
import { blockedAddressReason } from "../../src/net/ip-address.js";
import { guardUrl, type LookupFunction } from "../../src/net/url-guard.js";
import { safeFetch } from "../../src/net/safe-fetch.js";
import { startScriptedServer, type ScriptedServer } from "./scripted-server.js";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return InterleafError.isInstance(error) ? error.code : `not an InterleafError: ${String(error)}`;
  }
}

const noDns: LookupFunction = async (name) => {
  throw new Error(`unexpected DNS lookup of ${name}`);
};

describe("blockedAddressReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["::1", "loopback"],
    ["10.20.30.40", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "metadata"],
    ["169.254.10.10", "link-local"],
    ["fe80::1", "link-local"],
    ["fc00::5", "private"],
    ["fd00:ec2::254", "metadata"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["64:ff9b::10.0.0.1", "private"],
    ["2002:7f00:1::", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["100.100.100.200", "carrier-grade"],
    ["224.0.0.1", "multicast"],
  ])("refuses %s (%s)", (address, word) => {
    expect(blockedAddressReason(address)).toContain(word);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "172.32.0.1"])("admits the public address %s", (address) => {
    expect(blockedAddressReason(address)).toBeUndefined();
  });
});

describe("safeFetch and the SSRF guard", () => {
  let server: ScriptedServer;
  let other: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer();
    other = await startScriptedServer();
    server.route("/page", () => ({ headers: { "content-type": "text/html; charset=utf-8" }, body: "<p>hello</p>" }));
    server.route("/to-private", () => ({ status: 302, headers: { location: "http://10.1.2.3/admin" } }));
    server.route("/to-metadata", () => ({ status: 301, headers: { location: "http://169.254.169.254/latest/meta-data/" } }));
    server.route("/to-other-port", () => ({ status: 302, headers: { location: `http://127.0.0.1:${other.port}/page` } }));
    server.route("/to-page", () => ({ status: 307, headers: { location: "/page" } }));
    server.route("/loop", () => ({ status: 302, headers: { location: "/loop" } }));
    server.route("/hang", () => ({ hang: true }));
    server.route("/huge", () => ({ streamBytes: 20_000_000 }));
    server.route("/declared-huge", () => ({ headers: { "content-length": "50000000" }, body: "" }));
    server.route("/missing", () => ({ status: 404, body: "no" }));
    server.route("/busy", () => ({ status: 503, headers: { "retry-after": "7" }, body: "busy" }));
    other.route("/page", () => ({ body: "other" }));
  });
  afterAll(async () => {
    await server.close();
    await other.close();
  });

  const allow = () => [`127.0.0.1:${server.port}`];

  it("fetches an allow-listed local server and reports the content type", async () => {
    const page = await safeFetch(`${server.url}/page`, { allow: allow() });
    expect(page.status).toBe(200);
    expect(page.contentType).toBe("text/html");
    expect(new TextDecoder().decode(page.bytes)).toBe("<p>hello</p>");
  });

  it("refuses 127.0.0.1 when it is not allow-listed, before any request is sent", async () => {
    const before = server.received.length;
    expect(await codeOf(safeFetch(`${server.url}/page`))).toBe("fetch_blocked");
    expect(server.received.length).toBe(before);
  });

  it("refuses ::1, 10.x, 169.254.169.254 and 0.0.0.0 literals", async () => {
    for (const url of ["http://[::1]:80/", "http://10.0.0.7/", "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0:8080/", "http://[::ffff:127.0.0.1]/", "http://2130706433/"]) {
      expect(await codeOf(safeFetch(url, { lookup: noDns })), url).toBe("fetch_blocked");
    }
  });

  it("refuses a host name that resolves to loopback, and one with any private address", async () => {
    const lookup: LookupFunction = async (name) =>
      name === "evil.example" ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "93.184.216.34", family: 4 }, { address: "fd12::1", family: 6 }];
    const before = server.received.length;
    const error = await guardUrl(`http://evil.example:${server.port}/page`, { lookup }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error) && error.code).toBe("fetch_blocked");
    expect((error as Error).message).toContain("evil.example resolves to 127.0.0.1");
    expect(await codeOf(guardUrl("http://mixed.example/", { lookup }))).toBe("fetch_blocked");
    expect(server.received.length).toBe(before);
  });

  it("refuses localhost and metadata host names without resolving them", async () => {
    expect(await codeOf(guardUrl("http://localhost:3000/", { lookup: noDns }))).toBe("fetch_blocked");
    expect(await codeOf(guardUrl("http://metadata.google.internal/computeMetadata/v1/", { lookup: noDns }))).toBe("fetch_blocked");
  });

  it("refuses non-http schemes and URLs with credentials", async () => {
    for (const url of ["file:///etc/passwd", "ftp://example.com/x", "data:text/plain,hi", "gopher://example.com/", "https://user:pw@example.com/"]) {
      expect(await codeOf(safeFetch(url, { lookup: noDns })), url).toBe("fetch_blocked");
    }
  });

  it("re-checks every redirect: a redirect to a private or metadata address is refused", async () => {
    expect(await codeOf(safeFetch(`${server.url}/to-private`, { allow: allow() }))).toBe("fetch_blocked");
    expect(await codeOf(safeFetch(`${server.url}/to-metadata`, { allow: allow() }))).toBe("fetch_blocked");
  });

  it("allow-list entries with a port admit only that port, also after a redirect", async () => {
    const before = other.received.length;
    expect(await codeOf(safeFetch(`${server.url}/to-other-port`, { allow: allow() }))).toBe("fetch_blocked");
    expect(other.received.length).toBe(before);
    const page = await safeFetch(`${server.url}/to-other-port`, { allow: [...allow(), `127.0.0.1:${other.port}`] });
    expect(new TextDecoder().decode(page.bytes)).toBe("other");
  });

  it("follows allowed redirects and records them", async () => {
    const page = await safeFetch(`${server.url}/to-page`, { allow: allow() });
    expect(page.url).toBe(`${server.url}/page`);
    expect(page.redirects).toEqual([`${server.url}/to-page`]);
  });

  it("stops redirect loops", async () => {
    const error = await safeFetch(`${server.url}/loop`, { allow: allow(), maxRedirects: 3 }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error) && error.code).toBe("fetch_failed");
    expect((error as Error).message).toContain("more than 3 times");
  });

  it("cuts off bodies over maxBytes, streamed or declared", async () => {
    const streamed = await safeFetch(`${server.url}/huge`, { allow: allow(), maxBytes: 1_000_000 }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(streamed) && streamed.code).toBe("fetch_failed");
    expect((streamed as Error).message).toContain("too large");
    const declared = await safeFetch(`${server.url}/declared-huge`, { allow: allow(), maxBytes: 1_000_000 }).catch((e: unknown) => e);
    expect((declared as InterleafError<"fetch_failed">).details.declaredBytes).toBe(50_000_000);
  });

  it("turns a hanging server into a retryable timeout", async () => {
    const error = await safeFetch(`${server.url}/hang`, { allow: allow(), timeoutMs: 200 }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error) && error.code).toBe("timeout");
    expect((error as InterleafError).retryable).toBe(true);
  });

  it("maps HTTP errors: 404 final, 503 retryable with Retry-After", async () => {
    const missing = (await safeFetch(`${server.url}/missing`, { allow: allow() }).catch((e: unknown) => e)) as InterleafError<"fetch_failed">;
    expect([missing.code, missing.retryable, missing.details.status]).toEqual(["fetch_failed", false, 404]);
    const busy = (await safeFetch(`${server.url}/busy`, { allow: allow() }).catch((e: unknown) => e)) as InterleafError<"fetch_failed">;
    expect([busy.retryable, busy.details.status, busy.details.retryAfterMs]).toEqual([true, 503, 7000]);
  });

  it("admits a private network by CIDR", async () => {
    const { addresses } = await guardUrl("http://intranet.example/", { allow: ["10.0.0.0/8"], lookup: async () => [{ address: "10.4.5.6", family: 4 }] });
    expect(addresses).toEqual(["10.4.5.6"]);
  });
});
