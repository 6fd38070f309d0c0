// The guide "Deploying on LangGraph Server" shows the example the server test runs, not a copy that
// can drift: each of its files appears in the guide verbatim.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../package/built-package.js";

const guide = readFileSync(join(root, "docs/langgraph-server.md"), "utf8");
const blocks = [...guide.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((match) => match[2]?.trimEnd());

describe("docs/langgraph-server.md", () => {
  it.each(["langgraph.json", "graph.ts", "app.ts"])("shows examples/langgraph-server/%s verbatim", (file) => {
    expect(blocks).toContain(readFileSync(join(root, "examples/langgraph-server", file), "utf8").trimEnd());
  });
});
