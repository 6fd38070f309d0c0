import { cpSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { buildPackage, root } from "../package/built-package.js";

/**
 * A project as a user has it: the built package installed as `node_modules/interleaf` (its
 * dependencies are this repository's, one copy of each), the rest of `node_modules` linked from
 * this repository, and the files of `examples/<example>` copied in. Returns its folder.
 */
export async function projectWithExample(example: string): Promise<string> {
  const pkg = await buildPackage();
  symlinkSync(join(root, "node_modules"), join(pkg, "node_modules"), "dir");
  const project = join(pkg, "..", "project");
  mkdirSync(join(project, "node_modules"), { recursive: true });
  for (const entry of readdirSync(join(root, "node_modules"))) {
    if (entry !== "interleaf" && !entry.startsWith(".")) symlinkSync(join(root, "node_modules", entry), join(project, "node_modules", entry), "dir");
  }
  symlinkSync(pkg, join(project, "node_modules/interleaf"), "dir");
  cpSync(join(root, "examples", example), project, { recursive: true });
  return project;
}
