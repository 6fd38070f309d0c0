import { existsSync, readFileSync, statSync } from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";

const file = (path: string) => new URL(`../../${path}`, import.meta.url);

describe("the viewer's docs", () => {
  it("show the screenshot the browser test takes (UPDATE_VIEWER_SCREENSHOT=1), small, in the README and the guide", async () => {
    const shot = file("docs/images/viewer.png");
    expect(existsSync(shot)).toBe(true);
    expect(statSync(shot).size).toBeLessThan(200_000);
    expect(await sharp(readFileSync(shot)).metadata()).toMatchObject({ format: "png", width: 900 });
    expect(readFileSync(file("README.md"), "utf8")).toContain("](docs/images/viewer.png)");
    const guide = readFileSync(file("docs/reading-a-trajectory.md"), "utf8");
    expect(guide).toContain("](images/viewer.png)");
    expect(readFileSync(file("README.md"), "utf8")).toContain("(docs/reading-a-trajectory.md)");
  });
});
