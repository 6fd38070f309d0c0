import { databaseSpec } from "../database-spec.js";
import { resolve } from "node:path";
import { UsageError } from "../cli-error.js";
import type { CliEnvironment } from "../cli-environment.js";
import type { CliIo } from "../cli-io.js";
import { openCliAgent } from "../open-cli-agent.js";
import { COMMON_OPTIONS, parseCommandLine } from "../parse-command-line.js";
import { printRun } from "../print-run.js";
import { loadRunConfig } from "../run-config.js";
import { openStorage } from "../../storage/open-storage.js";

/** `interleaf resume <thread>`: continues a thread with the configuration it was started with. */
export async function resumeCommand(argv: string[], io: CliIo, env: CliEnvironment): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { ...COMMON_OPTIONS, script: { type: "string" }, model: { type: "string" }, "base-url": { type: "string" } });
  const [threadId] = positionals;
  if (!threadId) throw new UsageError("resume needs a thread id: interleaf resume <thread>");
  const storage = await openStorage(databaseSpec(values.db, io));
  try {
    const saved = await loadRunConfig(storage.cache, threadId);
    if (!saved) throw new UsageError(`thread ${threadId} was not started by the CLI in ${storage.location}; resume it from code with agent.resume()`);
    const config = {
      ...saved,
      ...(values.script ? { script: resolve(io.cwd, values.script), model: undefined } : {}),
      ...(values.model ? { model: values.model, script: undefined } : {}),
      ...(values["base-url"] ? { baseUrl: values["base-url"] } : {}),
    };
    const agent = await openCliAgent(config, storage, env, io);
    return await printRun(agent.resumeStream(threadId), io, values.json);
  } finally {
    await storage.close();
  }
}
