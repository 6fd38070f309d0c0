import { describe, expect, it } from "vitest";
import { InterleafError, type ImageRef } from "interleaf";
import { ImageGallery } from "interleaf/images";

const ref = (hex: string, savedAt?: string): ImageRef => ({
  id: hex.repeat(64 / hex.length),
  mime: "image/png",
  width: 10,
  height: 10,
  ...(savedAt ? { parent: "a".repeat(64), op: { name: "code", params: { path: savedAt } } } : {}),
});

describe("ImageGallery: images named by file path", () => {
  const original = ref("a");
  const crop = ref("b", "/mnt/data/temp_processed_images/crop.png");
  const again = ref("c", "/mnt/data/temp_processed_images/crop.png");
  const other = ref("d", "/mnt/data/temp_processed_images/enhanced.jpg");
  const gallery = new ImageGallery([original], [crop, again, other]);

  it("resolves a path code printed to the latest image saved there", () => {
    expect(gallery.resolve("/mnt/data/temp_processed_images/crop.png").id).toBe(again.id);
    expect(gallery.resolve("/mnt/data//temp_processed_images/./enhanced.jpg").id).toBe(other.id);
    expect(gallery.resolve("temp_processed_images/enhanced.jpg").id).toBe(other.id);
  });

  it("resolves the sandbox's file names of the images", () => {
    expect(gallery.resolve("/mnt/data/original_image.jpg").id).toBe(original.id);
    expect(gallery.resolve("observation_2.png").id).toBe(again.id);
  });

  it("resolves R1V4's local image paths of the one input image (Table 1, the planner's /data/images/person_1.png)", () => {
    expect(gallery.resolve("/data/images/person_1.png").id).toBe(original.id);
    expect(gallery.resolve("local image path 1.jpg").id).toBe(original.id);
  });

  it("does not guess with several input images, nor for URLs or names that are no paths", () => {
    const two = new ImageGallery([original, ref("e")], []);
    expect(() => two.resolve("/data/images/person_1.png")).toThrow(InterleafError);
    expect(two.resolve("/data/image_2.png").id).toBe("e".repeat(64));
    expect(() => gallery.resolve("https://example.org/photo.jpg")).toThrow(/no image named/);
    expect(() => gallery.resolve("the red car")).toThrow(/no image named/);
  });
});
