// The `stats` helper. This function's source text is evaluated inside QuickJS (see index.mjs), so it
// must be self-contained: no imports, no references to anything outside its own body.
export function createStatsHelper() {
  function numbers(values, name) {
    if (!Array.isArray(values) || values.length === 0) {
      throw new TypeError(
        `stats.${name} expects a non-empty array of numbers, e.g. stats.${name}([1, 2, 3]).`,
      );
    }
    for (const value of values) {
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new TypeError(`stats.${name} expects finite numbers only, but got ${JSON.stringify(value)}.`);
      }
    }
    return values;
  }
  function sorted(values, name) {
    return [...numbers(values, name)].sort((left, right) => left - right);
  }
  function sum(values) {
    return numbers(values, "sum").reduce((total, value) => total + value, 0);
  }
  function mean(values) {
    return sum(numbers(values, "mean")) / values.length;
  }
  function quantile(values, q) {
    if (typeof q !== "number" || q < 0 || q > 1) {
      throw new RangeError("stats.quantile expects q between 0 and 1, e.g. stats.quantile(xs, 0.9).");
    }
    const ordered = sorted(values, "quantile");
    const position = (ordered.length - 1) * q;
    const below = Math.floor(position);
    const above = Math.ceil(position);
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below);
  }
  function median(values) {
    return quantile(numbers(values, "median"), 0.5);
  }
  function mode(values) {
    const counts = new Map();
    for (const value of numbers(values, "mode")) counts.set(value, (counts.get(value) ?? 0) + 1);
    let best = values[0];
    for (const [value, count] of counts) if (count > counts.get(best)) best = value;
    return best;
  }
  function variance(values, options = {}) {
    const average = mean(numbers(values, "variance"));
    const squares = values.reduce((total, value) => total + (value - average) ** 2, 0);
    const sample = options.sample === true;
    if (sample && values.length < 2)
      throw new RangeError("stats.variance with sample: true needs 2 or more values.");
    return squares / (sample ? values.length - 1 : values.length);
  }
  function stdev(values, options = {}) {
    return Math.sqrt(variance(numbers(values, "stdev"), options));
  }
  function pairs(xs, ys, name) {
    numbers(xs, name);
    numbers(ys, name);
    if (xs.length !== ys.length || xs.length < 2) {
      throw new RangeError(`stats.${name} expects two arrays of the same length (2 or more values each).`);
    }
  }
  function correlation(xs, ys) {
    pairs(xs, ys, "correlation");
    const meanX = mean(xs);
    const meanY = mean(ys);
    let products = 0;
    let squaresX = 0;
    let squaresY = 0;
    xs.forEach((x, index) => {
      products += (x - meanX) * (ys[index] - meanY);
      squaresX += (x - meanX) ** 2;
      squaresY += (ys[index] - meanY) ** 2;
    });
    return products / Math.sqrt(squaresX * squaresY);
  }
  function linearRegression(xs, ys) {
    pairs(xs, ys, "linearRegression");
    const meanX = mean(xs);
    const meanY = mean(ys);
    let products = 0;
    let squares = 0;
    xs.forEach((x, index) => {
      products += (x - meanX) * (ys[index] - meanY);
      squares += (x - meanX) ** 2;
    });
    const slope = products / squares;
    return { slope, intercept: meanY - slope * meanX };
  }
  function min(values) {
    return sorted(values, "min")[0];
  }
  function max(values) {
    return sorted(values, "max").at(-1);
  }
  return { sum, mean, median, mode, min, max, quantile, variance, stdev, correlation, linearRegression };
}
