import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Waits for a file another process writes (polling the file system, not timing anything). */
export async function waitForFile(path: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > until) throw new Error(`${path} did not appear within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts a TypeScript file in a child Node process (through tsx, from the project root) and
 * returns it with a promise of the signal it dies of.
 */
export function startTypeScriptChild(file: string, args: string[]) {
  const proc = spawn(process.execPath, ["--import", "tsx", file, ...args], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on("exit", (_code, signal) => resolve(signal)));
  return { proc, exited };
}
