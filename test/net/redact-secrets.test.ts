import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../src/net/redact.js";
import { createRedactor, REDACTED } from "interleaf/testing";

describe("redactSecrets, the one redaction rule", () => {
  it("removes every occurrence of each secret, skipping empty and missing ones", () => {
    expect(redactSecrets("key sk-abc, again sk-abc", ["sk-abc", "", undefined])).toBe(`key ${REDACTED}, again ${REDACTED}`);
    expect(redactSecrets("nothing here", [])).toBe("nothing here");
  });

  it("removes a secret that contains another one whole", () => {
    expect(redactSecrets("token abc123456 and abc", ["abc", "abc123456"])).toBe(`token ${REDACTED} and ${REDACTED}`);
  });

  it("removes short secrets too (a three-letter database password)", () => {
    expect(redactSecrets("password authentication failed: pw9", ["pw9"])).toBe(`password authentication failed: ${REDACTED}`);
  });

  it("is the rule the cassette redactor applies to exact secrets", () => {
    const redact = createRedactor({ secrets: ["abc", "abc123456"], env: {} });
    expect(redact({ said: "token abc123456" })).toEqual({ said: `token ${REDACTED}` });
  });
});
