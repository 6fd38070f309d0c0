#!/usr/bin/env node
// The `interleaf` executable: a committed, executable shim (mode 755) that loads the build, so the
// command stays executable however dist/ was produced (npm ci, a rebuild, a packed tarball).
import { existsSync } from "node:fs";

const main = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(`interleaf: the build is missing (${main.pathname}); run \`npm run build\` in the interleaf folder.\n`);
  process.exit(3);
}
await import(main.href);
