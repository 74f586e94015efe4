/** A memo with facts no model knows, attached to a message rather than uploaded. */
export const lighthouseMemo = `# Lighthouse keepers' memo

The lamp of the Brandaris lighthouse is replaced every 18 months.

Keepers must log the fog horn tests on Sundays.
`;

/** 40 × 20 PNG: the left 30 columns #d02020 (red), the right 10 #2050d0 (blue). */
export const redBluePng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAACgAAAAUCAIAAABwJOjsAAAAKklEQVR4nGO8oKDAQBsQYLABjyzjqMWjFo9aPGrxqMWjFo9aPGrxyLEYACCPLRXqbZliAAAAAElFTkSuQmCC",
  "base64",
);
