import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { buildPackage, root, tsc } from "../package/built-package.js";

const run = promisify(execFile);

/** The README's custom agent as a consumer writes it, with a scripted model; prints the run's outcome as JSON. */
export const README_APP = `import { END, START, StateGraph } from "@langchain/langgraph";
import { AgentState, createGraphAgent, openStorage, r1v4Dialect } from "interleaf";
import { answerNode, gridTool, reasonNode, routeAfterReason, toolNode, toolsNode, zoomTool } from "interleaf/nodes";
import { scriptedModel } from "interleaf/testing";

const graph = new StateGraph(AgentState)
  .addNode("overview", toolNode(gridTool, () => ({ divisions: 6 })))
  .addNode("reason", reasonNode).addNode("tools", toolsNode).addNode("finish", answerNode)
  .addEdge(START, "overview").addEdge("overview", "reason").addEdge("tools", "reason").addEdge("finish", END)
  .addConditionalEdges("reason", routeAfterReason, ["tools", "finish", "reason", END]);
const model = scriptedModel([
  '<think>The grid shows the machines near x 800.</think><tool_call>{"name": "zoom", "arguments": {"bbox_2d": [1150, 1100, 1280, 1250]}}</tool_call>',
  "<think>Red machines with a white script logo.</think><answer>Coca-Cola</answer>",
]);
const agent = createGraphAgent({ graph, model, dialect: r1v4Dialect(), tools: [zoomTool], storage: await openStorage("memory") });
const result = await agent.run({ question: "What is written on the sign?", images: ["photo.jpg"] });
const history = await agent.history(result.threadId);
console.log(JSON.stringify({
  status: result.status,
  answer: result.answer,
  error: result.error ?? null,
  tools: result.steps.map((step) => step.calls.map((call) => call.name)),
  stateSteps: (await agent.state(result.threadId))?.steps.length,
  historySteps: history[0]?.steps,
}));
`;

/** Builds interleaf once; `pack(edit)` then packs it as `npm pack` publishes it, with `edit` applied to its manifest, and returns the tarball's path. */
export async function builtInterleaf(): Promise<{ folder: string; pack(name: string, edit?: (manifest: Record<string, unknown>) => void): Promise<string> }> {
  const pkg = await buildPackage();
  const manifestPath = join(pkg, "package.json");
  const original = readFileSync(manifestPath, "utf8");
  return {
    /** The temporary folder holding the build and the tarballs: remove it when done. */
    folder: join(pkg, ".."),
    async pack(name, edit = () => undefined) {
      const manifest = JSON.parse(original) as Record<string, unknown>;
      edit(manifest);
      writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
      const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", join(pkg, "..")], { cwd: pkg });
      const tarball = join(pkg, "..", `${name}.tgz`);
      renameSync(join(pkg, "..", stdout.trim().split("\n").pop() ?? ""), tarball);
      return tarball;
    },
  };
}

/** What a consumer project installed and how the README graph ran in it. */
export interface ConsumerOutcome {
  dir: string;
  /** Every installed copy of the package, as paths relative to the project. */
  copies(name: string): string[];
  typecheck(): Promise<string>;
  /** Runs the README graph: its JSON outcome on stdout, or the error it died with on stderr. */
  runReadme(): Promise<{ stdout: string; stderr: string }>;
}

/**
 * A fresh project that installs the tarball and `dependencies` from the registry (`npm install`,
 * no install scripts: the README graph keeps its threads in memory), with the README's agent in
 * `app.ts` and the photo it looks at.
 */
export async function consumerProject(dir: string, tarball: string, dependencies: Record<string, string>): Promise<ConsumerOutcome> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { interleaf: `file:${tarball}`, ...dependencies } }, null, 2));
  await run("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  return readyProject(dir);
}

/** Installs a consumer project as {@link consumerProject} does; resolves with npm's error output when the install is refused. */
export async function refusedInstall(dir: string, tarball: string, dependencies: Record<string, string>): Promise<string> {
  return consumerProject(dir, tarball, dependencies).then(
    () => "",
    (error: { stderr?: string }) => error.stderr ?? String(error),
  );
}

function readyProject(dir: string): ConsumerOutcome {
  writeFileSync(join(dir, "app.ts"), README_APP);
  copyFileSync(join(root, "test/fixtures/images/vending_machine.jpg"), join(dir, "photo.jpg"));
  const compilerOptions = { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2023", strict: true, skipLibCheck: true, outDir: "out", types: [] };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["app.ts"] }));
  return {
    dir,
    copies: (name) => findCopies(join(dir, "node_modules"), name).map((path) => relative(dir, path)),
    typecheck: () => run(process.execPath, [tsc, "-p", dir], { cwd: dir }).then((r) => r.stdout, (error: { stdout?: string }) => error.stdout ?? String(error)),
    runReadme: async () => {
      await run(process.execPath, [tsc, "-p", dir, "--noCheck"], { cwd: dir }).catch(() => undefined);
      return run(process.execPath, [join(dir, "out/app.js")], { cwd: dir }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? "", stderr: error.stderr ?? String(error) }));
    },
  };
}

/** The folders holding a copy of `name` under a node_modules tree. */
function findCopies(nodeModules: string, name: string): string[] {
  const found: string[] = [];
  const visit = (folder: string) => {
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.startsWith(".")) continue;
      const packages = entry.startsWith("@") ? readdirSync(join(folder, entry)).map((sub) => `${entry}/${sub}`) : [entry];
      for (const pkgName of packages) {
        if (pkgName === name) found.push(join(folder, pkgName));
        visit(join(folder, pkgName, "node_modules"));
      }
    }
  };
  visit(nodeModules);
  return found;
}
