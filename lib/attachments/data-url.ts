// data:<type>[;param=value]*;base64,<data>. Attachments arrive only in this form: the server never
// fetches a URL a client sends.
const dataUrlPattern = /^data:([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)?((?:;[a-z0-9_.-]+=[^;,]*)*);base64,/i;
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes a base64 data URL carries, its media type and its decoded size; undefined for anything else. */
export function decodeDataUrl(url: string): { mediaType: string; bytes: Uint8Array } | undefined {
  const header = dataUrlPattern.exec(url);
  if (!header) return undefined;
  const data = url.slice(header[0].length);
  if (data.length % 4 !== 0 || !base64Pattern.test(data)) return undefined;
  return { mediaType: header[1] ?? "application/octet-stream", bytes: Buffer.from(data, "base64") };
}

/** The decoded size of a base64 data URL without decoding it, or undefined when it is not one. */
export function dataUrlByteLength(url: string): number | undefined {
  const header = dataUrlPattern.exec(url);
  if (!header) return undefined;
  const data = url.length - header[0].length;
  const padding = url.endsWith("==") ? 2 : url.endsWith("=") ? 1 : 0;
  return (data / 4) * 3 - padding;
}
