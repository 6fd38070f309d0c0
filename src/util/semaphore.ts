/**
 * At most `limit` holders at once; the others wait in arrival order. `use` runs a function
 * holding one permit and always gives it back.
 *
 * @example
 * ```ts
 * import { Semaphore } from "./semaphore.js";
 *
 * const gate = new Semaphore(2);
 * console.log(await Promise.all([1, 2, 3].map((n) => gate.use(async () => n * 2)))); // [2, 4, 6]
 * ```
 */
export class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#free = Math.max(1, Math.floor(limit));
  }

  async use<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    }
  }
}
