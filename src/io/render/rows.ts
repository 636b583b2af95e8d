// Rows of records as CSV or TSV (for `list --format csv|tsv`): a header of field names, one line
// per record. CSV follows the exports (BOM for Excel, CRLF, formula-safe cells); TSV is for
// `cut`/`sort`: a tab or line break inside a value becomes a space.
import { BOM, csvLine } from './csv.js';

type Value = string | number | boolean | null | undefined | readonly string[];

function flat(v: Value): string | number | boolean | null | undefined {
  return Array.isArray(v) ? v.join(',') : (v as string | number | boolean | null | undefined);
}

export function renderRows(rows: readonly Record<string, unknown>[], fields: readonly string[], format: 'csv' | 'tsv'): string {
  if (format === 'csv') {
    const lines = [csvLine(fields), ...rows.map((r) => csvLine(fields.map((f) => flat(r[f] as Value))))];
    return `${BOM}${lines.join('\r\n')}\r\n`;
  }
  const cell = (v: Value): string => {
    const x = flat(v);
    return x === null || x === undefined ? '' : String(x).replace(/[\t\r\n]+/g, ' ');
  };
  return `${[fields.join('\t'), ...rows.map((r) => fields.map((f) => cell(r[f] as Value)).join('\t'))].join('\n')}\n`;
}
