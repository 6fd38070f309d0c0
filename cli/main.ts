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

// A reader that goes away (`interleaf ... | head`) is not a failure: stop writing and exit quietly, as
// Unix tools do, instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
}
// SIGTERM (a service manager, `docker stop`) stops the same way: a worker finishes or checkpoints its runs.
process.once("SIGTERM", () => interrupt.abort());

process.exitCode = await runCli(process.argv.slice(2), processIo(interrupt.signal));
