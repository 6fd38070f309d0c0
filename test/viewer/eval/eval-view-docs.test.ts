import { existsSync, readFileSync, statSync } from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";

const file = (path: string) => new URL(`../../../${path}`, import.meta.url);

describe("the eval view's docs", () => {
  it("show the screenshot the browser test takes (UPDATE_VIEWER_SCREENSHOT=1) in 'Reading an eval run'", async () => {
    const shot = file("docs/images/eval-view.png");
    expect(existsSync(shot)).toBe(true);
    expect(statSync(shot).size).toBeLessThan(200_000);
    expect(await sharp(readFileSync(shot)).metadata()).toMatchObject({ format: "png", width: 900 });
    const guide = readFileSync(file("docs/reading-a-trajectory.md"), "utf8");
    const section = guide.slice(guide.indexOf("## Reading an eval run"));
    expect(section.split("\n## ")[0]).toContain("](images/eval-view.png)");
  });
});
