import { contentTokens, hashString } from "@/lib/models/text-features";
import { type Color, createRaster, fillCircle, fillRect, mixColors, type Raster } from "./raster";
import { drawStandInLabels } from "./stand-in-labels";

type Palette = { skyTop: Color; skyBottom: Color; ground: Color; accent: Color; water: boolean };

// Words that steer the scene, so "a forest at night" looks different from "a desert at noon".
const themes: Array<{
  words: string[];
  hues: [sky: number, ground: number];
  light: number;
  water?: boolean;
}> = [
  { words: ["night", "space", "star", "moon", "galaxy", "dark"], hues: [235, 250], light: 0.18 },
  { words: ["sunset", "sunrise", "dusk", "dawn", "autumn", "fire"], hues: [20, 290], light: 0.55 },
  { words: ["forest", "tree", "jungle", "garden", "meadow", "grass"], hues: [190, 120], light: 0.6 },
  {
    words: ["ocean", "sea", "water", "lake", "beach", "river", "wave"],
    hues: [200, 210],
    light: 0.62,
    water: true,
  },
  { words: ["desert", "sand", "dune", "canyon"], hues: [40, 35], light: 0.65 },
  { words: ["snow", "winter", "ice", "mountain", "frozen"], hues: [205, 200], light: 0.85 },
];

/** A small, fast, seedable PRNG (mulberry32), so the same prompt always draws the same picture. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function hsl(hue: number, saturation: number, lightness: number): Color {
  const amount = saturation * Math.min(lightness, 1 - lightness);
  const channel = (offset: number) => {
    const k = (offset + hue / 30) % 12;
    const value = lightness - amount * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(255 * Math.min(1, Math.max(0, value)));
  };
  return [channel(0), channel(8), channel(4)];
}

function choosePalette(words: string[], random: () => number): Palette {
  const theme = themes.find((candidate) => candidate.words.some((word) => words.includes(word)));
  const skyHue = theme?.hues[0] ?? random() * 360;
  const groundHue = theme?.hues[1] ?? (skyHue + 120 + random() * 120) % 360;
  const light = theme?.light ?? 0.45 + random() * 0.25;
  return {
    skyTop: hsl(skyHue, 0.6, light * 0.7),
    skyBottom: hsl((skyHue + 30) % 360, 0.7, Math.min(0.9, light + 0.15)),
    ground: hsl(groundHue, 0.45, light * 0.55),
    accent: hsl((skyHue + 180) % 360, 0.85, 0.6),
    water: theme?.water ?? false,
  };
}

function paintSky(raster: Raster, palette: Palette, horizon: number): void {
  // Down to the bottom edge, so that no unpainted gap shows where a hill dips below the horizon.
  for (let y = 0; y < raster.height; y++) {
    const color = mixColors(palette.skyTop, palette.skyBottom, Math.min(1, y / Math.max(1, horizon - 1)));
    fillRect(raster, { x: 0, y, width: raster.width, height: 1 }, color);
  }
}

/** Hills (or waves over water): layered bands whose edge is a sum of sines with random phases. */
function paintBands(raster: Raster, palette: Palette, horizon: number, random: () => number): void {
  const layers = 3;
  for (let layer = 0; layer < layers; layer++) {
    const base = horizon + (layer * (raster.height - horizon)) / layers;
    const amplitude = (palette.water ? 0.015 : 0.06) * raster.height * (1 - layer * 0.25);
    const phases = [random(), random(), random()].map((value) => value * Math.PI * 2);
    const frequency = (palette.water ? 9 : 2) + random() * 3;
    // Farther bands are lighter, as if seen through haze.
    const color = mixColors(palette.ground, palette.skyBottom, 0.3 - layer * 0.15);
    for (let x = 0; x < raster.width; x++) {
      const t = x / raster.width;
      const edge =
        base -
        amplitude *
          (Math.sin(t * frequency + phases[0]) +
            0.5 * Math.sin(t * frequency * 2.3 + phases[1]) +
            0.25 * Math.sin(t * 7 + phases[2]));
      fillRect(raster, { x, y: edge, width: 1, height: raster.height - edge }, color);
    }
  }
}

/** One shape per meaningful prompt word, coloured and placed by the word's hash. */
function paintWordShapes(raster: Raster, words: string[], horizon: number, random: () => number): void {
  const unit = Math.min(raster.width, raster.height);
  words.slice(0, 8).forEach((word, index) => {
    const hash = hashString(word);
    const color = hsl(hash % 360, 0.75, 0.55);
    const x = (0.1 + (0.8 * ((hash >>> 9) % 1000)) / 1000) * raster.width;
    const y = horizon * (0.35 + 0.5 * random());
    const size = unit * (0.04 + 0.05 * (((hash >>> 19) % 100) / 100));
    if (index % 2 === 0) fillCircle(raster, { x, y }, size, color, 0.85);
    else fillRect(raster, { x: x - size, y: y - size, width: size * 2, height: size * 2 }, color, 0.75);
  });
}

/** Draws the offline stand-in picture for a prompt as RGB pixels; the same prompt and seed give the same image. */
export function drawProceduralImage(prompt: string, width: number, height: number, seed = 0): Raster {
  const random = createRandom(hashString(prompt) ^ seed);
  const words = contentTokens(prompt);
  const palette = choosePalette(words, random);
  const raster = createRaster(width, height);
  const horizon = Math.round(height * (0.55 + random() * 0.15));
  paintSky(raster, palette, horizon);
  const sun = { x: width * (0.15 + random() * 0.7), y: horizon * (0.2 + random() * 0.35) };
  const radius = Math.min(width, height) * (0.07 + random() * 0.05);
  for (let glow = 3; glow >= 1; glow--)
    fillCircle(raster, sun, radius * (1 + glow * 0.35), palette.accent, 0.12);
  fillCircle(raster, sun, radius, palette.accent);
  paintWordShapes(raster, words, horizon, random);
  paintBands(raster, palette, horizon, random);
  drawStandInLabels(raster, prompt);
  return raster;
}
