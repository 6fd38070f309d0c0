import { agentFromSpec, AgentSpecSchema, modelFromSpec } from "../../../graphs/agent-spec/index.js";
import type { EvalJudge } from "../../../src/eval/runs/judge.js";
import { JUDGE_TEMPLATES } from "../../../src/eval/runs/judge-template.js";
import type { EvalAgentFactory, EvalRunSummary, EvalSessionOptions } from "../../../src/eval/runs/run-eval.js";
import type { ModelBackend } from "../../../src/models/model-backend.js";
import { chatEndpoint } from "../../../src/models/openai-compatible/chat-endpoint.js";
import type { Storage } from "../../../src/storage/storage.js";
import { UsageError } from "../../cli-error.js";
import type { CliIo } from "../../cli-io.js";
import { cliIndexDir } from "../../cli-storage.js";
import { EXIT, type ExitCode } from "../../exit-codes.js";
import { progressLine } from "./eval-progress-line.js";
import { getScorer } from "../../../src/eval/index.js";

/** The agent factory of the CLI: `agentFromSpec` on the run's storage, with the CLI's environment. */
export function cliAgentFactory(db: string | undefined, io: CliIo): EvalAgentFactory {
  return (spec: Record<string, unknown>, storage: Storage) => agentFromSpec(AgentSpecSchema.parse(spec), { storage, indexDir: cliIndexDir(db, io), cwd: io.cwd, env: io.env });
}

/** The judge's model from `--judge provider:model` (and its base URL and key variable). */
export function judgeModelFrom(model: string, baseUrl: string | undefined, apiKeyEnv: string | undefined, io: CliIo): Promise<ModelBackend> {
  return modelFromSpec({ mode: "general", dialect: "r1v4", model, ...(baseUrl ? { baseUrl } : {}), ...(apiKeyEnv ? { apiKeyEnv } : {}) }, { cwd: io.cwd, env: io.env });
}

/** The judge of `--judge`, `--judge-template` and `--judge-parser`. */
export async function judgeFrom(options: { judge?: string | undefined; judgeBaseUrl?: string | undefined; judgeApiKeyEnv?: string | undefined; judgeTemplate: string; judgeParser?: string | undefined }, io: CliIo): Promise<(EvalJudge & { baseUrl?: string }) | undefined> {
  if (!options.judge) return undefined;
  const template = JUDGE_TEMPLATES[options.judgeTemplate];
  if (!template) throw new UsageError(`unknown judge template "${options.judgeTemplate}"; known: ${Object.keys(JUDGE_TEMPLATES).join(", ")}`);
  if (!options.judgeParser) throw new UsageError("--judge needs --judge-parser <scorer id>: the parser that reads the judge's reply");
  if (options.judgeBaseUrl !== undefined) refuseCredentialsIn(options.judgeBaseUrl);
  const model = await judgeModelFrom(options.judge, options.judgeBaseUrl, options.judgeApiKeyEnv, io);
  return { model, template, parser: getScorer(options.judgeParser), name: options.judge, ...(options.judgeBaseUrl ? { baseUrl: options.judgeBaseUrl } : {}) };
}

/** The judge's URL is recorded in the run: one carrying a credential is refused (keys come from --judge-api-key-env). */
function refuseCredentialsIn(baseUrl: string): void {
  let secrets: string[];
  try {
    secrets = chatEndpoint(baseUrl).secrets;
  } catch {
    throw new UsageError("--judge-base-url must be a URL without credentials (no user:password@); put the key in an environment variable and name it with --judge-api-key-env");
  }
  if (secrets.length > 0) throw new UsageError("--judge-base-url carries a credential in its query string; it would be saved with the run: put the key in an environment variable and name it with --judge-api-key-env");
}

/** Session options from the command line: the live progress bar on a terminal, and Ctrl-C. */
export function sessionFrom(io: CliIo): Pick<EvalSessionOptions, "signal" | "onProgress"> {
  return {
    ...(io.interrupt ? { signal: io.interrupt } : {}),
    ...(io.tty.err ? { onProgress: (progress) => io.err(`\r\x1b[2K${progressLine(progress)}`) } : {}),
  };
}

/** Prints how a session ended (and how to resume it) and returns the exit code. */
export function finishSession(summary: EvalRunSummary, io: CliIo, options: { json: boolean; db: string | undefined }): ExitCode {
  if (io.tty.err) io.err("\n");
  const resume = `interleaf eval resume ${summary.runId}${options.db ? ` --db ${options.db}` : ""}`;
  if (options.json) io.out(`${JSON.stringify({ ...summary, ...(summary.stoppedBy ? { resume } : {}) })}\n`);
  else {
    io.out(`Run ${summary.runId}: ${summary.done} done (${summary.skipped} from earlier sessions), ${summary.failed} failed, ${summary.judgeFailed} judge failed, ${summary.interrupted} unfinished.\n`);
    if (summary.stoppedBy === "token_budget") io.out(`Stopped at the token budget (${summary.tokens} tokens used).\n`);
    io.out(summary.stoppedBy || summary.failed > 0 || summary.interrupted > 0 ? `Resume with: ${resume}\n` : `Report: interleaf eval report ${summary.runId}${options.db ? ` --db ${options.db}` : ""}\n`);
  }
  if (summary.stoppedBy === "interrupted") {
    io.err(`Interrupted. Resume with: ${resume}\n`);
    return EXIT.interrupted;
  }
  return summary.failed > 0 ? EXIT.noAnswer : EXIT.ok;
}
