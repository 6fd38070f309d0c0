import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** The fixtures folder of the hosted R1V4 tests. */
export const SKYWORK_FIXTURES = new URL("../../fixtures/skywork/", import.meta.url);

/** A fixture file's text. */
export function skyworkFixture(path: string): string {
  return readFileSync(new URL(path, SKYWORK_FIXTURES), "utf8");
}

/** A request the server accepted or refused, as it arrived. */
export interface SkyworkRequest {
  path: string;
  authorization: string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** What the server does with a well-formed request: reply with this text, or fail with a status. */
export type SkyworkReply = { content: string } | { status: number; error: { message: string; type?: string; code?: string }; headers?: Record<string, string> };

/** A local stand-in for api.skyworkmodel.ai on 127.0.0.1. */
export interface SkyworkServer {
  /** The API root to give `hostedR1V4Model` (`…/api/v1`). */
  baseURL: string;
  requests: SkyworkRequest[];
  close(): Promise<void>;
}

const MODELS = new Set(["skywork/r1v4-lite", "skywork/r1v4-vl-planner-lite", "skywork/r1v4-deepresearch", "skywork/r1v4-plan"]);

/**
 * What the request shape of Skywork's clients (`r1v4/batch_nonstream.py`) breaks, or undefined
 * when it is right: a known model, one user message whose content is image data URLs then one
 * text, no system message, no stop, `"stream": false`, and `enable_search` a boolean when sent.
 */
function shapeProblem(body: Record<string, unknown>): string | undefined {
  if (typeof body.model !== "string" || !MODELS.has(body.model)) return `unknown model ${String(body.model)}`;
  if (body.stream !== false) return "stream must be false for a JSON reply";
  if ("stop" in body) return "the hosted loop takes no stop sequence";
  if ("enable_search" in body && typeof body.enable_search !== "boolean") return "enable_search must be a boolean";
  const messages = body.messages as { role: string; content: unknown }[] | undefined;
  if (!Array.isArray(messages) || messages.length === 0) return "messages must be a non-empty array";
  if (messages.some((m) => m.role === "system")) return "no system message: the hosted model brings its own";
  const first = messages[0] as { role: string; content: { type: string; text?: string; image_url?: { url: string } }[] | string };
  if (first.role !== "user") return "the first message must be the user's";
  const parts = typeof first.content === "string" ? [{ type: "text", text: first.content }] : first.content;
  const firstText = parts.findIndex((p) => p.type === "text");
  if (firstText < 0 || parts.slice(firstText).some((p) => p.type !== "text")) return "images must come before the text";
  if (parts.slice(0, firstText).some((p) => !/^data:image\/(jpeg|png|webp|gif);base64,[A-Za-z0-9+/=]+$/.test(p.image_url?.url ?? ""))) return "images must be base64 data URLs";
  return undefined;
}

/**
 * Starts the server; `reply` decides what a well-formed request with the right key gets. With
 * `strict` (default) a request not shaped as Skywork's clients send it is refused with 400; the
 * API itself documents system messages as accepted, so a lenient server only checks the key.
 */
export async function startSkyworkServer(key: string, reply: (request: SkyworkRequest, index: number) => SkyworkReply, { strict = true }: { strict?: boolean } = {}): Promise<SkyworkServer> {
  const requests: SkyworkRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(json));
      };
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        send(400, { error: { message: "the body is not JSON", type: "invalid_request_error" } });
        return;
      }
      const request: SkyworkRequest = { path: req.url ?? "", authorization: req.headers.authorization, body };
      requests.push(request);
      if (req.method !== "POST" || req.url !== "/api/v1/chat/completions") return send(404, { error: { message: `no route ${req.method} ${req.url}` } });
      // A real gateway's habit worth testing against: echo the credential it refused.
      if (request.authorization !== `Bearer ${key}`) return send(401, { error: { message: `invalid api key: ${request.authorization ?? "(none)"}`, type: "authentication_error", code: "invalid_api_key" } });
      const problem = strict ? shapeProblem(body) : undefined;
      if (problem) return send(400, { error: { message: problem, type: "invalid_request_error" } });
      const answer = reply(request, requests.length - 1);
      if ("status" in answer) return send(answer.status, { error: answer.error }, answer.headers);
      send(200, {
        id: `chatcmpl-${requests.length}`,
        object: "chat.completion",
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: answer.content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 1200, completion_tokens: 800, total_tokens: 2000 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/api/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
