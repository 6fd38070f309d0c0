/**
 * Reads an HTTP `Retry-After` value (delay in seconds, or an HTTP date) as milliseconds from
 * `now`; `undefined` when absent or unreadable. Negative delays (dates in the past) become 0.
 *
 * @example
 * ```ts
 * import { parseRetryAfter } from "./retry-after.js";
 *
 * console.log(parseRetryAfter("2")); // 2000
 * console.log(parseRetryAfter("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))); // 10000
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
