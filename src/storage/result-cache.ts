/**
 * A durable key → JSON value map kept beside the checkpoints. The executor journals finished tool
 * calls in it (so a resumed run never repeats one) and search backends cache paid queries by
 * request fingerprint (so a replay never pays twice).
 */
export interface ResultCache {
  /** Interface version, bumped on breaking changes. */
  readonly specificationVersion: "v1";
  /** The stored value, or `undefined`. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores a JSON-serialisable value, replacing any earlier one. */
  set(key: string, value: unknown): Promise<void>;
}
