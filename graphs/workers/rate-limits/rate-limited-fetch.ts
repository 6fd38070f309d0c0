import type { Redis } from "ioredis";
import { parseRetryAfter } from "../../../src/net/retry-after.js";
import { redisRateLimiter, type RateLimit, type RateLimiter } from "./redis-rate-limiter.js";

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Options of {@link rateLimitedFetch}. */
export interface RateLimitedFetchOptions {
  /**
   * The limits per endpoint, keyed by origin (`https://api.openai.com`, `http://127.0.0.1:8000`,
   * `https://google.serper.dev`): a model endpoint or a search provider. Requests to other origins
   * go through unlimited.
   */
  limits: Record<string, RateLimit>;
  /** Prefix of the Redis keys (default `interleaf:limit`); workers sharing limits use the same one. */
  keyPrefix?: string;
  /** The fetch that sends the requests (default: the global fetch). */
  fetch?: typeof fetch;
  /** See `RedisRateLimiterOptions.leaseMs`. */
  leaseMs?: number;
}

/**
 * A fetch that keeps every worker sharing the Redis server within each endpoint's limits: a
 * request waits for a slot (requests per second, requests in flight), and a `429` answer's
 * `Retry-After` holds back every worker's next request to that endpoint for that long (the
 * backend's own retry then finds the endpoint open again). Give it to the model and search
 * backends (`agentFromSpec(spec, { storage, fetch })`); `createWorker` does with its
 * `rateLimits` option.
 *
 * @example
 * ```ts
 * import { Redis } from "ioredis";
 * import { rateLimitedFetch } from "interleaf/workers";
 *
 * const fetch = rateLimitedFetch(new Redis("redis://127.0.0.1:6379"), {
 *   limits: { "https://api.openai.com": { requestsPerSecond: 8, maxConcurrent: 4 } },
 * });
 * ```
 */
export function rateLimitedFetch(redis: Redis, options: RateLimitedFetchOptions): typeof fetch {
  const send = options.fetch ?? globalThis.fetch;
  const prefix = options.keyPrefix ?? "interleaf:limit";
  const limiters = new Map<string, RateLimiter>();
  for (const [origin, limit] of Object.entries(options.limits)) {
    const key = new URL(origin).origin;
    limiters.set(key, redisRateLimiter(redis, { key: `${prefix}:${key}`, ...limit, ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}) }));
  }
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const limiter = limiters.get(url.origin);
    if (!limiter) return send(input, init);
    const signal = init?.signal ?? undefined;
    const slot = await limiter.acquire(signal);
    try {
      const response = await send(input, init);
      if (response.status === 429) {
        const waitMs = parseRetryAfter(response.headers.get("retry-after"));
        if (waitMs !== undefined) await limiter.pauseFor(waitMs);
      }
      // The slot is held until the body has arrived: a request is in flight until then.
      const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } finally {
      await slot.release();
    }
  };
}
