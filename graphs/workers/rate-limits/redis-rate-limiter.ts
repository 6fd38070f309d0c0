import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { InterleafError } from "../../../src/errors/index.js";

/** The limits of one endpoint, held by every worker that shares the Redis server. */
export interface RateLimit {
  /** Requests started per second (a sliding one-second window). */
  requestsPerSecond?: number;
  /** Requests in flight at once. */
  maxConcurrent?: number;
}

/** Options of {@link redisRateLimiter}. */
export interface RedisRateLimiterOptions extends RateLimit {
  /** The Redis key prefix of this limit, e.g. `interleaf:limit:api.openai.com`. */
  key: string;
  /**
   * How long a request slot is held at most (ms) when its worker dies without giving it back.
   * Default 10 minutes: longer than any one request.
   */
  leaseMs?: number;
}

/** A rate limit shared through Redis: take a slot before a request, give it back after. */
export interface RateLimiter {
  /** Waits until the limits allow one more request, then holds a slot until `release`. */
  acquire(signal?: AbortSignal): Promise<{ release(): Promise<void> }>;
  /** Holds every worker's next request back for `ms` (a 429's `Retry-After`). */
  pauseFor(ms: number): Promise<void>;
}

// KEYS: active (zset token → lease end), starts (zset token → start time), pause (string)
// ARGV: token, maxConcurrent (0: none), requestsPerSecond (0: none), leaseMs
// Returns 0 when a slot was taken, else the milliseconds to wait before asking again.
// The time is Redis's own, so workers on machines with skewed clocks agree.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = redis.call('PTTL', KEYS[3])
if paused > 0 then return paused end
local max = tonumber(ARGV[2])
local rps = tonumber(ARGV[3])
if max > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  if redis.call('ZCARD', KEYS[1]) >= max then return 10 end
end
if rps > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - 1000)
  if redis.call('ZCARD', KEYS[2]) >= rps then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    return math.max(1, tonumber(oldest[2]) + 1000 - now)
  end
  redis.call('ZADD', KEYS[2], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[2], 2000)
end
if max > 0 then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
end
return 0
`;

// Extends a pause, never shortens one another worker set.
const PAUSE = `
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 0
`;

/**
 * A rate limit kept in Redis, so that it holds across every worker process and machine sharing the
 * server: at most `requestsPerSecond` requests start in any second and at most `maxConcurrent` are
 * in flight; `pauseFor` (a 429's `Retry-After`) holds everyone back. Each check is one Lua script
 * on Redis's clock. A slot whose worker was killed is freed when its lease ends.
 *
 * @example
 * ```ts
 * import { Redis } from "ioredis";
 * import { redisRateLimiter } from "interleaf/workers";
 *
 * const redis = new Redis("redis://127.0.0.1:6379");
 * const limiter = redisRateLimiter(redis, { key: "interleaf:limit:model", requestsPerSecond: 5, maxConcurrent: 2 });
 * const slot = await limiter.acquire();
 * try {
 *   // send the request
 * } finally {
 *   await slot.release();
 * }
 * ```
 */
export function redisRateLimiter(redis: Redis, options: RedisRateLimiterOptions): RateLimiter {
  const keys = [`${options.key}:active`, `${options.key}:starts`, `${options.key}:pause`] as const;
  const max = positiveOrZero(options.maxConcurrent, "maxConcurrent");
  const rps = positiveOrZero(options.requestsPerSecond, "requestsPerSecond");
  const leaseMs = options.leaseMs ?? 600_000;
  return {
    async acquire(signal) {
      const token = randomUUID();
      for (;;) {
        signal?.throwIfAborted();
        const wait = Number(await redis.eval(ACQUIRE, 3, ...keys, token, max, rps, leaseMs));
        if (wait <= 0) break;
        await sleep(Math.min(wait, 250), undefined, signal ? { signal } : {});
      }
      let released = false;
      return {
        async release() {
          if (released || max === 0) return;
          released = true;
          await redis.zrem(keys[0], token);
        },
      };
    },
    async pauseFor(ms) {
      if (ms > 0) await redis.eval(PAUSE, 1, keys[2], Math.ceil(ms));
    },
  };
}

function positiveOrZero(value: number | undefined, argument: string): number {
  if (value === undefined) return 0;
  if (!Number.isFinite(value) || value <= 0) throw new InterleafError("invalid_argument", `${argument} must be a positive number, got ${value}`, { details: { argument, value } });
  return Math.ceil(value);
}
