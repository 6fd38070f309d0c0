import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The layers point one way: cli/ → graphs/ → nodes/ → src/. No import cycles anywhere. The vitest-bound
// conformance suites (src/conformance) are a leaf: nothing else imports them, and nothing else
// imports vitest, so every other entry point loads in any test runner or none.
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const LAYERS = ["src", "nodes", "graphs", "cli"] as const;
const CONFORMANCE = join(root, "src/conformance");
const TEST_RUNNERS = ["vitest", "@langchain/langgraph-checkpoint-validation"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

/** Relative imports and re-exports of a file, resolved to .ts paths (type-only ones included). */
export function importsOf(file: string, text = readFileSync(file, "utf8")): string[] {
  return specifiersOf(text).filter((s) => s.startsWith(".")).map((s) => resolve(dirname(file), s.replace(/\.js$/, ".ts")));
}

/** Package imports of a file, by package name (`vitest/config` → `vitest`). */
export function packagesOf(text: string): string[] {
  return specifiersOf(text)
    .filter((s) => !s.startsWith(".") && !s.startsWith("node:"))
    .map((s) => s.split("/").slice(0, s.startsWith("@") ? 2 : 1).join("/"));
}

function specifiersOf(text: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g), ...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] as string);
}

const inConformance = (file: string) => file.startsWith(`${CONFORMANCE}/`);

const layerOf = (file: string) => relative(root, file).split("/")[0] as (typeof LAYERS)[number];

function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, "visiting");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "visiting") return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return undefined;
}

describe("architecture", () => {
  const files = LAYERS.flatMap((layer) => sourceFiles(join(root, layer)));
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it("finds the project's sources, the CLI among them, and no CLI code in src/", () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.some((f) => relative(root, f) === "cli/main.ts")).toBe(true);
    expect(files.filter((f) => relative(root, f).startsWith("src/cli/"))).toEqual([]);
  });

  it("keeps the layers pointing one way: cli → graphs → nodes → src", () => {
    const violations: string[] = [];
    for (const [file, imports] of graph) {
      const from = LAYERS.indexOf(layerOf(file));
      for (const target of imports) {
        const to = LAYERS.indexOf(layerOf(target));
        if (to > from) violations.push(`${relative(root, file)} imports ${relative(root, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("keeps the conformance suites a leaf that only they and tests import", () => {
    const violations = [...graph].flatMap(([file, imports]) => (inConformance(file) ? [] : imports.filter(inConformance).map((target) => `${relative(root, file)} imports ${relative(root, target)}`)));
    expect(violations).toEqual([]);
  });

  it("imports vitest (and LangGraph's validation suite) only from src/conformance", () => {
    const violations = files.flatMap((file) => (inConformance(file) ? [] : packagesOf(readFileSync(file, "utf8")).filter((name) => TEST_RUNNERS.includes(name)).map((name) => `${relative(root, file)} imports ${name}`)));
    expect(violations).toEqual([]);
  });

  it("has no import cycles", () => {
    const cycle = findCycle(graph);
    expect(cycle?.map((f) => relative(root, f)).join(" → ")).toBeUndefined();
  });

  it("detects a cycle and a layer violation when there is one", () => {
    const a = join(root, "src/a.ts");
    const b = join(root, "src/b.ts");
    expect(findCycle(new Map([[a, [b]], [b, [a]]]))).toEqual([a, b, a]);
    const imports = importsOf(join(root, "src/x.ts"), 'import { y } from "../nodes/y.js";\nexport type { Z } from "./z.js";');
    expect(imports.map((f) => relative(root, f))).toEqual(["nodes/y.ts", "src/z.ts"]);
    expect(LAYERS.indexOf(layerOf(imports[0] as string))).toBeGreaterThan(LAYERS.indexOf("src"));
    expect(packagesOf('import { it } from "vitest";\nimport type { X } from "@langchain/langgraph-checkpoint-validation/dist/x.js";\nimport { a } from "./a.js";\nimport { b } from "node:fs";')).toEqual(["vitest", "@langchain/langgraph-checkpoint-validation"]);
    const fromGraphs = importsOf(join(root, "graphs/x.ts"), 'import { runCli } from "../cli/run-cli.js";');
    expect(LAYERS.indexOf(layerOf(fromGraphs[0] as string))).toBeGreaterThan(LAYERS.indexOf("graphs"));
  });
});
