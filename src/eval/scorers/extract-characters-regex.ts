import { pySplit, pyStrip } from "./python-text.js";

// `extract_characters_regex`, the MME-RealWorld letter extractor, in its two upstream forms: the
// official script (yfzhang114/MME-RealWorld evaluation/eval_your_results.py) lost two commas in its
// prefix list, so Python concatenates neighbours ("The best option isThe correct option is",
// "Best answer:Best option:") and "Best answer: D" keeps its "B"; VLMEvalKit and lmms-eval have the
// commas.

/** The prefixes as the official script's Python evaluates its list (two pairs joined by the missing commas). */
export const OFFICIAL_PREFIXES = ["The best answer is", "The correct answer is", "The answer is", "The answer", "The best option isThe correct option is", "Best answer:Best option:"];

/** The prefixes of VLMEvalKit's and lmms-eval's copies (commas in place). */
export const HARNESS_PREFIXES = ["The best answer is", "The correct answer is", "The answer is", "The answer", "The best option is", "The correct option is", "Best answer:", "Best option:"];

/** The default `choices` of the harness copies. */
export const DEFAULT_CHOICES = ["(A)", "(B)", "(C)", "(D)", "(E)"];

/**
 * The letter A-E a reply names: prefixes removed, then the first capital A-E anywhere (so "Best"
 * reads as B), else the first choice containing the whole (lowercased) reply, so an empty reply
 * reads as A; "" when long replies have no capital A-E or nothing matches.
 */
export function extractCharactersRegex(reply: string, choices: readonly string[], prefixes: readonly string[]): string {
  let text = pyStrip(reply);
  for (const prefix of prefixes) text = text.split(prefix).join("");
  const match = /[ABCDE]/.exec(text);
  if (pySplit(text).length > 10 && !match) return "";
  if (!match) {
    const lowered = text.toLowerCase();
    for (const choice of choices) {
      if (choice.toLowerCase().includes(lowered)) return [...choice][1] ?? "";
    }
    return "";
  }
  return match[0];
}
