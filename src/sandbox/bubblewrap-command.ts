import { lstatSync, readlinkSync } from "node:fs";

/** Where things are inside the bubblewrap sandbox (fixed: the R1V4 output folder lies in the work folder). */
export const BUBBLEWRAP_LAYOUT = Object.freeze({
  /** The writable work folder: a fresh size-limited tmpfs per call, the code's working directory. */
  workDir: "/mnt/data",
  /** The input files, bound read-only. */
  inputDir: "/mnt/inputs",
  /** A private size-limited tmpfs. */
  tmpDir: "/tmp",
  /** The runner (supervisor and child), bound read-only. */
  runner: "/opt/interleaf/runner.py",
});

/** The environment the code sees: nothing from the host (no API keys), one thread per library. */
export function sandboxEnvironment(home: string): Record<string, string> {
  return {
    PATH: "/usr/local/bin:/usr/bin:/bin",
    HOME: home,
    TMPDIR: home,
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    PYTHONIOENCODING: "utf-8",
    PYTHONUNBUFFERED: "1",
    MPLCONFIGDIR: home,
    OMP_NUM_THREADS: "1",
    OPENBLAS_NUM_THREADS: "1",
    MKL_NUM_THREADS: "1",
    OPENCV_FOR_THREADS_NUM: "1",
  };
}

/** Options of {@link bubblewrapArgs}. */
export interface BubblewrapArgsOptions {
  /** Host folder bound read-only at the input folder. */
  hostInputDir: string;
  /** Size of the work folder and of /tmp (tmpfs), in bytes. */
  workBytes: number;
  /** Further host paths bound read-only at the same place (e.g. a python outside /usr). */
  readOnlyPaths: readonly string[];
  /** The command to run inside, with its arguments. */
  command: readonly string[];
  /** Host copy of the runner, bound read-only at the layout's `runner` path. */
  hostRunner?: string;
}

/**
 * The bubblewrap arguments of one run: every namespace unshared (no network, not even loopback
 * to the host; own pids; no nested user namespaces), all capabilities dropped, a new session (no
 * terminal injection), read-only /usr and the few files of /etc the libraries need, a fresh
 * read-only /dev and /proc, size-limited tmpfs for the work folder, /tmp and /dev/shm, the inputs
 * and the runner read-only, a read-only root, and an empty environment. Nothing of the host's home, project or databases is visible.
 */
export function bubblewrapArgs(options: BubblewrapArgsOptions): string[] {
  const { workDir, inputDir, tmpDir } = BUBBLEWRAP_LAYOUT;
  const args = ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--cap-drop", "ALL"];
  args.push("--ro-bind", "/usr", "/usr");
  for (const top of ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]) {
    const link = symlinkTarget(top);
    if (link !== undefined) args.push("--symlink", link, top);
    else args.push("--ro-bind-try", top, top);
  }
  // The dynamic loader's cache and Debian's alternatives (libblas/liblapack are chosen there).
  for (const path of ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/localtime"]) {
    args.push("--ro-bind-try", path, path);
  }
  args.push("--proc", "/proc", "--dev", "/dev");
  // /dev is an unbounded tmpfs: shared memory gets its own small one, the rest is made read-only below.
  args.push("--size", String(Math.min(options.workBytes, 64 * 1024 ** 2)), "--tmpfs", "/dev/shm");
  args.push("--size", String(options.workBytes), "--tmpfs", tmpDir);
  args.push("--size", String(options.workBytes), "--tmpfs", workDir);
  args.push("--ro-bind", options.hostInputDir, inputDir);
  if (options.hostRunner) args.push("--ro-bind", options.hostRunner, BUBBLEWRAP_LAYOUT.runner);
  // After the tmpfs mounts, so a path under /tmp is not hidden by them.
  for (const path of options.readOnlyPaths) args.push("--ro-bind", path, path);
  args.push("--remount-ro", "/dev", "--remount-ro", "/");
  args.push("--chdir", workDir, "--hostname", "sandbox", "--clearenv");
  for (const [key, value] of Object.entries(sandboxEnvironment(tmpDir))) args.push("--setenv", key, value);
  args.push("--", ...options.command);
  return args;
}

function symlinkTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}
