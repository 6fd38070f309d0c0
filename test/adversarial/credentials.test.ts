// Credentials that reach a model backend other than as its API key (in the base URL, in the extra body) must
// never be printed, stored or echoed back into a thread; a base URL with a query string must stay a URL.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InterleafError, openAICompatibleModel } from "interleaf";
import type { CliIo } from "../../cli/cli-io.js";
import { EXIT } from "../../cli/exit-codes.js";
import { runCli } from "../../cli/run-cli.js";

const QUERY_KEY = "qk-0123456789abcdef";
const BODY_KEY = "bk-fedcba9876543210";
const API_KEY = "sk-abcdefabcdefabcdef";
const seen: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? "");
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const echo = `you sent ${QUERY_KEY} and ${BODY_KEY} and ${API_KEY}`;
      if (body.includes("fail")) {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: echo } }));
        return;
      }
      const message = { role: "assistant", content: echo, tool_calls: [{ id: "c1", type: "function", function: { name: "t", arguments: JSON.stringify({ note: echo }) } }] };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ choices: [{ index: 0, message, finish_reason: "stop" }], usage: { prompt_tokens: 1, completion_tokens: 1 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const model = () => openAICompatibleModel({ baseURL: `${base}?api_key=${QUERY_KEY}&region=eu`, model: "m", apiKey: API_KEY, extraBody: { auth: { token: BODY_KEY } }, maxRetries: 0 });

describe("an OpenAI-compatible backend given credentials", () => {
  it("posts to /chat/completions with the base URL's query string kept after the path", async () => {
    await model().generate({ messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] });
    expect(seen.at(-1)).toBe(`/v1/chat/completions?api_key=${QUERY_KEY}&region=eu`);
  });

  it("redacts every credential a reply echoes, in its text and its tool-call arguments", async () => {
    const reply = await model().generate({ messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] });
    expect(reply.text).toBe("you sent [redacted] and [redacted] and [redacted]");
    expect(JSON.stringify(reply.toolCalls)).not.toMatch(/qk-|bk-|sk-/);
  });

  it("never prints a credential in an error", async () => {
    const error = await model().generate({ messages: [{ role: "user", content: [{ type: "text", text: "fail" }] }] }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error, "model_failed")).toBe(true);
    expect(String((error as Error).message)).not.toMatch(/qk-|bk-|sk-/);
  });

  it("refuses credentials before the host, without printing them", () => {
    const error = (() => {
      try {
        openAICompatibleModel({ baseURL: `http://user:${API_KEY}@127.0.0.1:1/v1`, model: "m", apiKey: "" });
      } catch (e) {
        return e;
      }
    })();
    expect(InterleafError.isInstance(error, "config_invalid")).toBe(true);
    expect((error as Error).message).not.toContain(API_KEY);
  });
});

describe("the CLI given credentials in --base-url or --extra-body", () => {
  it("refuses them before anything is stored, without echoing them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-cred-"));
    const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
    const errors: string[] = [];
    const io: CliIo = { out: () => undefined, err: (t) => void errors.push(t), env: { INTERLEAF_DB: join(dir, "t.db"), OPENAI_API_KEY: "x" }, cwd: dir, tty: { out: false, err: false } };
    expect(await runCli(["run", photo, "q", "--model", "m:m", "--base-url", `${base}?api_key=${QUERY_KEY}`], io)).toBe(EXIT.usage);
    expect(await runCli(["run", photo, "q", "--model", "m:m", "--base-url", base, "--extra-body", JSON.stringify({ api_key: BODY_KEY })], io)).toBe(EXIT.usage);
    expect(await runCli(["run", photo, "q", "--model", "m:m", "--base-url", base, "--extra-body", `{"api_key": "${BODY_KEY}"`], io)).toBe(EXIT.usage);
    expect(errors.join("")).toMatch(/--api-key-env/);
    expect(errors.join("")).not.toMatch(/qk-|bk-/);
  });
});
