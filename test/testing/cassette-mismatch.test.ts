import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InterleafError, defineTool, type ModelRequest } from "interleaf";
import { createToolContext } from "interleaf/testing";
import { MemoryImageStore } from "interleaf/storage";
import { contentId, ingestImage } from "interleaf/images";
import { cassetteModeFromEnv, isTestingError, openCassette, scriptedModel, withCassette } from "interleaf/testing";
import { CASSETTE, CASSETTES, PHOTO, QUESTION, recordedAgent } from "./recorded-run.js";

const isMismatch = (e: unknown) => isTestingError(e, "cassette_mismatch");

describe("an unmatched request in replay fails with the nearest recording and a diff, never a live call", () => {
  it("shows the changed prompt text when the system prompt was deliberately changed", async () => {
    const error = await withCassette(
      CASSETTE,
      async (cassette) => {
        const agent = recordedAgent(cassette, { instructions: "Always answer in French." });
        const result = await agent.run({ question: QUESTION, images: [PHOTO] });
        // The run itself only sees a failed model call...
        expect(result.status).toBe("failed");
        expect(result.error?.code).toBe("cassette_mismatch");
      },
      { dir: CASSETTES, mode: "replay" },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    // ...and withCassette fails the test with the explanation.
    expect(isMismatch(error)).toBe(true);
    if (!isMismatch(error)) return;
    expect(error.message).toContain(`cassette "${CASSETTE}" (replay mode) has no recording of this model request`);
    expect(error.message).toContain("Nearest recorded call: #1 of 7");
    expect(error.message).toMatch(/^\+ system\[0\] text: .*Always answer in French\.$/m);
    expect(error.message).toContain("INTERLEAF_CASSETTE=record");
    expect(error.details.changed).toEqual(["prompt text"]);
    expect(error.details.nearestKey).toMatch(/^model:model:[0-9a-f]{64}$/);
    // Only the added instruction (and the blank line before it) is marked; the rest is context.
    expect(String(error.details.diff).split("\n").filter((l) => l.startsWith("- ") || l.startsWith("+ "))).toEqual(["+ system[0] text: ", "+ system[0] text: Always answer in French."]);
  });

  it("shows changed tool arguments, naming the argument", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-mismatch-"));
    const measure = defineTool({
      name: "measure",
      description: "Measures a region.",
      input: z.object({ box: z.array(z.number()), unit: z.string().default("px") }),
      async execute({ box }) {
        return { text: `width ${(box[2] ?? 0) - (box[0] ?? 0)}` };
      },
    });
    const images = new MemoryImageStore();
    const photo = await ingestImage(images, await readFile(PHOTO));
    const context = createToolContext({ images, inputs: [photo], question: "How wide?" });
    const recorder = await openCassette(dir, { mode: "record" });
    await recorder.tool(measure).execute({ box: [10, 10, 90, 50], unit: "px" }, context);
    await recorder.save();

    const replayer = await openCassette(dir, { mode: "replay" });
    const replayed = replayer.tool(measure);
    expect(await replayed.execute({ unit: "px", box: [10, 10, 90, 50] }, context)).toEqual({ text: "width 80", images: [] });
    const error = await replayed.execute({ box: [10, 10, 120, 50], unit: "px" }, context).catch((e: unknown) => e);
    expect(isMismatch(error)).toBe(true);
    if (!isMismatch(error)) return;
    expect(error.message).toContain("has no recording of this measure tool call");
    expect(error.message).toContain("- input.box = [10,10,90,50]\n+ input.box = [10,10,120,50]");
    expect(error.details.changed).toEqual(["tool arguments"]);
    expect(replayer.mismatches).toHaveLength(1);
    expect(() => replayer.assertNoMismatch()).toThrow(/measure tool call/);
  });

  it("shows a changed image as a changed sha256, never as bytes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-mismatch-"));
    const png = async (colour: string) => new Uint8Array(await sharp({ create: { width: 4, height: 4, channels: 3, background: colour } }).png().toBuffer());
    const request = (bytes: Uint8Array): ModelRequest => ({
      messages: [{ role: "user", content: [{ type: "image", ref: { id: contentId(bytes), mime: "image/png", width: 4, height: 4 }, data: bytes, mime: "image/png", label: "original image" }, { type: "text", text: "Colour?" }] }],
    });
    const red = await png("red");
    const blue = await png("blue");
    const recorder = await openCassette(dir, { mode: "record" });
    await recorder.model(scriptedModel(() => "red")).generate(request(red));
    await recorder.save();
    expect(await readFile(join(dir, "cassette.jsonl"), "utf8")).toContain(`"image":"${contentId(red)}"`);

    const replayer = await openCassette(dir, { mode: "replay" });
    const live = scriptedModel(() => "live!");
    const model = replayer.model(live);
    expect((await model.generate(request(red))).text).toBe("red");
    const error = await model.generate(request(blue)).catch((e: unknown) => e);
    expect(live.calls).toHaveLength(0);
    expect(isMismatch(error)).toBe(true);
    if (!isMismatch(error)) return;
    expect(error.details.changed).toEqual(["image hash"]);
    expect(error.message).toContain(`- user[0] image: sha256 ${contentId(red)} "original image" sent 4x4`);
    expect(error.message).toContain(`+ user[0] image: sha256 ${contentId(blue)} "original image" sent 4x4`);
  });

  it("refuses to replay a cassette that was never recorded, and a mistyped mode", async () => {
    const missing = await withCassette("never-recorded", async () => 1, { dir: mkdtempSync(join(tmpdir(), "interleaf-none-")), mode: "replay" }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(missing) && isTestingError(missing, "cassette_not_found")).toBe(true);
    expect((missing as Error).message).toContain("INTERLEAF_CASSETTE=record");
    expect(() => cassetteModeFromEnv({ INTERLEAF_CASSETTE: "replya" })).toThrow(/not a cassette mode; use one of record, replay, auto, off/);
    await expect(withCassette("../escape", async () => 1)).rejects.toThrow(/cassette name/);
  });

  it("ignores what should not matter: tool-call ids, key order and the abort signal", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-ids-"));
    const request = (id: string, args: Record<string, unknown>): ModelRequest => ({
      messages: [
        { role: "user", content: [{ type: "text", text: "Look." }] },
        { role: "assistant", content: [], toolCalls: [{ id, name: "crop", arguments: args }] },
        { role: "tool", toolCallId: id, toolName: "crop", content: [{ type: "text", text: `result of ${id}` }] },
      ],
      signal: new AbortController().signal,
    });
    const recorder = await openCassette(join(dir, "ids"), { mode: "record" });
    await recorder.model(scriptedModel(() => "ok")).generate(request("call_Ab12xyz", { x: 1, y: 2 }));
    await recorder.save();
    const replayer = await openCassette(join(dir, "ids"), { mode: "replay" });
    const reply = await replayer.model(scriptedModel(() => "live")).generate(request("call_Zq98abc", { y: 2, x: 1 }));
    expect(reply.text).toBe("ok");
    const changed = await replayer.model(scriptedModel(() => "live")).generate(request("call_Zq98abc", { y: 2, x: 3 })).catch((e: unknown) => e);
    expect(isMismatch(changed) && changed.details.changed).toEqual(["tool arguments"]);
  });
});
