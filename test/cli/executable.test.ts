// The `interleaf` executable as a user runs it: `node bin/interleaf.js ...` in a child process, on
// the build in dist/ (rebuilt first when a source is newer than it).
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../cli/exit-codes.js";
import { createProgram } from "../../cli/program.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin/interleaf.js");
const photo = join(root, "test/fixtures/images/r1v4_demo_5.jpg");
const corpus = join(root, "test/fixtures/corpus");
const answerTurn = "<think>Three bottles and two cups.</think>\n<answer>5</answer>";

function newestSource(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    }),
  );
}

/** Builds dist/ when it is missing or older than a source, so the child runs the code under test. */
function ensureBuilt(): void {
  const main = join(root, "dist/cli/main.js");
  const newest = Math.max(...["src", "nodes", "graphs", "cli"].map((dir) => newestSource(join(root, dir))));
  if (existsSync(main) && statSync(main).mtimeMs >= newest) return;
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the executable; `onStdout` sees stdout as it comes and may signal the child. */
function interleaf(args: string[], options: { cwd: string; env?: Record<string, string>; onStdout?: (text: string, child: ReturnType<typeof spawn>) => void }): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, ...options.env };
    if (!options.env?.INTERLEAF_DB) delete env.INTERLEAF_DB;
    if (!options.env?.NO_COLOR) delete env.NO_COLOR;
    const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a shell command under a pseudo-terminal (util-linux `script`), so the CLI sees a TTY. */
function inTerminal(command: string, cwd: string, env: Record<string, string> = {}): string {
  const clean: Record<string, string | undefined> = { ...process.env, TERM: "xterm", ...env };
  if (!env.NO_COLOR) delete clean.NO_COLOR;
  try {
    return execFileSync("script", ["-qec", command, "/dev/null"], { cwd, env: clean, encoding: "utf8", timeout: 240_000 });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? "");
  }
}

const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `interleaf-exe-${name}-`));

// Each test spawns Node processes that load the whole runtime: generous limits for busy machines.
describe("the interleaf executable", { timeout: 300_000 }, () => {
  beforeAll(ensureBuilt, 300_000);

  it("stops quietly when the reader of its output goes away (`interleaf eval scorers | head -1`)", () => {
    const out = execFileSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${bin}" eval scorers --json | head -c 20; echo " exit=$?"`], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(out).toMatch(/ exit=0\n$/);
  });

  it("prints its version on stdout", async () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    const result = await interleaf(["--version"], { cwd: tempDir("version") });
    expect(result).toEqual({ code: EXIT.ok, stdout: `${version}\n`, stderr: "" });
  });

  it("prints each command's usage with every option and its default", async () => {
    const program = createProgram({ io: { out: () => {}, err: () => {}, env: {}, cwd: "/", tty: { out: false, err: false } }, exit: () => {} });
    for (const command of program.commands) {
      const result = await interleaf([command.name(), "--help"], { cwd: tempDir("help") });
      expect(result.code).toBe(EXIT.ok);
      expect(result.stdout).toContain(`Usage: interleaf ${command.name()} `);
      const help = result.stdout.replace(/\s+/g, " ");
      for (const option of command.options) {
        expect(help, `${command.name()} ${option.flags}`).toContain(option.flags);
        if (option.defaultValue !== undefined) expect(help, `${command.name()} ${option.flags}`).toContain(`default: ${JSON.stringify(option.defaultValue)}`);
        if (option.defaultValue === undefined && /\(default: /.test(option.description)) expect(help).toContain(option.description.replace(/\s+/g, " "));
      }
    }
    const dbHelp = (await interleaf(["history", "--help"], { cwd: tempDir("help") })).stdout.replace(/\s+/g, " ");
    expect(dbHelp).toContain("(default: $INTERLEAF_DB, else .interleaf/interleaf.db)");
  });

  it("suggests the command or option meant, with the usage exit code and nothing on stdout", async () => {
    const command = await interleaf(["histroy", "t1"], { cwd: tempDir("typo") });
    expect(command).toMatchObject({ code: EXIT.usage, stdout: "" });
    expect(command.stderr).toContain("unknown command 'histroy'");
    expect(command.stderr).toContain("(Did you mean history?)");
    const option = await interleaf(["history", "t1", "--jsn"], { cwd: tempDir("typo") });
    expect(option).toMatchObject({ code: EXIT.usage, stdout: "" });
    expect(option.stderr).toContain("(Did you mean --json?)");
  });

  it("gives a missing thread the same exit code and message in every command", async () => {
    const cwd = tempDir("missing");
    const db = join(cwd, "runs.db");
    const messages = new Set<string>();
    for (const command of ["resume", "history", "trajectory"]) {
      const result = await interleaf([command, "no-such-thread", "--db", db], { cwd });
      expect(result.code, `${command}: ${result.stderr}`).toBe(EXIT.threadNotFound);
      expect(result.stdout).toBe("");
      expect(result.stderr.startsWith(`interleaf ${command}: `)).toBe(true);
      messages.add(result.stderr.slice(`interleaf ${command}: `.length));
    }
    expect([...messages]).toEqual([`no thread no-such-thread in ${db} [thread_not_found]\n`]);
  });

  it("writes results on stdout and the run's resume hint on stderr; --json is one JSON document", async () => {
    const cwd = tempDir("split");
    writeFileSync(join(cwd, "short.json"), JSON.stringify(['<think>Zoom.</think>\n<tool_call>{"name": "zoom", "arguments": {"bbox_2d": [100, 300, 400, 700]}}</tool_call>']));
    const text = await interleaf(["run", photo, "How many?", "--script", "short.json", "--thread", "t1", "--max-turns", "1"], { cwd });
    expect(text.code).toBe(EXIT.noAnswer);
    expect(text.stdout).toContain("call zoom");
    expect(text.stdout).toMatch(/thread t1 · stopped · 1 tool call · 1 model turn\n/);
    expect(text.stderr).toContain("interleaf resume t1");
    expect(text.stdout).not.toContain("interleaf resume");

    const json = await interleaf(["run", photo, "How many?", "--script", "short.json", "--thread", "t2", "--max-turns", "1", "--json"], { cwd });
    expect(json.code).toBe(EXIT.noAnswer);
    expect(JSON.parse(json.stdout)).toMatchObject({ threadId: "t2", status: "stopped" });
  });

  it("keeps --json pure when stderr is a terminal: the progress line goes to the terminal only", () => {
    const cwd = tempDir("json-tty");
    writeFileSync(join(cwd, "a.json"), JSON.stringify([answerTurn]));
    const terminal = inTerminal(`node ${bin} run ${photo} 'How many?' --script a.json --json > out.json`, cwd);
    expect(terminal).toContain("waiting for the model");
    const doc = JSON.parse(readFileSync(join(cwd, "out.json"), "utf8")) as { answer: string };
    expect(doc.answer).toBe("5");
  });

  it("colours only on a terminal, and never with NO_COLOR", async () => {
    const cwd = tempDir("colour");
    const piped = await interleaf(["history", "nope", "--db", "memory"], { cwd });
    expect(piped.stderr).not.toContain("\x1b[");
    const coloured = inTerminal(`node ${bin} history nope --db memory`, cwd);
    expect(coloured).toContain("\x1b[31minterleaf history:");
    const plain = inTerminal(`node ${bin} history nope --db memory`, cwd, { NO_COLOR: "1" });
    expect(plain).toContain("interleaf history: no thread nope");
    expect(plain).not.toContain("\x1b[");
  });

  it("honours INTERLEAF_DB in index and demo, and the demo never overwrites the user's index", async () => {
    const cwd = tempDir("db-env");
    const dbDir = tempDir("db-home");
    const env = { INTERLEAF_DB: join(dbDir, "mine.db") };
    const indexed = await interleaf(["index", corpus], { cwd, env });
    expect(indexed.code, indexed.stderr).toBe(EXIT.ok);
    expect(indexed.stdout).toContain(`into ${join(dbDir, "index")}`);
    const userIndex = readdirSync(join(dbDir, "index")).map((name) => readFileSync(join(dbDir, "index", name), "utf8"));

    const demo = await interleaf(["demo"], { cwd, env });
    expect(demo.code, demo.stderr).toBe(EXIT.ok);
    expect(demo.stdout).toContain(`Checkpoints in ${join(dbDir, "mine.db")}`);
    expect(demo.stdout).toContain(`into ${join(dbDir, "demo-index")}`);
    expect(readdirSync(join(dbDir, "index")).map((name) => readFileSync(join(dbDir, "index", name), "utf8"))).toEqual(userIndex);
    expect(existsSync(join(cwd, ".interleaf"))).toBe(false);

    const threadId = /trajectory ([0-9a-f-]{36})/.exec(demo.stdout)?.[1] as string;
    const history = await interleaf(["history", threadId], { cwd, env });
    expect(history.code, history.stderr).toBe(EXIT.ok);
  });

  it("on Ctrl-C stops the run, keeps the thread and prints how to resume it", async () => {
    const cwd = tempDir("sigint");
    let requests = 0;
    const hanging: Server = createServer(() => void requests++); // a model that never answers
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const { port } = hanging.address() as { port: number };
    const db = join(cwd, "runs.db");
    try {
      let sent = false;
      const run = await interleaf(["run", photo, "How many?", "--model", `vllm:slow`, "--base-url", `http://127.0.0.1:${port}/v1`, "--api-key-env", "none", "--thread", "t-int", "--db", db], {
        cwd,
        onStdout: (text, child) => {
          if (!sent && text.includes("Starting thread t-int")) {
            sent = true;
            const poll = setInterval(() => {
              if (requests === 0) return;
              clearInterval(poll);
              child.kill("SIGINT");
            }, 20);
          }
        },
      });
      expect(run.code, run.stderr).toBe(EXIT.interrupted);
      expect(run.stderr).toContain(`Interrupted. The thread keeps its last checkpoint; continue it with: interleaf resume t-int --db ${db}`);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
    writeFileSync(join(cwd, "a.json"), JSON.stringify([answerTurn]));
    const resumed = await interleaf(["resume", "t-int", "--db", db, "--script", "a.json", "--json"], { cwd });
    expect(resumed.code, resumed.stderr).toBe(EXIT.ok);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ threadId: "t-int", status: "answered", answer: "5" });
  });
});
