import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import type { Storage } from "../../src/storage/storage.js";
import { InterleafError } from "../../src/errors/index.js";
import { evalRoutes } from "../../src/viewer/eval/eval-routes.js";
import { loadEvalRunView } from "../../src/viewer/eval/eval-run-view.js";
import { writeEvalViewFiles } from "../../src/viewer/eval/write-eval-view.js";
import { renderCompareFile } from "../../src/viewer/render-compare.js";
import { renderThreadFile } from "../../src/viewer/render-thread.js";
import { threadView, type ThreadView, type ViewableState } from "../../src/viewer/thread-view.js";
import { threadRoutes } from "../../src/viewer/thread-routes.js";
import { startViewServer } from "../../src/viewer/view-server.js";
import { threadNotFound, UsageError } from "../cli-error.js";
import { withCliStorage } from "../cli-storage.js";
import type { CommandContext } from "../command-context.js";
import { EXIT } from "../exit-codes.js";
import { readOnlyAgent } from "../open-cli-agent.js";
import { dbOption } from "../options.js";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("a port is a whole number from 0 to 65535");
  return n;
}

/** Opens a file or URL with the desktop's default program; failures are reported, never fatal. */
function openInBrowser(target: string, report: (line: string) => void): void {
  const [command, args] = process.platform === "darwin" ? ["open", [target]] : process.platform === "win32" ? ["cmd", ["/c", "start", "", target]] : ["xdg-open", [target]];
  const child = spawn(command as string, args as string[], { detached: true, stdio: "ignore" });
  child.on("error", () => report(`Could not open a browser (${command}); open ${target} yourself.\n`));
  child.unref();
}

/**
 * `interleaf view <thread>`: the thread as one self-contained HTML page (every region the agent
 * looked at drawn on the photo, the timeline, the plan, the outcome). `--compare <b>` compares
 * two threads; `--eval <run>` shows an eval run (report, charts, items linking to their
 * trajectories); `--serve` serves the pages on 127.0.0.1, updating live while a run goes on.
 */
export function viewCommand(context: CommandContext) {
  return new Command("view")
    .description("see a thread in the browser: regions on the photo, steps, plan, answer")
    .argument("[thread]", "the thread id (not needed with --serve)")
    .addOption(new Option("--out <file>", "where to write the page (default: interleaf-view-<thread>.html)"))
    .addOption(new Option("--compare <thread>", "compare with another thread (e.g. a fork or a replay)"))
    .addOption(new Option("--eval <run>", "an eval run: its report, charts and items, each linking to its trajectory").conflicts("compare"))
    .addOption(new Option("--open", "open the page in the default browser").default(false))
    .addOption(new Option("--serve", "serve the pages on 127.0.0.1, live while runs are in progress").default(false))
    .addOption(new Option("--port <n>", "the port of --serve (0: any free port)").argParser(port).default(8700))
    .addOption(dbOption())
    .action(async (threadId, options) => {
      const { io } = context;
      await withCliStorage(options.db, io, async (storage) => {
        const agent = readOnlyAgent(storage);
        const load = async (id: string): Promise<ThreadView | undefined> => {
          const state = await agent.state(id);
          return state && threadView(id, state as ViewableState);
        };
        if (options.serve) {
          await serve(storage, load, options.port, threadId, options.compare, options.eval, options.open, context);
          return;
        }
        if (options.eval) {
          if (threadId) throw new UsageError("--eval views a run: name no thread with it");
          const view = await loadEvalRunView(storage, options.eval);
          if (!view) throw new InterleafError("eval_run_not_found", `no eval run ${options.eval} in ${storage.location}`, { details: { runId: options.eval } });
          const out = resolve(io.cwd, options.out ?? `interleaf-eval-${options.eval.slice(0, 12)}.html`);
          const written = await writeEvalViewFiles(view, out, load, storage.images);
          io.out(`Wrote ${out} (and ${written.itemPages.length} trajectory pages beside it)\n`);
          for (const { threadId, message } of written.unrendered) io.err(`No page for thread ${threadId} (listed without a link): ${message}\n`);
          if (options.open) openInBrowser(out, io.err);
          context.exit(EXIT.ok);
          return;
        }
        if (!threadId) throw new UsageError("name the thread to view, or use --serve");
        const view = await load(threadId);
        if (!view) throw threadNotFound(threadId, storage.location);
        let page: string;
        if (options.compare) {
          const other = await load(options.compare);
          if (!other) throw threadNotFound(options.compare, storage.location);
          page = await renderCompareFile(view, other, storage.images);
        } else {
          page = await renderThreadFile(view, storage.images);
        }
        const out = resolve(io.cwd, options.out ?? `interleaf-view-${threadId.slice(0, 8)}${options.compare ? `-vs-${options.compare.slice(0, 8)}` : ""}.html`);
        await writeFile(out, page);
        io.out(`Wrote ${out}\n`);
        if (options.open) openInBrowser(out, io.err);
        context.exit(EXIT.ok);
      });
    });
}

async function serve(
  storage: Storage,
  loadThread: (id: string) => Promise<ThreadView | undefined>,
  port: number,
  threadId: string | undefined,
  compare: string | undefined,
  evalRun: string | undefined,
  open: boolean,
  context: CommandContext,
): Promise<void> {
  const { io } = context;
  const server = await startViewServer({ routes: [...threadRoutes(loadThread), ...evalRoutes(storage)], images: storage.images, port });
  const first = evalRun
    ? `/eval/${encodeURIComponent(evalRun)}`
    : threadId
      ? compare
        ? `/compare/${encodeURIComponent(threadId)}/${encodeURIComponent(compare)}`
        : `/thread/${encodeURIComponent(threadId)}`
      : "/";
  io.out(`Serving ${storage.location} at ${server.url}${first} (127.0.0.1 only; Ctrl-C to stop)\n`);
  if (open) openInBrowser(`${server.url}${first}`, io.err);
  await new Promise<void>((done) => {
    if (!io.interrupt) return;
    if (io.interrupt.aborted) return done();
    io.interrupt.addEventListener("abort", () => done(), { once: true });
  });
  await server.close();
  context.exit(EXIT.ok);
}
