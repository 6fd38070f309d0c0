import type { LocatedJson } from "./json-location.js";
import { parseJsonLocated } from "./json-location.js";

/**
 * Reads a tool-call body as Python's `eval()` reads a literal, for loops that parse calls that
 * way (DeepEyes' `eval_vstar.py`): JSON, plus single-quoted strings, `True`/`False`/`None`,
 * tuples and trailing commas. Anything beyond literals (names, calls, operators) is refused:
 * only the literal subset of what `eval()` accepts is read, never code.
 */
export function parsePythonLiteral(source: string): LocatedJson {
  const json = parseJsonLocated(source);
  if (json.ok) return json;
  const reader = new LiteralReader(source.trim());
  try {
    const value = reader.value();
    reader.blank();
    if (!reader.done()) return { ok: false, problem: `${json.problem} (nor a Python literal: unexpected text at character ${reader.position + 1})` };
    return { ok: true, value };
  } catch (error) {
    const detail = error instanceof LiteralFault ? error.message : "not a literal";
    return { ok: false, problem: `${json.problem} (nor a Python literal: ${detail})` };
  }
}

class LiteralFault {
  constructor(readonly message: string) {}
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "\\": "\\", "'": "'", '"': '"', "0": "\0" };

class LiteralReader {
  position = 0;
  constructor(readonly text: string) {}

  done(): boolean {
    return this.position >= this.text.length;
  }

  blank(): void {
    while (!this.done() && /\s/.test(this.text.charAt(this.position))) this.position++;
  }

  fault(what: string): never {
    throw new LiteralFault(`${what} at character ${this.position + 1}`);
  }

  value(): unknown {
    this.blank();
    const c = this.text.charAt(this.position);
    if (c === "{") return this.dict();
    if (c === "[") return this.sequence("]");
    if (c === "(") return this.sequence(")");
    if (c === "'" || c === '"') return this.string(c);
    const word = /^(True|False|None|-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.position));
    if (!word) return this.fault("expected a literal");
    this.position += (word[0] as string).length;
    if (word[0] === "True") return true;
    if (word[0] === "False") return false;
    if (word[0] === "None") return null;
    return Number(word[0]);
  }

  expect(c: string): void {
    this.blank();
    if (this.text.charAt(this.position) !== c) this.fault(`expected "${c}"`);
    this.position++;
  }

  /** Items up to `close`, comma-separated, a trailing comma allowed. */
  items<T>(close: string, item: () => T): T[] {
    const out: T[] = [];
    this.position++;
    for (;;) {
      this.blank();
      if (this.text.charAt(this.position) === close) {
        this.position++;
        return out;
      }
      out.push(item());
      this.blank();
      const next = this.text.charAt(this.position);
      if (next === ",") this.position++;
      else if (next !== close) this.fault(`expected "," or "${close}"`);
    }
  }

  sequence(close: string): unknown[] {
    return this.items(close, () => this.value());
  }

  dict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of this.items("}", () => {
      const key = this.value();
      if (typeof key !== "string" && typeof key !== "number") this.fault("dictionary keys must be strings or numbers");
      this.expect(":");
      return [String(key), this.value()] as const;
    })) {
      out[key] = value;
    }
    return out;
  }

  string(quote: string): string {
    const triple = this.text.startsWith(quote.repeat(3), this.position);
    const end = triple ? quote.repeat(3) : quote;
    this.position += end.length;
    let out = "";
    while (!this.done()) {
      if (this.text.startsWith(end, this.position)) {
        this.position += end.length;
        return out;
      }
      const c = this.text.charAt(this.position);
      if (c === "\n" && !triple) this.fault("unterminated string");
      if (c === "\\") {
        const next = this.text.charAt(this.position + 1);
        out += ESCAPES[next] ?? `\\${next}`;
        this.position += 2;
        continue;
      }
      out += c;
      this.position++;
    }
    return this.fault("unterminated string");
  }
}
