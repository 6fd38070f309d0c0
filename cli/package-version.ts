import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InterleafError } from "../src/errors/index.js";

/** interleaf's version, from its package.json (found above this module in the sources and in `dist/`). */
export function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "interleaf" && pkg.version) return pkg.version;
    }
    if (dirname(dir) === dir) throw new InterleafError("config_invalid", "interleaf's package.json was not found above the CLI; reinstall interleaf");
  }
}
