import { describe, expect, it } from "vitest";
import { InterleafError, type ImageRef } from "interleaf";
import { ImageGallery } from "interleaf/images";

const ref = (hex: string, width = 10): ImageRef => ({ id: hex.repeat(64 / hex.length), mime: "image/jpeg", width, height: 10 });

describe("ImageGallery", () => {
  const original = ref("a");
  const second = ref("b");
  const crop = ref("c", 20);
  const gallery = new ImageGallery([original, second], [crop, ref("d"), { ...crop, width: 20 }]);

  it("names inputs and produced images as the model saw them", () => {
    expect(gallery.entries.map((e) => e.label)).toEqual(["original image", "image 2", "observation 1", "observation 2", "observation 3"]);
    expect(gallery.labelOf(second.id)).toBe("image 2");
  });

  it.each([
    [undefined, "a"],
    ["original_image", "a"],
    ["Original Image", "a"],
    ["image 2", "b"],
    ["observation 2", "d"],
    ["observation_2", "d"],
    ["<sub-image 2>", "d"],
    ["2", "d"],
    ["dddddddd", "d"],
  ])("resolves %s", (name, expected) => {
    expect(gallery.resolve(name).id[0]).toBe(expected);
  });

  it.each(["observation -1", "-1", "image -2", "observation - 1"])("refuses the negative number %s instead of reading it as a positive one", (name) => {
    expect(() => gallery.resolve(name)).toThrow(/no image named/);
  });

  it("resolves an id that appears twice (the same crop made twice) to one image", () => {
    expect(gallery.resolve(crop.id).id).toBe(crop.id);
  });

  it("refuses unknown names with the list of known ones", () => {
    let caught: unknown;
    try {
      gallery.resolve("observation 9");
    } catch (error) {
      caught = error;
    }
    expect(InterleafError.isInstance(caught) && caught.code).toBe("image_not_found");
    expect((caught as Error).message).toContain('"observation 3"');
    expect(() => new ImageGallery([], []).resolve()).toThrow(/no input image/);
  });
});
