/** What a streamed chat completion adds up to, in the shape of a non-streamed body (read by `readChatCompletion`). */
export interface AssembledCompletion {
  choices: { message: { content: string; reasoning_content?: string; tool_calls: { id?: string; function: { name: string; arguments: string } }[] }; finish_reason?: string }[];
  usage?: Record<string, unknown>;
  error?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a chat-completions reply streamed as server-sent events (`stream: true`): each `data:`
 * line is a chunk whose `choices[0].delta` carries a piece of the text, of the reasoning or of a
 * tool call (by `index`), until `data: [DONE]`. The text is passed to `onText` as it comes, the
 * reasoning inside `<think>…</think>` as the non-streamed reply reads it. Once `onText` returns
 * true (a stop sequence was seen) no more text is passed on, but the rest is still read: the
 * server was given the stop sequence and ends soon, and its last chunk carries the usage.
 * Returns the assembled reply.
 */
export async function readChatCompletionStream(body: ReadableStream<Uint8Array>, onText: (delta: string) => boolean): Promise<AssembledCompletion> {
  let content = "";
  let reasoning = "";
  let finish: string | undefined;
  let usage: Record<string, unknown> | undefined;
  const calls: { id?: string; function: { name: string; arguments: string } }[] = [];
  let inThink = false;
  let stopped = false;
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = buffer.split(/\r?\n/);
      buffer = done ? "" : (lines.pop() ?? "");
      for (const line of lines) {
        if (!line.startsWith("data:")) continue;
        const data = line.slice(5).trim();
        if (data === "[DONE]") return assemble();
        let chunk: unknown;
        try {
          chunk = JSON.parse(data);
        } catch {
          continue; // a keep-alive or a comment the server sent as data
        }
        if (!isRecord(chunk)) continue;
        if (chunk.error !== undefined) return { choices: [], error: chunk.error };
        if (isRecord(chunk.usage)) usage = chunk.usage;
        const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
        if (!isRecord(choice)) continue;
        if (typeof choice.finish_reason === "string") finish = choice.finish_reason;
        const delta = isRecord(choice.delta) ? choice.delta : {};
        const thinking = typeof delta.reasoning_content === "string" ? delta.reasoning_content : typeof delta.reasoning === "string" ? delta.reasoning : "";
        let shown = "";
        if (thinking) {
          reasoning += thinking;
          shown += `${inThink ? "" : "<think>"}${thinking}`;
          inThink = true;
        }
        if (typeof delta.content === "string" && delta.content) {
          content += delta.content;
          shown += `${inThink ? "</think>" : ""}${delta.content}`;
          inThink = false;
        }
        for (const part of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
          if (!isRecord(part)) continue;
          const index = typeof part.index === "number" ? part.index : calls.length;
          const call = (calls[index] ??= { function: { name: "", arguments: "" } });
          if (typeof part.id === "string") call.id = part.id;
          const fn = isRecord(part.function) ? part.function : {};
          if (typeof fn.name === "string") call.function.name += fn.name;
          if (typeof fn.arguments === "string") call.function.arguments += fn.arguments;
        }
        if (shown && !stopped) stopped = onText(shown);
      }
      if (done) return assemble();
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }

  function assemble(): AssembledCompletion {
    if (inThink && !stopped) stopped = onText("</think>");
    inThink = false;
    const message = { content, ...(reasoning ? { reasoning_content: reasoning } : {}), tool_calls: calls.filter(Boolean) };
    return { choices: [{ message, ...(finish ? { finish_reason: finish } : {}) }], ...(usage ? { usage } : {}) };
  }
}
