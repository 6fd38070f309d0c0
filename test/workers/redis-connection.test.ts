import { expect, it } from "vitest";
import { InterleafError } from "interleaf";
import { redisConnection, RunJobSchema } from "interleaf/workers";

it("refuses a queue URL that is not Redis's, saying which schemes work", () => {
  for (const url of ["postgres://127.0.0.1:5432/test", "127.0.0.1:6379", "not a url"]) {
    const error = (() => {
      try {
        redisConnection(url);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(InterleafError.isInstance(error, "config_invalid"), url).toBe(true);
    expect((error as Error).message).toContain("redis://");
  }
});

it("connects to the test Redis and answers a ping", async () => {
  const redis = redisConnection("redis://127.0.0.1:6379");
  try {
    expect(await redis.ping()).toBe("PONG");
  } finally {
    redis.disconnect();
  }
});

it("a job refuses image bytes (workers read references from the shared store) and an empty thread id", () => {
  const job = { threadId: "t", spec: { mode: "general", dialect: "r1v4", script: "/abs/turns.json" }, input: { question: "q", images: [new Uint8Array([1, 2])] } };
  expect(RunJobSchema.safeParse(job).success).toBe(false);
  expect(RunJobSchema.safeParse({ ...job, input: { question: "q" } }).success).toBe(true);
  expect(RunJobSchema.safeParse({ ...job, threadId: "" }).success).toBe(false);
});
