import { glyphRows, glyphWidth } from "./bitmap-font";

export type Color = readonly [red: number, green: number, blue: number];

/** An RGB image in memory: 3 bytes per pixel, row by row. */
export type Raster = { width: number; height: number; pixels: Uint8Array };

export function createRaster(width: number, height: number): Raster {
  return { width, height, pixels: new Uint8Array(width * height * 3) };
}

/** Paints one pixel, mixing `alpha` of the colour over what is there; pixels off the image are ignored. */
export function blendPixel(raster: Raster, x: number, y: number, color: Color, alpha = 1): void {
  if (x < 0 || y < 0 || x >= raster.width || y >= raster.height) return;
  const offset = (Math.floor(y) * raster.width + Math.floor(x)) * 3;
  for (let channel = 0; channel < 3; channel++) {
    const current = raster.pixels[offset + channel];
    raster.pixels[offset + channel] = Math.round(current + (color[channel] - current) * alpha);
  }
}

export function fillRect(
  raster: Raster,
  area: { x: number; y: number; width: number; height: number },
  color: Color,
  alpha = 1,
): void {
  const right = Math.min(raster.width, Math.ceil(area.x + area.width));
  const bottom = Math.min(raster.height, Math.ceil(area.y + area.height));
  for (let y = Math.max(0, Math.floor(area.y)); y < bottom; y++) {
    for (let x = Math.max(0, Math.floor(area.x)); x < right; x++) blendPixel(raster, x, y, color, alpha);
  }
}

/** A filled circle with a one-pixel soft edge. */
export function fillCircle(
  raster: Raster,
  center: { x: number; y: number },
  radius: number,
  color: Color,
  alpha = 1,
): void {
  const top = Math.max(0, Math.floor(center.y - radius - 1));
  const bottom = Math.min(raster.height - 1, Math.ceil(center.y + radius + 1));
  const left = Math.max(0, Math.floor(center.x - radius - 1));
  const right = Math.min(raster.width - 1, Math.ceil(center.x + radius + 1));
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      const distance = Math.hypot(x + 0.5 - center.x, y + 0.5 - center.y);
      const coverage = Math.min(1, Math.max(0, radius - distance + 0.5));
      if (coverage > 0) blendPixel(raster, x, y, color, alpha * coverage);
    }
  }
}

/** Pixel width of `text` drawn at `scale` (one blank column between glyphs). */
export function measureText(text: string, scale: number): number {
  return text.length === 0 ? 0 : (text.length * (glyphWidth + 1) - 1) * scale;
}

/** Draws `text` with the bitmap font, each font pixel a `scale`×`scale` square. */
export function drawText(
  raster: Raster,
  text: string,
  origin: { x: number; y: number },
  scale: number,
  color: Color,
): void {
  [...text].forEach((character, index) => {
    const glyphX = origin.x + index * (glyphWidth + 1) * scale;
    glyphRows(character).forEach((bits, row) => {
      for (let column = 0; column < glyphWidth; column++) {
        if (!(bits & (1 << (glyphWidth - 1 - column)))) continue;
        fillRect(
          raster,
          { x: glyphX + column * scale, y: origin.y + row * scale, width: scale, height: scale },
          color,
        );
      }
    });
  });
}

/** The colour `amount` (0–1) of the way from `from` to `to`. */
export function mixColors(from: Color, to: Color, amount: number): Color {
  return [0, 1, 2].map((channel) => Math.round(from[channel] + (to[channel] - from[channel]) * amount)) as [
    number,
    number,
    number,
  ];
}
