import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackage, manifest, root, run, tsc, type PackageManifest } from "./built-package.js";

/** Where Node finds `name` from `dir`, walking up the project's node_modules folders. */
function locate(name: string, dir: string): string | undefined {
  for (let at = dir; at === root || at.startsWith(`${root}/`); at = dirname(at)) {
    const candidate = join(at, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
  }
  return undefined;
}

/** The folders (relative to the project) of `names` and everything they depend on: what a consumer installs. */
function installedTree(names: readonly string[]): Set<string> {
  const found = new Set<string>();
  const queue = names.map((name) => ({ name, from: root }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const at = locate(next.name, next.from);
    if (!at || found.has(relative(root, at))) continue;
    found.add(relative(root, at));
    const pkg = JSON.parse(readFileSync(join(at, "package.json"), "utf8")) as Partial<PackageManifest>;
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies })) queue.push({ name, from: at });
  }
  return found;
}

let pkg: string;
beforeAll(async () => {
  pkg = await buildPackage();
}, 600_000);
afterAll(() => rmSync(dirname(pkg), { recursive: true, force: true }));

// A consumer project as npm would lay it out: the built package, its dependencies and peers (with
// theirs), and @types/node; none of interleaf's devDependencies. Symlinks are kept as paths
// (`preserveSymlinks`), so a type a declaration imports resolves only if the consumer has it.
describe("the published package", () => {
  it("has type declarations that type-check in a consumer project with skipLibCheck: false, for every entry point", async () => {
    const consumer = join(dirname(pkg), "consumer");
    mkdirSync(join(consumer, "node_modules"), { recursive: true });
    symlinkSync(pkg, join(consumer, "node_modules/interleaf"), "dir");
    const tree = installedTree([...Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }), "@types/node"]);
    for (const folder of [...tree].sort()) {
      const target = join(consumer, folder);
      if (existsSync(target)) continue; // inside a package already linked
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(join(root, folder), target, "dir");
    }

    const entries = Object.keys(manifest.exports).filter((key) => key !== "./package.json").map((key) => `interleaf${key.slice(1)}`);
    expect(entries).toContain("interleaf");
    writeFileSync(join(consumer, "index.ts"), entries.map((entry, i) => `export * as entry${i} from ${JSON.stringify(entry)};\n`).join(""));
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
    const compilerOptions = { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2023", strict: true, skipLibCheck: false, preserveSymlinks: true, noEmit: true, types: ["node"] };
    writeFileSync(join(consumer, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["index.ts"] }));

    const result = await run(process.execPath, [tsc, "-p", consumer], { cwd: consumer }).catch((error: { stdout?: string; code?: number }) => ({ stdout: error.stdout ?? "", code: error.code }));
    expect(result.stdout).toBe("");
  }, 600_000);

  it("ships no source maps (or the sources they point at) and its LICENSE", async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkg });
    const [packed] = JSON.parse(stdout) as { files: { path: string }[] }[];
    const paths = new Set(packed?.files.map((file) => file.path));
    expect(paths).toContain("LICENSE");
    expect(paths).toContain("dist/src/index.js");
    expect(readFileSync(join(pkg, "LICENSE"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) 2026 interleaf contributors\n/);
    const maps = [...paths].filter((path) => path.endsWith(".map"));
    const missing = maps.flatMap((map) => {
      const { sources } = JSON.parse(readFileSync(join(pkg, map), "utf8")) as { sources: string[] };
      return sources.map((source) => join(dirname(map), source)).filter((source) => !paths.has(source));
    });
    expect(missing).toEqual([]);
  }, 120_000);
});
