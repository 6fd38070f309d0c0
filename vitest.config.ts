import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^interleaf\/images$/, replacement: here("./src/images/index.ts") },
      { find: /^interleaf\/search$/, replacement: here("./src/search/index.ts") },
      { find: /^interleaf\/storage$/, replacement: here("./src/storage/index.ts") },
      { find: /^interleaf\/planning$/, replacement: here("./src/planning/index.ts") },
      { find: /^interleaf\/langchain$/, replacement: here("./src/tools/langchain/index.ts") },
      { find: /^interleaf\/workers$/, replacement: here("./graphs/workers/index.ts") },
      { find: /^interleaf\/eval$/, replacement: here("./src/eval/index.ts") },
      { find: /^interleaf\/data$/, replacement: here("./src/data/index.ts") },
      { find: /^interleaf\/skywork$/, replacement: here("./src/models/skywork/index.ts") },
      { find: /^interleaf\/sandbox$/, replacement: here("./src/sandbox/index.ts") },
      { find: /^interleaf\/nodes$/, replacement: here("./nodes/index.ts") },
      { find: /^interleaf\/graphs$/, replacement: here("./graphs/index.ts") },
      { find: /^interleaf\/server$/, replacement: here("./graphs/server/index.ts") },
      { find: /^interleaf\/testing$/, replacement: here("./src/testing/index.ts") },
      { find: /^interleaf\/conformance$/, replacement: here("./src/conformance/index.ts") },
      { find: /^interleaf$/, replacement: here("./src/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    reporters: ["default", "./test/support/summary-reporter.ts"],
    // Agents created without a storage use INTERLEAF_DB; tests keep theirs in memory unless they
    // open a database on purpose.
    env: { INTERLEAF_DB: "memory" },
  },
});
