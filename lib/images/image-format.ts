const formats: Array<{ mediaType: string; extension: string; matches: (bytes: Uint8Array) => boolean }> = [
  {
    mediaType: "image/png",
    extension: "png",
    matches: (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]),
  },
  { mediaType: "image/jpeg", extension: "jpg", matches: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]) },
  {
    mediaType: "image/gif",
    extension: "gif",
    matches: (bytes) => startsWith(bytes, [0x47, 0x49, 0x46, 0x38]),
  },
  {
    mediaType: "image/webp",
    extension: "webp",
    matches: (bytes) =>
      startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes.subarray(8), [0x57, 0x45, 0x42, 0x50]),
  },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** The image format the bytes really are (by their signature), or undefined when they are not an image we serve. */
export function detectImageFormat(bytes: Uint8Array): { mediaType: string; extension: string } | undefined {
  const format = formats.find((candidate) => candidate.matches(bytes));
  return format && { mediaType: format.mediaType, extension: format.extension };
}
