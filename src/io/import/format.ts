// Which reader a file needs: by its extension first, then by its first bytes.
import path from 'node:path';
import type { ImportFormat } from './types.js';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // 'PK\3\4': an XLSX is a zip
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls (BIFF): not supported

function startsWith(buf: Buffer, magic: number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}

/** True when the JSON text looks like an Open311 GeoReport v2 requests list. */
function looksLikeOpen311(text: string): boolean {
  return /"service_request_id"\s*:/.test(text) || /"service_requests"\s*:/.test(text);
}

function firstNonSpace(text: string): string {
  const m = /^[\s\uFEFF]*(\S)/.exec(text);
  return m?.[1] ?? '';
}

/**
 * The format of a file: by extension (.csv .txt .tsv → csv, .xlsx .xlsm → xlsx, .json → json or
 * open311 when it holds `service_request_id`), then by content (zip → xlsx, `[`/`{` → json or
 * open311, other text → csv). Null when unknown or unsupported (legacy .xls, binary, empty).
 * `path` may be '' or '-' (stdin): then only the content decides.
 */
export function detectFormat(filePath: string, firstBytes: Buffer): ImportFormat | null {
  const ext = path.extname(filePath).toLowerCase();
  const head = firstBytes.subarray(0, 64 * 1024);
  const text = head.toString('utf8');
  switch (ext) {
    case '.csv':
    case '.txt':
      return 'csv';
    case '.xlsx':
    case '.xlsm':
      return 'xlsx';
    case '.json':
      return looksLikeOpen311(text) ? 'open311' : 'json';
    case '.xls':
      return null;
    default:
      break;
  }
  if (head.length === 0) return null;
  if (startsWith(head, ZIP_MAGIC)) return 'xlsx';
  if (startsWith(head, OLE_MAGIC)) return null;
  const c = firstNonSpace(text);
  if (c === '[' || c === '{') return looksLikeOpen311(text) ? 'open311' : 'json';
  // Text without NUL bytes (UTF-8 or GB18030 alike) is taken for CSV; UTF-16 with a BOM too.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'csv';
  if (head.includes(0)) return null;
  return c === '' ? null : 'csv';
}
