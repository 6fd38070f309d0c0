import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InterleafError, isRetryableStatus, openAICompatibleModel } from "interleaf";
import { ObservationSchema } from "../../src/state/trajectory.js";
import { httpStatusError } from "../../src/net/http-status-error.js";
import { safeFetch, serperSearch, withRetry } from "interleaf/search";
import { isTestingError } from "../../src/testing/testing-error.js";
import { openCassette } from "interleaf/testing";

// One HTTP server that answers every request with the status and headers its path asks for.
let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((request, response) => {
    const [, status = "500", retryAfter] = (request.url ?? "").split("/");
    response.writeHead(Number(status), { "content-type": "application/json", ...(retryAfter ? { "retry-after": retryAfter } : {}) });
    response.end(JSON.stringify({ error: { message: `status ${status}` } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("InterleafError", () => {
  it("narrows on a code passed to isInstance, and on nothing else", () => {
    const error: unknown = new InterleafError("thread_not_found", "no thread t", { details: { threadId: "t" } });
    expect(InterleafError.isInstance(error)).toBe(true);
    expect(InterleafError.isInstance(error, "thread_not_found") && error.details.threadId).toBe("t");
    expect(InterleafError.isInstance(error, "checkpoint_not_found")).toBe(false);
    expect(InterleafError.isInstance(new Error("plain"))).toBe(false);
    // A copy from another installation of the package is recognised by its marker.
    const foreign = Object.assign(new Error("x"), { code: "timeout", [Symbol.for("interleaf.error")]: true });
    expect(InterleafError.isInstance(foreign, "timeout")).toBe(true);
  });

  it("round-trips through the ErrorInfo that state keeps, details included", () => {
    const error = new InterleafError("tool_input_invalid", "bad", { details: { tool: "zoom", issues: [{ path: ["bbox_2d"], message: "Required" }] } });
    const info = ObservationSchema.parse({ text: error.message, error: error.toJSON() }).error;
    expect(info).toEqual({ code: "tool_input_invalid", message: "bad", retryable: false, details: { tool: "zoom", issues: [{ path: ["bbox_2d"], message: "Required" }] } });
    const again = InterleafError.fromJSON(info!);
    expect(InterleafError.isInstance(again, "tool_input_invalid") && again.details.issues[0]?.path).toEqual(["bbox_2d"]);
  });

  it("wraps what a fallback catches in the code given, keeping interleaf errors and aborts as they are", () => {
    const bug = InterleafError.from(new TypeError("x is undefined"), "internal_error", "the run failed");
    expect([bug.code, bug.message, (bug.cause as Error).name]).toEqual(["internal_error", "the run failed: x is undefined", "TypeError"]);
    const known = new InterleafError("timeout", "slow", { retryable: true });
    expect(InterleafError.from(known, "internal_error")).toBe(known);
    expect(InterleafError.from(new DOMException("stop", "AbortError"), "internal_error").code).toBe("aborted");
  });

  it("keeps test-only codes apart: isTestingError knows them, they are still InterleafErrors", async () => {
    const missing = await openCassette("/nonexistent/cassette", { mode: "replay" }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(missing)).toBe(true);
    expect(isTestingError(missing, "cassette_not_found") && missing.details.dir).toBe("/nonexistent/cassette");
    expect(isTestingError(new InterleafError("timeout", "slow"))).toBe(false);
  });
});

describe("one mapping from HTTP status to error", () => {
  it("marks 408, 409, 429 and 5xx retryable, nothing else", () => {
    expect([400, 401, 404, 408, 409, 422, 429, 500, 503].filter(isRetryableStatus)).toEqual([408, 409, 429, 500, 503]);
  });

  it("reads Retry-After and retry-after-ms, and says what to do", () => {
    const limited = httpStatusError(429, { code: "search_failed", what: "Serper search", headers: new Headers({ "retry-after": "3" }) });
    expect([limited.code, limited.retryable, limited.details]).toEqual(["search_failed", true, { status: 429, retryAfterMs: 3000 }]);
    expect(limited.message).toBe("Serper search failed with HTTP 429: the service is rate limiting: wait and try again, or lower the request rate");
    const precise = httpStatusError(503, { code: "model_failed", what: "the model", headers: new Headers({ "retry-after-ms": "250", "retry-after": "9" }) });
    expect(precise.details.retryAfterMs).toBe(250);
    expect(httpStatusError(404, { code: "model_failed", what: "the model" }).message).toContain("check the base URL and the model name");
    expect(httpStatusError(404, { what: "fetching https://example.com/x" }).code).toBe("fetch_failed");
  });

  it("is what the model, search and page backends report for the same status", async () => {
    const model = openAICompatibleModel({ baseURL: `${base}/429/2`, model: "m", apiKey: "", maxRetries: 0 });
    const fromModel = await model.generate({ messages: [] }).catch((e: unknown) => e);
    const fromSearch = await serperSearch({ apiKey: "k", baseURL: `${base}/429/2` }).search("q").catch((e: unknown) => e);
    const fromPage = await safeFetch(`${base}/429/2`, { allow: ["127.0.0.1"] }).catch((e: unknown) => e);
    const shape = (e: unknown) => (InterleafError.isInstance(e) ? [e.code, e.retryable, "status" in e.details ? e.details.status : null, "retryAfterMs" in e.details ? e.details.retryAfterMs : null] : e);
    expect([fromModel, fromSearch, fromPage].map(shape)).toEqual([
      ["model_failed", true, 429, 2000],
      ["search_failed", true, 429, 2000],
      ["fetch_failed", true, 429, 2000],
    ]);
  });

  it("feeds withRetry, which waits as long as the service asked and counts the attempts", async () => {
    const waits: number[] = [];
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls += 1;
        throw httpStatusError(503, { what: "fetching", headers: new Headers({ "retry-after": "1" }) });
      },
      { retries: 2, sleep: async (ms) => void waits.push(ms) },
    ).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(waits).toEqual([1000, 1000]);
    expect(InterleafError.isInstance(error, "fetch_failed") && error.details).toMatchObject({ status: 503, attempts: 3 });
  });
});
