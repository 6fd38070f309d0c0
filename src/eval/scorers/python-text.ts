// Python's text semantics, for faithful ports of Python scorers: what `str.split()`, `str.strip()`,
// `\s`, `\d`, `\b` and `string.punctuation` mean in Python 3 differs from JavaScript in details
// (Python's whitespace includes \x1c-\x1f and \x85 but not \ufeff; its \d and \b are Unicode-aware).

/** The characters Python's `str.isspace()` (and so `str.split()`, `str.strip()`, `\s`) treats as whitespace. */
export const PY_WHITESPACE_CLASS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

/** Python's `\s` as a JavaScript pattern fragment (a character class). */
export const PY_S = `[${PY_WHITESPACE_CLASS}]`;

const leadingSpace = new RegExp(`^${PY_S}+`);
const trailingSpace = new RegExp(`${PY_S}+$`);
const spaceRun = new RegExp(`${PY_S}+`);

/** Python's `str.strip()` with no arguments. */
export function pyStrip(text: string): string {
  return text.replace(leadingSpace, "").replace(trailingSpace, "");
}

/** Python's `str.split()` with no arguments: split on runs of whitespace, no empty strings. */
export function pySplit(text: string): string[] {
  return pyStrip(text)
    .split(spaceRun)
    .filter((part) => part.length > 0);
}

/** Python's `len(str)`: code points, not UTF-16 units. */
export function pyLen(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Python's `string.punctuation`. */
export const PY_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/** Python's Unicode `\w`, approximated by letters, numbers and the underscore (Python excludes combining marks too). */
const WORD = "[\\p{L}\\p{N}_]";

/** Python's `\b(a|an|the)\b` (Unicode word boundaries), as used by SQuAD-style answer normalisation. */
export const PY_ARTICLES = new RegExp(`(?<!${WORD})(?:a|an|the)(?!${WORD})`, "gu");

/**
 * Python's `int()` of a run of Unicode decimal digits (what `\d+` matches in Python): each digit's
 * value is its distance from the start of its block of ten.
 */
export function pyDigitsToInt(digits: string): number {
  let value = 0;
  for (const char of digits) {
    const code = char.codePointAt(0) ?? 48;
    let start = code;
    while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start -= 1;
    value = value * 10 + ((code - start) % 10);
  }
  return value;
}

/** SQuAD-style normalisation as in MMSearch and Search-R1: lower, drop ASCII punctuation, drop articles, collapse whitespace. */
export function normalizeAnswer(text: string): string {
  const lowered = text.toLowerCase();
  let kept = "";
  for (const char of lowered) if (!PY_PUNCTUATION.includes(char)) kept += char;
  return pySplit(kept.replace(PY_ARTICLES, " ")).join(" ");
}
