// Streaming readers: a city export file (CSV, XLSX, JSON, Open311) → raw records, each with the
// line of the file where it starts. Memory does not grow with the file for CSV and XLSX; JSON and
// Open311 files are parsed whole (JSON.parse: a JSON export is a single document; the city's JSON
// exports are small, the big ones come as CSV or XLSX).
import type { RawRecord } from './types.js';
import { defaultProfile } from './profile.js';
import type { ImportSource, ReadInput } from './read-common.js';

export { HEADER_MIN_KNOWN, HEADER_SEARCH_ROWS, type ImportSource, type ReadInput } from './read-common.js';
// (The CSV and XLSX readers' own limits are not re-exported here: that would load them, csv-parse,
// node:zlib and node:fs/promises with it, at every start. Import them from read-csv.ts / read-xlsx.ts.)
export { arrayElementOffsets, MAX_JSON_BYTES, OPEN311_HEADERS, open311Type, open311Values } from './read-json.js';

/**
 * Open an import file and read up to its header. Throws Refusal('import.read.*') on unreadable
 * input. Each format's reader (and what it needs: iconv-lite, csv-parse, exceljs) is loaded only
 * when a file of that format is read.
 */
export async function openImport(input: ReadInput): Promise<ImportSource> {
  const profile = input.profile ?? defaultProfile();
  switch (input.format) {
    case 'csv':
      return (await import('./read-csv.js')).openCsv(input, profile);
    case 'xlsx':
      return (await import('./read-xlsx.js')).openXlsx(input, profile);
    case 'json':
    case 'open311':
      return (await import('./read-json.js')).openJson(input);
  }
}

/** The records of an import file (the header row is not a record). */
export async function* readRecords(input: ReadInput): AsyncIterable<RawRecord> {
  const src = await openImport(input);
  try {
    yield* src.records;
  } finally {
    src.close();
  }
}
