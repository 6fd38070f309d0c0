import { Redis } from "ioredis";
import { InterleafError } from "../../src/errors/index.js";

/**
 * An ioredis connection for queues and workers from a `redis://` (or `rediss://`) URL: commands wait
 * through an outage instead of failing (`maxRetriesPerRequest: null`, as BullMQ workers need), and
 * reconnects back off up to two seconds apart. A URL that is not Redis's is `config_invalid`.
 *
 * @example
 * ```ts
 * import { redisConnection } from "interleaf/workers";
 *
 * const redis = redisConnection("redis://127.0.0.1:6379");
 * await redis.ping();
 * redis.disconnect();
 * ```
 */
export function redisConnection(url: string): Redis {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new InterleafError("config_invalid", "the queue URL cannot be parsed; use redis://host:6379", { cause: error });
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new InterleafError("config_invalid", `the queue URL must be redis:// or rediss://, got ${parsed.protocol}//`);
  }
  const redis = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2_000) });
  // A dropped connection is reported by the commands that wait for it, not as a crash.
  redis.on("error", () => {});
  return redis;
}
