// The `interleaf` executable (bin/interleaf.js imports the build of this file).
import { processIo } from "./cli-io.js";
import { EXIT } from "./exit-codes.js";
import { runCli } from "./run-cli.js";

// The first Ctrl-C stops a run at once (it keeps its last checkpoint and says how to resume it);
// a second one quits without waiting.
const interrupt = new AbortController();
process.once("SIGINT", () => {
  interrupt.abort();
  process.stderr.write("\nStopping… (Ctrl-C again to quit at once)\n");
  process.once("SIGINT", () => process.exit(EXIT.interrupted));
});

// SIGTERM (a service manager, `docker stop`) stops the same way: a worker finishes or checkpoints its runs.
process.once("SIGTERM", () => interrupt.abort());

process.exitCode = await runCli(process.argv.slice(2), processIo(interrupt.signal));
