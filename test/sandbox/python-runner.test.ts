import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

// The sandbox runner's own unit tests (Python's unittest, test/sandbox/python/), run by `npm test`
// with the interpreter the sandbox uses (Debian's, with Pillow and numpy).
const root = fileURLToPath(new URL("../..", import.meta.url));

it("passes the runner's Python unit tests (crop rules, image capture, framing)", async () => {
  const outcome = await promisify(execFile)("/usr/bin/python3", ["-B", "-m", "unittest", "discover", "-s", "test/sandbox/python", "-v"], { cwd: root }).then(
    ({ stderr }) => ({ ok: true, report: stderr }),
    (error: { stderr?: string; message: string }) => ({ ok: false, report: error.stderr || error.message }),
  );
  expect(outcome.ok, outcome.report).toBe(true);
  // unittest finds nothing without complaint: make sure the tests ran.
  expect(Number(/^Ran (\d+) tests?/m.exec(outcome.report)?.[1])).toBeGreaterThanOrEqual(20);
}, 120_000);
