// A run killed in the middle of a code call leaves its sandbox folder behind, with copies of the thread's
// images in it. The next sandbox in any process removes folders whose process is gone, and only those.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLocalSandbox } from "interleaf/sandbox";

describe("sandbox folders left by a killed process", () => {
  it("are removed by the next sandbox call; folders of live processes stay", async () => {
    const root = mkdtempSync(join(tmpdir(), "interleaf-orphans-"));
    chmodSync(root, 0o755); // the sandbox user must reach its call folder, as in /tmp
    const dead = spawnSync("true").pid;
    const orphan = join(root, `interleaf-sandbox-${dead}-abc123`);
    const live = join(root, `interleaf-sandbox-${process.pid}-def456`);
    const unrelated = join(root, "someone-else");
    for (const dir of [orphan, live, unrelated]) {
      mkdirSync(join(dir, "inputs"), { recursive: true });
      writeFileSync(join(dir, "inputs", "original_image.png"), "copy of a thread's image");
    }
    const result = await createLocalSandbox({ tempDir: root, limits: { wallMs: 30_000 } }).run({ code: "print(1 + 1)" });
    expect(result.stdout.trim()).toBe("2");
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(unrelated)).toBe(true);
  });
});
