import { glyphHeight, hasGlyph } from "./bitmap-font";
import { type Color, drawText, fillRect, measureText, type Raster } from "./raster";

export const standInLabel = "OFFLINE STAND-IN";
export const labelColor: Color = [255, 255, 255];
const bannerColor: Color = [0, 0, 0];

/** Where the stand-in label goes at a given image width (tests read the pixels back from here). */
export function standInLabelLayout(width: number): { scale: number; padding: number } {
  const scale = Math.max(1, Math.floor(width / 160));
  return { scale, padding: 2 * scale };
}

/** The prompt's first words in the font's alphabet, wrapped into at most `maxLines` lines of `maxWidth` pixels. */
function promptLines(prompt: string, scale: number, maxWidth: number, maxLines: number): string[] {
  const words = [...prompt.toUpperCase()]
    .map((character) => (hasGlyph(character) ? character : " "))
    .join("")
    .split(/\s+/)
    .filter(Boolean);
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (measureText(candidate, scale) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    if (lines.length === maxLines) return lines;
    current = measureText(word, scale) <= maxWidth ? word : "";
  }
  if (current && lines.length < maxLines) lines.push(current);
  return lines;
}

/**
 * Marks the picture as the offline stand-in: a banner with "OFFLINE STAND-IN" across the top, and
 * the prompt's first words across the bottom, drawn into the pixels so no viewer can miss them.
 */
export function drawStandInLabels(raster: Raster, prompt: string): void {
  const { scale, padding } = standInLabelLayout(raster.width);
  const lineHeight = glyphHeight * scale + padding;
  fillRect(raster, { x: 0, y: 0, width: raster.width, height: lineHeight + padding }, bannerColor, 0.65);
  drawText(raster, standInLabel, { x: padding, y: padding }, scale, labelColor);

  const promptScale = Math.max(1, scale - 1);
  const promptLineHeight = glyphHeight * promptScale + padding;
  const lines = promptLines(prompt, promptScale, raster.width - 2 * padding, 2);
  if (lines.length === 0) return;
  const top = raster.height - lines.length * promptLineHeight - padding;
  fillRect(raster, { x: 0, y: top, width: raster.width, height: raster.height - top }, bannerColor, 0.55);
  lines.forEach((line, index) => {
    drawText(
      raster,
      line,
      { x: padding, y: top + padding + index * promptLineHeight },
      promptScale,
      labelColor,
    );
  });
}
