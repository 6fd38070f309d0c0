import { describe, expect, it } from "vitest";
import { plural } from "../../src/util/plural.js";

describe("plural", () => {
  it("puts the noun in the singular for exactly one and in the plural otherwise", () => {
    expect(plural(1, "tool call")).toBe("1 tool call");
    expect(plural(0, "tool call")).toBe("0 tool calls");
    expect(plural(2, "image")).toBe("2 images");
  });

  it("takes an irregular plural", () => {
    expect(plural(3, "query", "queries")).toBe("3 queries");
    expect(plural(1, "query", "queries")).toBe("1 query");
  });
});
