import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const run = promisify(execFile);
/** The project folder. */
export const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
/** The project's TypeScript compiler, run with `node`. */
export const tsc = join(root, "node_modules/typescript/bin/tsc");

/** The project's package.json, as published. */
export interface PackageManifest {
  files: string[];
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

export const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as PackageManifest;

/**
 * Builds the package as `npm run build` does (tsconfig.build.json) into a new temporary folder
 * (`<tmp>/interleaf`) that holds what `files` publishes beside package.json, and returns that folder.
 */
export async function buildPackage(): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), "interleaf-package-")), "interleaf");
  await run(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", join(dir, "dist")], { cwd: root });
  for (const file of ["package.json", ...manifest.files.filter((f) => f !== "dist")]) {
    if (existsSync(join(root, file))) cpSync(join(root, file), join(dir, file), { recursive: true });
  }
  return dir;
}
