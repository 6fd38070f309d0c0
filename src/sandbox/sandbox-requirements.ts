import { InterleafError } from "../errors/index.js";
import type { CappedProcessResult } from "./run-capped-process.js";

/** The Debian packages the local sandbox needs, by what they provide. */
export const SANDBOX_PACKAGES = Object.freeze({
  bubblewrap: "bubblewrap",
  python3: "python3",
  PIL: "python3-pil",
  numpy: "python3-numpy",
  cv2: "python3-opencv",
});

const INSTALL_ALL = `apt-get install -y ${Object.values(SANDBOX_PACKAGES).join(" ")}`;

/** The python check run inside the sandbox before the first call. */
export const REQUIREMENTS_CHECK_CODE = "import PIL, numpy, cv2";

/**
 * Turns the outcome of the requirements check (python importing Pillow, numpy and OpenCV inside
 * bubblewrap, or directly when unsandboxed) into nothing (all good) or a `sandbox_unavailable`
 * error that says what to install.
 */
export function requirementsError(
  outcome: CappedProcessResult,
  programs: { bubblewrap?: string; python: string },
): InterleafError | undefined {
  if (outcome.exitCode === 0) return undefined;
  const missing: string[] = [];
  let problem: string;
  if (outcome.spawnError) {
    const program = programs.bubblewrap ?? programs.python;
    missing.push(programs.bubblewrap ? SANDBOX_PACKAGES.bubblewrap : SANDBOX_PACKAGES.python3);
    problem = `${program} cannot be started (${outcome.spawnError.code ?? outcome.spawnError.message})`;
  } else if (/execvp|No such file or directory/.test(outcome.stderr) && !/ModuleNotFoundError/.test(outcome.stderr)) {
    missing.push(SANDBOX_PACKAGES.python3);
    problem = `the python interpreter ${programs.python} was not found`;
  } else if (/ModuleNotFoundError|ImportError/.test(outcome.stderr)) {
    for (const [module, pkg] of Object.entries(SANDBOX_PACKAGES)) {
      if (new RegExp(`No module named '${module}'`).test(outcome.stderr)) missing.push(pkg);
    }
    if (missing.length === 0) missing.push(SANDBOX_PACKAGES.PIL, SANDBOX_PACKAGES.numpy, SANDBOX_PACKAGES.cv2);
    problem = `${programs.python} cannot import Pillow, numpy and OpenCV (${lastLine(outcome.stderr)})`;
  } else if (programs.bubblewrap && /bwrap:/.test(outcome.stderr)) {
    const message =
      `bubblewrap cannot create its sandbox here (${lastLine(outcome.stderr)}): the kernel must allow user namespaces ` +
      "(sysctl kernel.unprivileged_userns_clone=1 and user.max_user_namespaces > 0; in Docker, run with a seccomp profile that permits them)";
    return new InterleafError("sandbox_unavailable", message, { details: { stderr: outcome.stderr } });
  } else {
    problem = `the check failed (${outcome.killed ?? `exit ${outcome.exitCode ?? outcome.signal}`}: ${lastLine(outcome.stderr)})`;
  }
  const install = missing.length > 0 ? `apt-get install -y ${[...new Set(missing)].join(" ")}` : INSTALL_ALL;
  return new InterleafError(
    "sandbox_unavailable",
    `the code sandbox cannot run: ${problem}. Install what it needs with \`${install}\` ` +
      `(it needs bubblewrap and Debian's python3 with Pillow, numpy and OpenCV: \`${INSTALL_ALL}\`), ` +
      "or pass the interpreter that has them as `python`.",
    { details: { missing, stderr: outcome.stderr } },
  );
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n");
  return (lines[lines.length - 1] ?? "").slice(0, 300) || "no output";
}
