/** Named colours an image's pixels are sorted into; the names are what a description says. */
const namedColours: Array<{ name: string; rgb: [number, number, number] }> = [
  { name: "black", rgb: [10, 10, 10] },
  { name: "dark grey", rgb: [70, 70, 70] },
  { name: "grey", rgb: [128, 128, 128] },
  { name: "light grey", rgb: [195, 195, 195] },
  { name: "white", rgb: [250, 250, 250] },
  { name: "red", rgb: [215, 35, 35] },
  { name: "dark red", rgb: [120, 15, 20] },
  { name: "orange", rgb: [240, 135, 30] },
  { name: "yellow", rgb: [245, 215, 45] },
  { name: "brown", rgb: [125, 80, 40] },
  { name: "beige", rgb: [220, 200, 160] },
  { name: "green", rgb: [55, 165, 60] },
  { name: "dark green", rgb: [20, 85, 35] },
  { name: "olive", rgb: [125, 130, 45] },
  { name: "teal", rgb: [20, 130, 130] },
  { name: "cyan", rgb: [70, 205, 225] },
  { name: "light blue", rgb: [145, 190, 240] },
  { name: "blue", rgb: [40, 85, 215] },
  { name: "navy", rgb: [20, 30, 95] },
  { name: "purple", rgb: [120, 50, 165] },
  { name: "pink", rgb: [240, 140, 185] },
  { name: "magenta", rgb: [215, 40, 175] },
];

// The "redmean" weighting: a cheap distance that follows perceived differences better than plain RGB.
function distance(red: number, green: number, blue: number, rgb: [number, number, number]): number {
  const meanRed = (red + rgb[0]) / 2;
  const dr = red - rgb[0];
  const dg = green - rgb[1];
  const db = blue - rgb[2];
  return (2 + meanRed / 256) * dr * dr + 4 * dg * dg + (2 + (255 - meanRed) / 256) * db * db;
}

/** The name of the named colour nearest to an RGB value. */
export function nameColour(red: number, green: number, blue: number): string {
  let best = namedColours[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of namedColours) {
    const candidateDistance = distance(red, green, blue, candidate.rgb);
    if (candidateDistance < bestDistance) {
      best = candidate;
      bestDistance = candidateDistance;
    }
  }
  return best.name;
}

/** `#rrggbb` for an RGB value. */
export function toHex(red: number, green: number, blue: number): string {
  return `#${[red, green, blue].map((value) => Math.round(value).toString(16).padStart(2, "0")).join("")}`;
}
