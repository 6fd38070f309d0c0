import { databaseSpec } from "../database-spec.js";
import { EXIT, UsageError } from "../cli-error.js";
import type { CliEnvironment } from "../cli-environment.js";
import type { CliIo } from "../cli-io.js";
import { COMMON_OPTIONS, parseCommandLine } from "../parse-command-line.js";
import { Agent } from "../../executor/agent.js";
import { openStorage } from "../../storage/open-storage.js";
import { scriptedModel } from "../../testing/scripted-model.js";
import { resolveDialect } from "../resolve-dialect.js";

/** `interleaf history <thread>`: every checkpoint of a thread, newest first. */
export async function historyCommand(argv: string[], io: CliIo, env: CliEnvironment): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, COMMON_OPTIONS);
  const [threadId] = positionals;
  if (!threadId) throw new UsageError("history needs a thread id: interleaf history <thread>");
  const storage = await openStorage(databaseSpec(values.db, io));
  try {
    const agent = readOnlyAgent(env, storage);
    const history = await agent.history(threadId);
    if (values.json) {
      io.out(`${JSON.stringify(history, null, 2)}\n`);
    } else {
      for (const entry of history) {
        io.out(`${entry.checkpointId}  superstep ${String(entry.superstep).padStart(3)}  ${entry.source.padEnd(6)} next: ${(entry.next.join(",") || "-").padEnd(8)} ${entry.summary}\n`);
      }
    }
    return EXIT.ok;
  } finally {
    await storage.close();
  }
}

/** An agent for reading threads: it never calls a model or a tool. */
export function readOnlyAgent(env: CliEnvironment, storage: Awaited<ReturnType<typeof openStorage>>): Agent {
  return new Agent({ graph: env.graph("general"), model: scriptedModel([]), dialect: resolveDialect("r1v4"), storage });
}
