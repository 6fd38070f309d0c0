/** MIME types of the formats interleaf reads, by sharp's format name. */
export const MIME_BY_FORMAT: Readonly<Record<string, string>> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  tiff: "image/tiff",
  avif: "image/avif",
  heif: "image/heif",
};

/**
 * The file extension (without the dot) for an image MIME type: `jpg` for JPEG, the format's
 * name for the others interleaf reads (`png`, `webp`, `tiff`, ...), `bin` for anything else.
 */
export function fileExtensionFor(mime: string): string {
  const format = Object.keys(MIME_BY_FORMAT).find((name) => MIME_BY_FORMAT[name] === mime);
  if (format === undefined) return "bin";
  return format === "jpeg" ? "jpg" : format;
}

const KNOWN_UNSUPPORTED: ReadonlyArray<{ name: string; magic: readonly number[] }> = [
  { name: "BMP", magic: [0x42, 0x4d] },
  { name: "ICO", magic: [0x00, 0x00, 0x01, 0x00] },
  { name: "PSD", magic: [0x38, 0x42, 0x50, 0x53] },
  { name: "PDF", magic: [0x25, 0x50, 0x44, 0x46] },
];

/**
 * Recognises, from their first bytes, image formats sharp cannot read (BMP, ICO, PSD, PDF), so
 * the error can name the format instead of calling the file corrupt. Returns the format's name,
 * or undefined when the bytes do not start like one of them.
 */
export function sniffUnsupportedFormat(bytes: Uint8Array): string | undefined {
  return KNOWN_UNSUPPORTED.find(({ magic }) => magic.every((byte, i) => bytes[i] === byte))?.name;
}
