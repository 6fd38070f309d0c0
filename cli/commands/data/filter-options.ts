import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Option } from "@commander-js/extra-typings";
import {
  ANSWER_MATCH_TEMPLATE,
  answerFilter,
  dataJudge,
  dedupFilter,
  FINAL_CONSISTENCY_TEMPLATE,
  finalConsistencyFilter,
  formatFilter,
  lengthFilter,
  repetitionFilter,
  STEP_CONSISTENCY_TEMPLATE,
  stepConsistencyFilter,
  toolErrorFilter,
  type DataFilter,
} from "../../../src/data/index.js";
import { getScorer } from "../../../src/eval/index.js";
import type { ModelBackend } from "../../../src/models/model-backend.js";
import { scriptedModel } from "../../../src/testing/scripted-model.js";
import { judgeModelFrom } from "../eval/eval-session.js";
import { UsageError } from "../../cli-error.js";
import type { CliIo } from "../../cli-io.js";

/** The filters `--filters` knows, in the order they run (cheap rules first, judges last). */
export const FILTER_NAMES = ["format", "tool-errors", "repetition", "length", "dedup", "answer", "final-consistency", "step-consistency"] as const;
const JUDGED = new Set(["answer", "final-consistency", "step-consistency"]);

/** The options of the filters (`data filter`, `data export`); the judge's model options are `interleaf eval`'s. */
export { judgeApiKeyEnvOption, judgeBaseUrlOption, judgeOption } from "../eval/eval-options.js";
export const filtersOption = () => new Option("--filters <names>", `comma-separated filters (or none): ${FILTER_NAMES.join(", ")}`).default("format,tool-errors,repetition,dedup");
export const minToolCallsOption = () => new Option("--min-tool-calls <n>", "the length filter's lower bound").default("0");
export const maxToolCallsOption = () => new Option("--max-tool-calls <n>", "the length filter's upper bound").default("50");
export const scorerOption = () => new Option("--scorer <id>", "the answer filter's scorer (see interleaf eval scorers); default: the judge");
export const judgeScriptOption = () => new Option("--judge-script <replies.json>", "a scripted judge: a JSON array of replies, played in order (for tests)");

/** The parsed values of {@link filterOptions}. */
export interface FilterOptionValues {
  filters: string;
  minToolCalls: string;
  maxToolCalls: string;
  judge?: string | undefined;
  judgeBaseUrl?: string | undefined;
  judgeApiKeyEnv?: string | undefined;
  judgeScript?: string | undefined;
  scorer?: string | undefined;
}

/** The filters the options ask for, in {@link FILTER_NAMES} order. */
export async function filtersFromOptions(values: FilterOptionValues, io: CliIo): Promise<DataFilter[]> {
  const names = values.filters.split(",").map((name) => name.trim()).filter(Boolean);
  for (const name of names) if (!(FILTER_NAMES as readonly string[]).includes(name)) throw new UsageError(`--filters: unknown filter "${name}"; known: ${FILTER_NAMES.join(", ")}`);
  const needsJudge = names.some((name) => JUDGED.has(name) && !(name === "answer" && values.scorer));
  const judgeModel = needsJudge ? await judgeFromOptions(values, io) : undefined;
  const count = (flag: string, value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number, got "${value}"`);
    return n;
  };
  const make: Record<string, () => DataFilter> = {
    format: formatFilter,
    "tool-errors": toolErrorFilter,
    repetition: () => repetitionFilter(),
    length: () => lengthFilter({ minToolCalls: count("--min-tool-calls", values.minToolCalls), maxToolCalls: count("--max-tool-calls", values.maxToolCalls) }),
    dedup: () => dedupFilter(),
    answer: () => answerFilter(values.scorer ? { scorer: getScorer(values.scorer) } : { judge: dataJudge(judgeModel!, ANSWER_MATCH_TEMPLATE) }),
    "final-consistency": () => finalConsistencyFilter(dataJudge(judgeModel!, FINAL_CONSISTENCY_TEMPLATE)),
    "step-consistency": () => stepConsistencyFilter(dataJudge(judgeModel!, STEP_CONSISTENCY_TEMPLATE)),
  };
  return FILTER_NAMES.filter((name) => names.includes(name)).map((name) => make[name]!());
}

async function judgeFromOptions(values: FilterOptionValues, io: CliIo): Promise<ModelBackend> {
  if (values.judgeScript) {
    const path = resolve(io.cwd, values.judgeScript);
    let replies: unknown;
    try {
      replies = JSON.parse(await readFile(path, "utf8"));
    } catch {
      throw new UsageError(`--judge-script ${values.judgeScript}: cannot read a JSON array of replies`);
    }
    if (!Array.isArray(replies) || !replies.every((reply) => typeof reply === "string")) throw new UsageError(`--judge-script ${values.judgeScript}: expected a JSON array of strings`);
    return scriptedModel(replies as string[], { modelId: `judge:${values.judgeScript}`, turnIndex: "sequential" });
  }
  if (!values.judge) throw new UsageError("the answer and consistency filters need a judge: --judge <provider:model> [--judge-base-url <url>]");
  return judgeModelFrom(values.judge, values.judgeBaseUrl, values.judgeApiKeyEnv, io);
}
