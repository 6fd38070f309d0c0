import { InterleafError, type AnyInterleafError, type InterleafErrorCode } from "interleaf";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ImageStore, ModelMessage } from "interleaf";

/** A request as the local chat-completions server received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** What the server answers: a JSON body (or raw text), a status and headers; or nothing until the client leaves. */
export type Reply = { status?: number; headers?: Record<string, string>; json?: unknown; text?: string } | "hang";

/** A real HTTP server on 127.0.0.1 speaking /v1/chat/completions, scripted per request. */
export interface ChatServer {
  baseURL: string;
  requests: ReceivedRequest[];
  /** Resolves when the n-th request (from 1) has arrived. */
  received(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startChatServer(reply: (request: ReceivedRequest, index: number) => Reply): Promise<ChatServer> {
  const requests: ReceivedRequest[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // keep the raw text
      }
      const request: ReceivedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body };
      requests.push(request);
      for (const waiter of waiters.filter((w) => w.n <= requests.length)) waiter.resolve();
      const answer = req.url === "/v1/chat/completions" ? reply(request, requests.length - 1) : { status: 404, json: { error: { message: "not found" } } };
      if (answer === "hang") {
        open.add(res);
        res.on("close", () => open.delete(res));
        return;
      }
      const payload = answer.text ?? JSON.stringify(answer.json ?? {});
      res.writeHead(answer.status ?? 200, { "content-type": answer.text === undefined ? "application/json" : "text/html", ...answer.headers });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    received: (n) => new Promise<void>((resolve) => (requests.length >= n ? resolve() : waiters.push({ n, resolve }))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A chat-completions body with text, optional tool calls and usage. */
export function completion(content: string | null, extra: { toolCalls?: { id: string; name: string; arguments: string }[]; reasoning?: string; usage?: [number, number]; finish?: string } = {}) {
  const message: Record<string, unknown> = { role: "assistant", content };
  if (extra.reasoning) message.reasoning_content = extra.reasoning;
  if (extra.toolCalls) message.tool_calls = extra.toolCalls.map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } }));
  const [prompt, completionTokens] = extra.usage ?? [11, 7];
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_700_000_000,
    model: "test-model",
    choices: [{ index: 0, message, finish_reason: extra.finish ?? (extra.toolCalls ? "tool_calls" : "stop") }],
    usage: { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens },
  };
}

/** What the executor does before a model call: put each image's bytes into its part. */
export async function withImageBytes(messages: ModelMessage[], store: ImageStore): Promise<ModelMessage[]> {
  const out: ModelMessage[] = [];
  for (const message of messages) {
    const content = [];
    for (const part of message.content) {
      if (part.type !== "image") {
        content.push(part);
        continue;
      }
      const { bytes, mime } = await store.get(part.ref.id);
      content.push({ ...part, data: bytes, mime });
    }
    out.push({ ...message, content } as ModelMessage);
  }
  return out;
}

/** The bytes inside a base64 data URL. */
export function dataUrlBytes(url: string): { mime: string; bytes: Buffer } {
  const match = /^data:([^;]+);base64,(.*)$/.exec(url);
  if (!match) throw new Error(`not a base64 data URL: ${url.slice(0, 40)}`);
  return { mime: match[1] as string, bytes: Buffer.from(match[2] as string, "base64") };
}

/** The `InterleafError` a call fails with (of `code`, when given); fails the test if it succeeds or throws anything else. */
export async function caught(promise: Promise<unknown>): Promise<AnyInterleafError>;
export async function caught<C extends InterleafErrorCode>(promise: Promise<unknown>, code: C): Promise<InterleafError<C>>;
export async function caught(promise: Promise<unknown>, code?: InterleafErrorCode): Promise<AnyInterleafError> {
  try {
    await promise;
  } catch (error) {
    if (InterleafError.isInstance(error) && (code === undefined || error.code === code)) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}
