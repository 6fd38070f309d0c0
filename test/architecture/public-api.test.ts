import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Every exported name is a promise to users. This test lists the names of each entry point in
// package.json `exports` (values by importing the entry, types through the TypeScript compiler)
// and compares them with the reviewed list in public-api.json, so the surface only changes on purpose.
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const LIST_FILE = join(root, "test/architecture/public-api.json");
const UPDATE_COMMAND = "UPDATE_PUBLIC_API=1 npx vitest run test/architecture/public-api.test.ts";

/** Public names by import path: values as `name`, type-only names as `type Name`, sorted. */
export type PublicApi = Record<string, string[]>;

/** The entry points of package.json `exports`, as import path → source file. */
function entryPoints(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; exports: Record<string, string | { types: string }> };
  const entries: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === "string") continue; // ./package.json
    const importPath = subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    entries[importPath] = join(root, target.types.replace(/^\.\/dist\//, "").replace(/\.d\.ts$/, ".ts"));
  }
  return entries;
}

/** Names each entry point exports, as the compiler sees them (values and types). */
function compilerNames(entries: Record<string, string>): Record<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram(Object.values(entries), { ...config?.options, noEmit: true });
  const checker = program.getTypeChecker();
  return Object.fromEntries(
    Object.entries(entries).map(([importPath, file]) => {
      const source = program.getSourceFile(file);
      const module = source && checker.getSymbolAtLocation(source);
      if (!module) throw new Error(`${importPath}: ${file} is not a module the compiler can read`);
      return [importPath, checker.getExportsOfModule(module).map((symbol) => symbol.name)];
    }),
  );
}

/** The public API of the package as it is now. */
async function currentApi(): Promise<PublicApi> {
  const entries = entryPoints();
  const names = compilerNames(entries);
  const api: PublicApi = {};
  for (const [importPath, file] of Object.entries(entries)) {
    const values = new Set(Object.keys((await import(pathToFileURL(file).href)) as object));
    api[importPath] = (names[importPath] ?? []).map((name) => (values.has(name) ? name : `type ${name}`)).sort((a, b) => bare(a).localeCompare(bare(b)));
  }
  return api;
}

const bare = (entry: string) => entry.replace(/^type /, "");

/** What changed between the reviewed list and the current one, for people; empty when nothing did. */
export function describeApiChanges(reviewed: PublicApi, current: PublicApi): string {
  const lines: string[] = [];
  for (const importPath of [...new Set([...Object.keys(reviewed), ...Object.keys(current)])].sort()) {
    const before = new Set(reviewed[importPath] ?? []);
    const after = new Set(current[importPath] ?? []);
    const added = [...after].filter((name) => !before.has(name));
    const removed = [...before].filter((name) => !after.has(name));
    if (!reviewed[importPath]) lines.push(`${importPath}: new entry point`);
    if (!current[importPath]) lines.push(`${importPath}: entry point removed`);
    for (const name of added) lines.push(`${importPath}: + ${name}`);
    for (const name of removed) lines.push(`${importPath}: - ${name}`);
  }
  if (lines.length === 0) return "";
  return [
    "The public API changed without review:",
    ...lines.map((line) => `  ${line}`),
    "Every exported name is a promise to users. If this change is on purpose, update the reviewed list with",
    `  ${UPDATE_COMMAND}`,
    "and commit test/architecture/public-api.json with your change; otherwise stop exporting the name (other layers",
    "import internal helpers by relative path).",
  ].join("\n");
}

// Helpers that used to leak from the barrels; none of them is for users.
const INTERNAL = ["ipBytes", "inSubnet", "otsuThreshold", "sobelEdges", "claheRaster", "niceStep", "shorten", "mapBounded", "runCli", "EXIT", "COMMON_OPTIONS", "parseCommandLine", "stableStringify", "fingerprint"];

describe("the public API", () => {
  it("is the reviewed list in public-api.json", { timeout: 180_000 }, async () => {
    const current = await currentApi();
    if (process.env.UPDATE_PUBLIC_API === "1") writeFileSync(LIST_FILE, `${JSON.stringify(current, null, 2)}\n`);
    const reviewed = JSON.parse(readFileSync(LIST_FILE, "utf8")) as PublicApi;
    const changes = describeApiChanges(reviewed, current);
    expect(changes, changes).toBe("");

    const everything = Object.values(current).flat().map(bare);
    expect(INTERNAL.filter((name) => everything.includes(name))).toEqual([]);
    // Each visual operation is exported once, as its tool.
    expect(everything.filter((name) => /Operation$/.test(name) && name !== "ImageOperation")).toEqual([]);
    expect(current["interleaf"]?.length).toBeLessThanOrEqual(100);
  });

  it("names each added and removed name and says how to update the list on purpose", () => {
    const reviewed: PublicApi = { interleaf: ["Agent", "type AgentOptions"], "interleaf/old": ["gone"] };
    const current: PublicApi = { interleaf: ["Agent", "ipBytes"], "interleaf/new": ["type Fresh"] };
    const message = describeApiChanges(reviewed, current);
    expect(message.split("\n").slice(1, 7)).toEqual([
      "  interleaf: + ipBytes",
      "  interleaf: - type AgentOptions",
      "  interleaf/new: new entry point",
      "  interleaf/new: + type Fresh",
      "  interleaf/old: entry point removed",
      "  interleaf/old: - gone",
    ]);
    expect(message).toContain(UPDATE_COMMAND);
    expect(describeApiChanges(current, current)).toBe("");
  });
});
