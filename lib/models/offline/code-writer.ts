/**
 * Writes JavaScript for a calculation asked in plain words, so the offline planner can hand
 * real code to the code interpreter. Returns undefined when the request is not a calculation.
 */
export function writeCodeForRequest(request: string): string | undefined {
  const fenced = request.match(/```(?:js|javascript|ts)?\s*\n([\s\S]*?)```/i);
  if (fenced) return fenced[1].trim();
  const text = request.toLowerCase().replace(/,(?=\d{3}\b)/g, "");
  for (const writer of patternWriters) {
    const code = writer(text);
    if (code) return code;
  }
  const expression = findArithmeticExpression(text);
  return expression ? printResult(expression) : undefined;
}

const printResult = (expression: string) => `const result = ${expression};\nconsole.log(result);\nresult;`;

const patternWriters: Array<(text: string) => string | undefined> = [
  (text) => {
    const match = text.match(/factorial of (\d{1,3})\b|\b(\d{1,3})!/);
    const value = match?.[1] ?? match?.[2];
    if (!value) return undefined;
    return `let result = 1n;\nfor (let i = 2n; i <= ${value}n; i++) result *= i;\nconsole.log(result.toString());\nresult.toString();`;
  },
  (text) => {
    const match = text.match(/sum of (?:all )?(?:the )?(?:numbers|integers)? ?from (-?\d+) to (-?\d+)/);
    if (!match) return undefined;
    return `let result = 0;\nfor (let i = ${match[1]}; i <= ${match[2]}; i++) result += i;\nconsole.log(result);\nresult;`;
  },
  (text) => {
    const match = text.match(/(\d{1,4})(?:st|nd|rd|th)? fibonacci|fibonacci (?:number )?(?:of |#)?(\d{1,4})/);
    const value = match?.[1] ?? match?.[2];
    if (!value) return undefined;
    return `let previous = 0n, current = 1n;\nfor (let i = 1; i < ${value}; i++) [previous, current] = [current, previous + current];\nconst result = (${value} === 0 ? 0n : current).toString();\nconsole.log(result);\nresult;`;
  },
  (text) => {
    const match = text.match(/is (\d{1,15}) (?:a )?prime/);
    if (!match) return undefined;
    return `const n = ${match[1]};\nlet result = n > 1;\nfor (let d = 2; d * d <= n; d++) if (n % d === 0) { result = false; break; }\nconsole.log(\`\${n} is \${result ? "" : "not "}prime\`);\nresult;`;
  },
  (text) => {
    const match = text.match(/(\d+(?:\.\d+)?)\s*(?:%|percent) of (\d+(?:\.\d+)?)/);
    return match ? printResult(`(${match[1]} / 100) * ${match[2]}`) : undefined;
  },
  (text) => {
    const match = text.match(/square root of (\d+(?:\.\d+)?)/);
    return match ? printResult(`Math.sqrt(${match[1]})`) : undefined;
  },
];

const wordOperators: Array<[RegExp, string]> = [
  [/\bmultiplied by\b|\btimes\b|×|(?<=\d)\s*x\s*(?=\d)/g, " * "],
  [/\bdivided by\b|÷/g, " / "],
  [/\bplus\b/g, " + "],
  [/\bminus\b/g, " - "],
  [/\bsquared\b/g, " ** 2"],
  [/\bcubed\b/g, " ** 3"],
  [/\bto the power of\b|\^/g, " ** "],
];

function findArithmeticExpression(text: string): string | undefined {
  let normalized = text;
  for (const [pattern, operator] of wordOperators) normalized = normalized.replace(pattern, operator);
  const candidates = normalized.match(/[\d.()\s+\-*/%]+/g) ?? [];
  const best = candidates
    .map((candidate) => candidate.trim())
    .filter((candidate) => /\d/.test(candidate) && /\d\s*(\*\*|[+\-*/%])\s*[\d(]/.test(candidate))
    .sort((left, right) => right.length - left.length)[0];
  if (!best || !isBalanced(best)) return undefined;
  return best.replace(/\s+/g, " ");
}

function isBalanced(expression: string): boolean {
  let depth = 0;
  for (const character of expression) {
    if (character === "(") depth++;
    if (character === ")") depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}
