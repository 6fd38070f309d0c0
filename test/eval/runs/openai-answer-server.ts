// A local OpenAI-compatible chat server standing in for a model under evaluation: it answers by
// the question in the conversation and the number of assistant turns so far, and logs every
// request with the status it answered (or `held` for a request it never answers).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type ServerReply = { text: string } | { status: number } | "hold";

export interface LoggedRequest {
  question: string;
  turn: number;
  status: number | "held";
}

export async function startAnswerServer(reply: (question: string, turn: number, seen: number) => ServerReply, latencyMs = 0) {
  const log: LoggedRequest[] = [];
  const held: (() => void)[] = [];
  let onHold: (() => void) | undefined;
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", async () => {
      const parsed = JSON.parse(body) as { messages: { role: string; content: string | { type: string; text?: string }[] }[] };
      const texts = parsed.messages.filter((m) => m.role === "user").flatMap((m) => (typeof m.content === "string" ? [m.content] : m.content.filter((p) => p.type === "text").map((p) => p.text ?? "")));
      const question = texts.find((t) => t.includes("?")) ?? "";
      const turn = parsed.messages.filter((m) => m.role === "assistant").length;
      const seen = log.filter((r) => r.question === question && r.turn === turn).length;
      const answer = reply(question, turn, seen);
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      if (answer === "hold") {
        log.push({ question, turn, status: "held" });
        held.push(() => response.destroy());
        onHold?.();
        return;
      }
      if ("status" in answer) {
        log.push({ question, turn, status: answer.status });
        response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "server error" } }));
        return;
      }
      log.push({ question, turn, status: 200 });
      response.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({ id: "c", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: answer.text }, finish_reason: "stop" }], usage: { prompt_tokens: 50, completion_tokens: 5 } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    log,
    /** Resolves when a request is held. */
    held: () => new Promise<void>((resolve) => (onHold = resolve)),
    async close() {
      for (const release of held) release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
