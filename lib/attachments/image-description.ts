import type { ImageAnalysis } from "./image-analysis";

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function shapeOf(width: number, height: number): string {
  if (Math.abs(width - height) <= Math.max(width, height) * 0.05) return "square";
  return width > height ? "landscape" : "portrait";
}

function brightnessWord(brightness: number): string {
  if (brightness < 0.25) return "dark";
  if (brightness < 0.45) return "fairly dark";
  if (brightness < 0.65) return "medium";
  if (brightness < 0.85) return "bright";
  return "very bright";
}

/**
 * A plain-text description of an attached image from its measured pixels, labelled as such so that
 * neither a model nor a reader takes it for what a vision model saw.
 */
export function describeImageAnalysis(name: string, analysis: ImageAnalysis): string {
  const { format, width, height } = analysis;
  const sentences = [
    `The attached image “${name}” is a ${format} image of ${width} × ${height} pixels (${shapeOf(width, height)}).`,
  ];
  if (analysis.colours.length > 0) {
    const colours = analysis.colours.map(
      (colour) => `${colour.name} (${colour.hex}, ${percent(colour.share)})`,
    );
    sentences.push(`Its dominant colours are ${colours.join(", ")}.`);
  }
  if (analysis.brightness !== undefined) {
    sentences.push(
      `Overall it is ${brightnessWord(analysis.brightness)} (mean brightness ${percent(analysis.brightness)}).`,
    );
  }
  if (analysis.transparentShare && analysis.transparentShare >= 0.05) {
    sentences.push(`About ${percent(analysis.transparentShare)} of it is transparent.`);
  }
  if (analysis.notAnalysed) sentences.push(`Its colours were not measured: ${analysis.notAnalysed}.`);
  sentences.push(
    "(Image analysis measured from the pixels by the app, not seen by a vision model: it cannot say what the image shows.)",
  );
  return sentences.join(" ");
}
