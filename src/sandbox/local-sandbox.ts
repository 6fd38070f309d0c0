import { existsSync } from "node:fs";
import { chmod, chown, copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { processExists } from "../util/process-exists.js";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { InterleafError } from "../errors/index.js";
import { BUBBLEWRAP_LAYOUT, bubblewrapArgs, sandboxEnvironment } from "./bubblewrap-command.js";
import type { CodeSandbox, SandboxRequest, SandboxResult } from "./code-sandbox.js";
import { parseRunnerFrames } from "./result-frames.js";
import { runCappedProcess, type CappedProcessResult } from "./run-capped-process.js";
import { REQUIREMENTS_CHECK_CODE, requirementsError } from "./sandbox-requirements.js";
import { DEFAULT_SANDBOX_LIMITS, resolveSandboxLimits, type SandboxLimits } from "./sandbox-limits.js";
import { processSandboxBudget, sandboxFootprint, type SandboxMemoryBudget } from "./sandbox-memory-budget.js";

/** Options of {@link createLocalSandbox}. */
export interface LocalSandboxOptions {
  /**
   * The python interpreter, which must import Pillow, numpy and OpenCV. Default `/usr/bin/python3`
   * (Debian's, with python3-pil, python3-numpy, python3-opencv); a pyenv `python3` earlier in
   * PATH usually lacks them.
   */
  python?: string;
  /** The bubblewrap program. Default `/usr/bin/bwrap` when it exists, else `bwrap` from PATH. */
  bubblewrap?: string;
  /** Limits of every run (a request may override them). */
  limits?: Partial<SandboxLimits>;
  /**
   * The host user the sandbox runs as. Default: `nobody` (65534) when this process is root, so
   * the process limit applies (the kernel exempts root from it) and nothing root can read is
   * readable; `false` runs as the current user.
   */
  runAs?: { uid: number; gid: number } | false;
  /** Host paths bound read-only at the same place, for an interpreter outside /usr. */
  readOnlyPaths?: readonly string[];
  /**
   * Memory shared with other runs: a run starts when its footprint (memory limit plus its in-memory
   * folders) fits. Default: the budget every local sandbox of the process shares (6 GiB).
   */
  memoryBudget?: SandboxMemoryBudget;
  /** Host folder for the per-call folders. Default: the OS temp folder. */
  tempDir?: string;
  /**
   * DANGER: run the code directly with python, with no bubblewrap isolation: the code can read
   * your files, reach the network and write anywhere the user can. Only the rlimits (CPU, memory,
   * processes, file size) and the wall-clock limit still apply. For trusted code on machines
   * without user namespaces, never for a model's output on a machine you care about.
   */
  dangerouslyRunUnsandboxed?: boolean;
}

const NOBODY = { uid: 65534, gid: 65534 };
const INPUT_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Time the host allows beyond the code's wall limit: interpreter start, image collection. */
const HOST_GRACE_MS = 5_000;
/** The sandbox's Python supervisor and child, shipped beside this module (the build copies it). */
const RUNNER = fileURLToPath(new URL("./python/runner.py", import.meta.url));

/**
 * A {@link CodeSandbox} on this machine: Debian's python3 with Pillow, numpy and OpenCV, isolated
 * by bubblewrap (no network, read-only system, nothing of the host's files, a fresh size-limited
 * work folder per call, inputs read-only) under CPU, wall-time, memory, process, file-size and
 * output limits. Install its requirements with
 * `apt-get install -y bubblewrap python3-pil python3-numpy python3-opencv`; without them `run`
 * refuses with `sandbox_unavailable` saying what is missing.
 *
 * @example
 * ```ts
 * import { createLocalSandbox } from "interleaf/sandbox";
 *
 * const sandbox = createLocalSandbox({ limits: { wallMs: 10_000 } });
 * const result = await sandbox.run({ code: "import numpy as np\nprint(np.arange(4).sum())" });
 * console.log(result.status, result.stdout); // ok 6
 * ```
 */
export function createLocalSandbox(options: LocalSandboxOptions = {}): CodeSandbox {
  const python = options.python ?? "/usr/bin/python3";
  const unsandboxed = options.dangerouslyRunUnsandboxed === true;
  const bubblewrap = unsandboxed ? undefined : (options.bubblewrap ?? (existsSync("/usr/bin/bwrap") ? "/usr/bin/bwrap" : "bwrap"));
  const baseLimits = resolveSandboxLimits(DEFAULT_SANDBOX_LIMITS, options.limits);
  const user = options.runAs === false ? undefined : (options.runAs ?? (process.getuid?.() === 0 ? NOBODY : undefined));
  const tempRoot = options.tempDir ?? tmpdir();
  const readOnlyPaths = options.readOnlyPaths ?? [];
  const budget = options.memoryBudget ?? processSandboxBudget();
  let ready: Promise<void> | undefined;

  /** The command running python with these arguments, in bubblewrap unless unsandboxed; `hostRunner` is mounted read-only at the layout's runner path. */
  function command(hostInputDir: string, pythonArgs: string[], workBytes: number, hostRunner?: string): { command: string; args: string[] } {
    if (!bubblewrap) return { command: python, args: pythonArgs };
    return { command: bubblewrap, args: bubblewrapArgs({ hostInputDir, workBytes, readOnlyPaths, command: [python, ...pythonArgs], ...(hostRunner ? { hostRunner } : {}) }) };
  }

  async function checkRequirements(): Promise<void> {
    const dir = await callFolder(tempRoot);
    try {
      const { command: program, args } = command(join(dir, "inputs"), ["-I", "-c", REQUIREMENTS_CHECK_CODE], 16 * 1024 ** 2);
      const outcome = await runCappedProcess({
        command: program,
        args,
        stdin: new Uint8Array(),
        env: sandboxEnvironment(tmpdir()),
        cwd: "/",
        ...(user ? { user } : {}),
        wallMs: 60_000,
        textBytes: 16 * 1024,
        channelBytes: 1024,
      });
      const error = requirementsError(outcome, { python, ...(bubblewrap ? { bubblewrap } : {}) });
      if (error) throw error;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  return {
    specificationVersion: "v1",
    name: unsandboxed ? "unsandboxed" : "bubblewrap",
    async run(request: SandboxRequest, runOptions: { signal?: AbortSignal } = {}): Promise<SandboxResult> {
      validateRequest(request);
      const limits = resolveSandboxLimits(baseLimits, request.limits);
      ready ??= checkRequirements().catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      await ready;
      if (runOptions.signal?.aborted) throw new InterleafError("aborted", "the code run was cancelled before it started");

      const release = await budget.reserve(sandboxFootprint(limits), runOptions.signal);
      const dir = await callFolder(tempRoot).catch((error: unknown) => {
        release();
        throw error;
      });
      try {
        const hostInputs = join(dir, "inputs");
        for (const input of request.inputs ?? []) {
          await writeFile(join(hostInputs, input.name), input.bytes, { mode: 0o644 });
        }
        const layout = unsandboxed ? { workDir: join(dir, "work"), inputDir: hostInputs, tmpDir: join(dir, "tmp") } : BUBBLEWRAP_LAYOUT;
        if (unsandboxed) {
          for (const folder of [layout.workDir, layout.tmpDir]) {
            await mkdir(folder, { mode: 0o700 });
            if (user) await chown(folder, user.uid, user.gid);
          }
        }
        const job = runnerJob(request, limits, layout, !unsandboxed);
        const hostRunner = await copyRunner(dir);
        const runner = unsandboxed ? hostRunner : BUBBLEWRAP_LAYOUT.runner;
        const { command: program, args } = command(hostInputs, ["-I", "-B", runner], limits.workBytes, hostRunner);
        const outcome = await runCappedProcess({
          command: program,
          args,
          stdin: Buffer.from(JSON.stringify(job), "utf8"),
          env: sandboxEnvironment(unsandboxed ? layout.tmpDir : BUBBLEWRAP_LAYOUT.tmpDir),
          cwd: unsandboxed ? layout.workDir : "/",
          ...(user ? { user } : {}),
          wallMs: limits.wallMs + HOST_GRACE_MS,
          textBytes: 16 * 1024,
          channelBytes: limits.imageBytes + 16 * limits.outputBytes + 4 * 1024 ** 2,
          ...(runOptions.signal ? { signal: runOptions.signal } : {}),
        });
        return toResult(outcome, layout, limits);
      } finally {
        await rm(dir, { recursive: true, force: true });
        release();
      }
    },
  };
}

const FOLDER_PREFIX = "interleaf-sandbox-";
const swept = new Set<string>();

/**
 * A fresh folder for one call, named after this process (`interleaf-sandbox-<pid>-…`). The first call
 * in a process also removes the folders of processes that no longer exist: a run killed mid-call
 * leaves its folder behind, holding copies of the thread's images.
 */
async function callFolder(root: string): Promise<string> {
  if (!swept.has(root)) {
    swept.add(root);
    await removeOrphanFolders(root);
  }
  const dir = await mkdtemp(join(root, `${FOLDER_PREFIX}${process.pid}-`));
  // Search-only for others: the sandbox user (nobody) reaches the inputs, cannot list the folder.
  await chmod(dir, 0o711);
  await mkdir(join(dir, "inputs"), { mode: 0o755 });
  await chmod(join(dir, "inputs"), 0o755);
  return dir;
}

/**
 * Copies the runner into the call's folder, read-only, where the sandbox user can read it (the
 * installed package may lie under a home folder that user cannot enter).
 */
async function copyRunner(dir: string): Promise<string> {
  const path = join(dir, "runner.py");
  try {
    await copyFile(RUNNER, path);
  } catch (error) {
    throw new InterleafError("sandbox_unavailable", `the sandbox runner ${RUNNER} is missing or unreadable; reinstall interleaf (a build must copy src/sandbox/python into dist)`, { cause: error });
  }
  await chmod(path, 0o444);
  return path;
}

function validateRequest(request: SandboxRequest): void {
  if (typeof request.code !== "string") throw new InterleafError("invalid_argument", "the sandbox request needs `code`, a string of Python");
  const names = new Set<string>();
  for (const input of request.inputs ?? []) {
    if (!INPUT_NAME.test(input.name) || names.has(input.name)) {
      throw new InterleafError("invalid_argument", `sandbox input name "${input.name}" must be unique and made of letters, digits, ".", "_", "-"`);
    }
    names.add(input.name);
    if (input.variable !== undefined && !IDENTIFIER.test(input.variable)) {
      throw new InterleafError("invalid_argument", `sandbox input variable "${input.variable}" is not a Python identifier`);
    }
    if (input.copyTo !== undefined) relativeWorkPath(input.copyTo);
  }
  for (const folder of request.folders ?? []) relativeWorkPath(folder);
  for (const target of Object.values(request.pathAliases ?? {})) if (target !== "") relativeWorkPath(target);
  for (const name of [...Object.keys(request.globals ?? {}), ...(request.pinnedVariables ?? []), request.pathsVariable ?? "x"]) {
    if (!IDENTIFIER.test(name)) throw new InterleafError("invalid_argument", `"${name}" is not a Python identifier`);
  }
  if (request.cropRules && !(request.cropRules.minSize >= 1)) {
    throw new InterleafError("invalid_argument", "cropRules.minSize must be at least 1 pixel");
  }
}

function relativeWorkPath(path: string): string {
  const normal = posix.normalize(path);
  if (path === "" || posix.isAbsolute(path) || normal === ".." || normal.startsWith("../")) {
    throw new InterleafError("invalid_argument", `"${path}" must be a path inside the work folder (relative, no "..")`);
  }
  return normal;
}

interface Layout {
  workDir: string;
  inputDir: string;
  tmpDir: string;
}

function runnerJob(request: SandboxRequest, limits: SandboxLimits, layout: Layout, pidNamespace: boolean): Record<string, unknown> {
  const globals: Record<string, unknown> = { ...(request.globals ?? {}) };
  const paths: Record<string, string> = {};
  const copies: { from: string; to: string }[] = [];
  for (const input of request.inputs ?? []) {
    const path = posix.join(layout.inputDir, input.name);
    if (input.variable) globals[input.variable] = path;
    paths[input.label ?? input.name] = path;
    if (input.copyTo) copies.push({ from: input.name, to: relativeWorkPath(input.copyTo) });
  }
  if (request.pathsVariable) globals[request.pathsVariable] = paths;
  const pinned: Record<string, string> = {};
  for (const name of request.pinnedVariables ?? []) {
    const value = globals[name];
    if (typeof value === "string") pinned[name] = value;
  }
  const aliases: Record<string, string> = {};
  for (const [prefix, target] of Object.entries(request.pathAliases ?? {})) {
    aliases[prefix] = target === "" ? layout.workDir : posix.join(layout.workDir, target);
  }
  for (const [name, value] of Object.entries(globals)) if (typeof value === "string") globals[name] = applyAliases(value, aliases);
  return {
    code: request.code,
    workDir: layout.workDir,
    inputDir: layout.inputDir,
    tmpDir: layout.tmpDir,
    globals,
    pinned,
    aliases,
    cropRules: request.cropRules ?? null,
    folders: (request.folders ?? []).map(relativeWorkPath),
    copies,
    limits,
    env: sandboxEnvironment(layout.tmpDir),
    pidNamespace,
  };
}

/** Rewrites a path that starts with an alias prefix to the real folder. */
function applyAliases(path: string, aliases: Record<string, string>): string {
  const prefixes = Object.keys(aliases).sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    const bare = prefix.replace(/\/+$/, "");
    if (path === bare || path.startsWith(`${bare}/`)) return `${aliases[prefix]}${path.slice(bare.length)}`;
  }
  return path;
}

function toResult(outcome: CappedProcessResult, layout: Layout, limits: SandboxLimits): SandboxResult {
  if (outcome.killed === "aborted") throw new InterleafError("aborted", "the code run was cancelled");
  if (outcome.spawnError) {
    throw new InterleafError("sandbox_unavailable", `the sandbox could not be started (${outcome.spawnError.message}); check that bubblewrap and python3 are installed`, {
      cause: outcome.spawnError,
    });
  }
  if (outcome.killed === "channel_overflow") {
    throw new InterleafError("sandbox_failed", "the sandbox sent back more data than its limits allow; it was stopped. Save fewer or smaller images", {
      details: { imageBytes: limits.imageBytes },
    });
  }
  const parsed = parseRunnerFrames(outcome.channel);
  if (!parsed) {
    if (outcome.killed === "wall_time") {
      return {
        status: "timeout",
        exitCode: null,
        signal: "SIGKILL",
        stdout: "",
        stderr: `the code ran past its wall-clock limit of ${limits.wallMs} ms and the sandbox was killed`,
        stdoutBytes: 0,
        stderrBytes: 0,
        images: [],
        skippedImages: [],
        cropAdjustments: [],
        workDir: layout.workDir,
        inputDir: layout.inputDir,
        durationMs: limits.wallMs + HOST_GRACE_MS,
      };
    }
    throw new InterleafError(
      "sandbox_failed",
      `the sandbox stopped without a report (exit ${outcome.exitCode ?? outcome.signal}; ${outcome.stderr.trim().split("\n").slice(-3).join(" ") || "no message"}); ` +
        "the code may have killed its own supervisor process. Run simpler code",
      { details: { exitCode: outcome.exitCode, signal: outcome.signal, stderr: outcome.stderr } },
    );
  }
  const { images, report } = parsed;
  return {
    ...report,
    images: images.map((image) => {
      const inWork = image.path === layout.workDir || image.path.startsWith(`${layout.workDir}/`);
      return { ...image, ...(inWork ? { workPath: image.path.slice(layout.workDir.length + 1) } : {}) };
    }),
    workDir: layout.workDir,
    inputDir: layout.inputDir,
  };
}

/** Removes call folders whose process is gone (killed before it could clean up). */
async function removeOrphanFolders(root: string): Promise<void> {
  const names = await readdir(root).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = name.startsWith(FOLDER_PREFIX) ? Number(/^(\d+)-/.exec(name.slice(FOLDER_PREFIX.length))?.[1]) : 0;
      if (!pid || processExists(pid)) return;
      await rm(join(root, name), { recursive: true, force: true }).catch(() => undefined);
    }),
  );
}
