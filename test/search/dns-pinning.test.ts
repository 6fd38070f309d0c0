import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InterleafError } from "interleaf";
import { safeFetch, type LookupFunction } from "interleaf/search";
import { startScriptedServer, type ScriptedServer } from "./scripted-server.js";

/** A DNS server that answers `answers[0]` to the first question, `answers[1]` to every later one. */
function rebindingLookup(...answers: string[]) {
  const asked: string[] = [];
  const lookup: LookupFunction = async (name) => {
    asked.push(name);
    const address = answers[Math.min(asked.length, answers.length) - 1] as string;
    return [{ address, family: address.includes(":") ? 6 : 4 }];
  };
  return { lookup, asked };
}

// Issue 17 item 11: the guard resolved the name, then `fetch` resolved it again to connect.
describe("safeFetch connects to the address the guard checked (no DNS rebinding)", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer();
    server.route("/page", () => ({ headers: { "content-type": "text/plain" }, body: "local secret" }));
    server.route("/gzip", () => ({ headers: { "content-type": "text/plain", "content-encoding": "gzip" }, body: gzipSync(Buffer.from("x".repeat(50_000))) }));
    server.route("/to-inner", () => ({ status: 302, headers: { location: `http://inner.example:${server.port}/page` } }));
  });
  afterAll(async () => server.close());

  it("a public first answer and 127.0.0.1 second: the second is never asked for nor used", async () => {
    const dns = rebindingLookup("93.184.216.34", "127.0.0.1");
    const before = server.received.length;
    const error = await safeFetch(`http://rebind.example:${server.port}/page`, { lookup: dns.lookup, timeoutMs: 1_500 }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error) && ["fetch_failed", "timeout"].includes(error.code)).toBe(true);
    expect(dns.asked).toEqual(["rebind.example"]);
    expect(server.received.length).toBe(before);
  });

  it("the connection goes to the vetted address, whatever a second resolution would say", async () => {
    const dns = rebindingLookup("127.0.0.1", "10.9.9.9");
    const page = await safeFetch(`http://rebind.example:${server.port}/page`, { lookup: dns.lookup, allow: [`127.0.0.1:${server.port}`] });
    expect(new TextDecoder().decode(page.bytes)).toBe("local secret");
    expect(dns.asked).toEqual(["rebind.example"]);
    expect(server.received.at(-1)?.headers.host).toBe(`rebind.example:${server.port}`);
  });

  it("a redirect to another name is resolved and checked again", async () => {
    const lookup: LookupFunction = async (name) => [{ address: name === "inner.example" ? "10.0.0.5" : "127.0.0.1", family: 4 }];
    const error = await safeFetch(`http://start.example:${server.port}/to-inner`, { lookup, allow: [`127.0.0.1:${server.port}`] }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error) && error.code).toBe("fetch_blocked");
    expect((error as Error).message).toContain("inner.example resolves to 10.0.0.5");
  });

  it("decompresses like fetch, and the size limit counts the decompressed bytes", async () => {
    const allow = [`127.0.0.1:${server.port}`];
    expect((await safeFetch(`${server.url}/gzip`, { allow })).bytes.byteLength).toBe(50_000);
    const error = await safeFetch(`${server.url}/gzip`, { allow, maxBytes: 10_000 }).catch((e: unknown) => e);
    expect((error as Error).message).toContain("too large");
  });
});
