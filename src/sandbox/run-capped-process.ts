import { spawn } from "node:child_process";

/** How to start one sandbox process and what it may send back. */
export interface CappedProcessOptions {
  command: string;
  args: readonly string[];
  /** Written to the process's stdin, which is then closed. */
  stdin: Uint8Array;
  env: Record<string, string>;
  cwd: string;
  /** Run as this user (only possible as root). */
  user?: { uid: number; gid: number };
  /** Killed (with its whole process group) after this many ms. */
  wallMs: number;
  /** Most bytes kept from stdout and stderr each (the sandbox runner's own messages). */
  textBytes: number;
  /** Most bytes accepted on fd 3 (the result channel); above it the process is killed. */
  channelBytes: number;
  signal?: AbortSignal;
}

/** What came back from a process started by {@link runCappedProcess}. */
export interface CappedProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Everything read from fd 3. */
  channel: Buffer;
  /** Why the host killed it, if it did. */
  killed?: "wall_time" | "channel_overflow" | "aborted";
  /** Set when the process could not be started (ENOENT for a missing program). */
  spawnError?: NodeJS.ErrnoException;
}

/**
 * Starts a process in its own process group with stdin, stdout, stderr and a result pipe on fd 3,
 * keeps bounded output, and kills the whole group on the wall-clock deadline, on overflow or on
 * abort. Never rejects: every outcome is in the result.
 */
export function runCappedProcess(options: CappedProcessOptions): Promise<CappedProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ["pipe", "pipe", "pipe", "pipe"],
      ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
    });
    const stdout = new BoundedText(options.textBytes);
    const stderr = new BoundedText(options.textBytes);
    const chunks: Buffer[] = [];
    let channelSize = 0;
    let killed: CappedProcessResult["killed"];
    let spawnError: NodeJS.ErrnoException | undefined;
    let settled = false;

    const kill = (reason: NonNullable<CappedProcessResult["killed"]>) => {
      killed ??= reason;
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => kill("wall_time"), options.wallMs);
    const onAbort = () => kill("aborted");
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });

    child.stdout?.on("data", (data: Buffer) => stdout.add(data));
    child.stderr?.on("data", (data: Buffer) => stderr.add(data));
    const channel = child.stdio[3];
    if (channel && "on" in channel) {
      channel.on("data", (data: Buffer) => {
        channelSize += data.length;
        if (channelSize > options.channelBytes) kill("channel_overflow");
        else chunks.push(data);
      });
      channel.on("error", () => undefined);
    }
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(options.stdin);

    child.on("error", (error: NodeJS.ErrnoException) => {
      spawnError = error;
      finish(null, null);
    });
    child.on("close", (code, signal) => finish(code, signal));

    function finish(exitCode: number | null, signal: NodeJS.Signals | null) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      resolve({
        exitCode,
        signal,
        stdout: stdout.text(),
        stderr: stderr.text(),
        channel: Buffer.concat(chunks),
        ...(killed ? { killed } : {}),
        ...(spawnError ? { spawnError } : {}),
      });
    }
  });
}

class BoundedText {
  readonly #limit: number;
  #kept: Buffer[] = [];
  #size = 0;
  #dropped = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  add(data: Buffer): void {
    const room = this.#limit - this.#size;
    if (room > 0) {
      const part = data.subarray(0, room);
      this.#kept.push(part);
      this.#size += part.length;
    }
    this.#dropped += Math.max(0, data.length - Math.max(0, room));
  }

  text(): string {
    const text = Buffer.concat(this.#kept).toString("utf8");
    return this.#dropped > 0 ? `${text}\n[... ${this.#dropped} bytes omitted ...]` : text;
  }
}
