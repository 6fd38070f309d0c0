import { databaseSpec } from "../database-spec.js";
import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { UsageError } from "../cli-error.js";
import type { CliEnvironment } from "../cli-environment.js";
import type { CliIo } from "../cli-io.js";
import { openCliAgent } from "../open-cli-agent.js";
import { COMMON_OPTIONS, intOption, parseCommandLine, type OptionSpec } from "../parse-command-line.js";
import { printRun } from "../print-run.js";
import { saveRunConfig, type RunConfig } from "../run-config.js";
import { MODEL_OPTIONS, runConfigFromOptions } from "../model-options.js";
import { openStorage } from "../../storage/open-storage.js";

/** Options of `interleaf run`. */
export const RUN_OPTIONS = {
  ...COMMON_OPTIONS,
  ...MODEL_OPTIONS,
  dialect: { type: "string" },
  mode: { type: "string", default: "general" },
  thread: { type: "string" },
  "max-tool-calls": { type: "string" },
  "max-turns": { type: "string" },
  "time-limit": { type: "string" },
  plan: { type: "boolean", default: false },
} as const satisfies Record<string, OptionSpec>;

/** `interleaf run <image> "<question>" [options]`. */
export async function runCommand(argv: string[], io: CliIo, env: CliEnvironment): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, RUN_OPTIONS);
  const [image, ...words] = positionals;
  if (!image || words.length === 0) throw new UsageError('run needs an image and a question: interleaf run <image> "<question>"');
  const config: RunConfig = { ...runConfigFromOptions(values, io), ...(values.plan ? { plan: true } : {}) };
  const maxToolCalls = intOption(values["max-tool-calls"], "max-tool-calls");
  const maxModelTurns = intOption(values["max-turns"], "max-turns");
  const seconds = intOption(values["time-limit"], "time-limit");
  const budgets = {
    ...(maxToolCalls ? { maxToolCalls } : {}),
    ...(maxModelTurns ? { maxModelTurns } : {}),
    ...(seconds ? { maxWallClockMs: seconds * 1000 } : {}),
  };
  const storage = await openStorage(databaseSpec(values.db, io));
  try {
    const agent = await openCliAgent(config, storage, env, io);
    const threadId = values.thread ?? randomUUID();
    await saveRunConfig(storage.cache, threadId, config);
    const events = agent.stream({ question: words.join(" "), images: [resolve(io.cwd, image)], budgets }, { threadId });
    return await printRun(events, io, values.json);
  } finally {
    await storage.close();
  }
}
