// pdf.js ships its image decoders without type declarations; this is the part jpeg-decoder.ts uses.
declare module "pdfjs-dist/legacy/image_decoders/pdf.image_decoders.mjs" {
  export class JpegImage {
    constructor(options?: object);
    width: number;
    height: number;
    parse(data: Uint8Array): void;
    getData(options: { width: number; height: number; forceRGB: boolean }): Uint8ClampedArray;
  }
}
