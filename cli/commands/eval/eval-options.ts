import { InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { JUDGE_TEMPLATES } from "../../../src/eval/runs/judge-template.js";

// The options of the `interleaf eval` commands, declared once each.

function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`takes a whole number of at least ${min}, got "${value}"`);
    return n;
  };
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`takes a number of at least 0, got "${value}"`);
  return n;
}

/** A whole-number option without a default (absent means "not limited"). */
export const optionalCount = <const Flags extends `--${string} <${string}>`>(flags: Flags, description: string, min = 1) => new Option(flags, description).argParser(wholeNumber(min));

/** A whole-number option with a default. */
export const count = <const Flags extends `--${string} <${string}>`>(flags: Flags, description: string, fallback: number, min = 1) => new Option(flags, description).argParser(wholeNumber(min)).default(fallback);

/** `--judge <provider:model>`: judge answers with a model. */
export const judgeOption = () => new Option("--judge <provider:model>", "judge answers with this model (any OpenAI-compatible endpoint), at temperature 0");
/** `--judge-base-url`. */
export const judgeBaseUrlOption = () => new Option("--judge-base-url <url>", "the judge's OpenAI-compatible endpoint");
/** `--judge-api-key-env`. */
export const judgeApiKeyEnvOption = () => new Option("--judge-api-key-env <name>", "environment variable holding the judge's API key (none: send no key)");
/** `--judge-template`: a judge prompt copied verbatim from upstream. */
export const judgeTemplateOption = () => new Option("--judge-template <id>", "the judge prompt, verbatim from upstream").choices(Object.keys(JUDGE_TEMPLATES)).default("simple-evals.browsecomp.grader");
/** `--judge-parser`: the scorer reading the judge's reply. */
export const judgeParserOption = () => new Option("--judge-parser <scorer id>", "the scorer that reads the judge's reply (a judge-parser scorer)");

/** `--temperature` of the agent's model (not stated in the paper: VLMEvalKit's and lmms-eval's greedy default). */
export const temperatureOption = () => new Option("--temperature <t>", "sampling temperature of the agent's model (recorded in the run)").argParser(nonNegative).default(0);

/** `--scorer <id>`, repeatable. */
export const scorerOption = () => new Option("--scorer <id...>", "rule scorer ids (the first is the headline score unless --judge is given)");

/** `--run-id`. */
export const runIdOption = () => new Option("--run-id <id>", "the run's id (default: derived from the configuration, so the same command finds the same run)");
