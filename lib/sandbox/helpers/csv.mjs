// The `csv` helper. This function's source text is evaluated inside QuickJS (see index.mjs), so it
// must be self-contained: no imports, no references to anything outside its own body.
export function createCsvHelper() {
  // One RFC 4180 record at a time: quoted fields may hold delimiters, doubled quotes and line breaks.
  function readRecords(text, delimiter) {
    const records = [];
    let record = [];
    let field = "";
    let quoted = false;
    for (let index = 0; index < text.length; index++) {
      const character = text[index];
      if (quoted) {
        if (character !== '"') field += character;
        else if (text[index + 1] === '"') {
          field += '"';
          index++;
        } else quoted = false;
      } else if (character === '"' && field === "") quoted = true;
      else if (character === delimiter) {
        record.push(field);
        field = "";
      } else if (character === "\n" || character === "\r") {
        if (character === "\r" && text[index + 1] === "\n") index++;
        record.push(field);
        records.push(record);
        record = [];
        field = "";
      } else field += character;
    }
    if (quoted) throw new SyntaxError('csv.parse: a quoted field is never closed (a " is missing).');
    if (field !== "" || record.length > 0) {
      record.push(field);
      records.push(record);
    }
    return records.filter((entry) => entry.length > 1 || entry[0] !== "");
  }
  function convert(value, numbers) {
    if (!numbers) return value;
    const trimmed = value.trim();
    return trimmed !== "" && Number.isFinite(Number(trimmed)) ? Number(trimmed) : value;
  }
  function parse(text, options = {}) {
    if (typeof text !== "string") throw new TypeError("csv.parse expects the CSV text as a string.");
    const delimiter = options.delimiter ?? ",";
    if (typeof delimiter !== "string" || delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
      throw new TypeError(
        'csv.parse: delimiter must be one character other than a quote or line break, e.g. ";".',
      );
    }
    const numbers = options.numbers !== false;
    const records = readRecords(text, delimiter);
    if (options.header === false)
      return records.map((record) => record.map((value) => convert(value, numbers)));
    const [header = [], ...rows] = records;
    return rows.map((row) =>
      Object.fromEntries(header.map((name, column) => [name.trim(), convert(row[column] ?? "", numbers)])),
    );
  }
  function quote(value, delimiter) {
    const text = value === null || value === undefined ? "" : String(value);
    return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replaceAll('"', '""')}"` : text;
  }
  function stringify(rows, options = {}) {
    if (!Array.isArray(rows))
      throw new TypeError("csv.stringify expects an array of rows (objects or arrays).");
    const delimiter = options.delimiter ?? ",";
    const line = (values) => values.map((value) => quote(value, delimiter)).join(delimiter);
    if (rows.every(Array.isArray)) return rows.map(line).join("\n");
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row ?? {})))];
    return [line(columns), ...rows.map((row) => line(columns.map((column) => row?.[column])))].join("\n");
  }
  return { parse, stringify };
}
