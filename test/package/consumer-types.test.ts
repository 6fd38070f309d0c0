import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const tsc = join(root, "node_modules/typescript/bin/tsc");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

interface PackageJson {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

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
    const pkg = JSON.parse(readFileSync(join(at, "package.json"), "utf8")) as PackageJson;
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies })) queue.push({ name, from: at });
  }
  return found;
}

const work = mkdtempSync(join(tmpdir(), "interleaf-consumer-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A consumer project as npm would lay it out: the built package, its dependencies and peers (with
// theirs), and @types/node; none of interleaf's devDependencies. Symlinks are kept as paths
// (`preserveSymlinks`), so a type a declaration imports resolves only if the consumer has it.
describe("the published type declarations", () => {
  it("type-check in a consumer project with skipLibCheck: false, for every entry point", async () => {
    const pkg = join(work, "package");
    await run(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--emitDeclarationOnly", "--outDir", join(pkg, "dist")], { cwd: root });
    cpSync(join(root, "package.json"), join(pkg, "package.json"));

    const consumer = join(work, "consumer");
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
});
