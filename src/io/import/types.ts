// Shared types of the import pipeline: bytes → raw records → validated OrderInput.
// Pure types and small tables: no I/O here.

/** The file formats `hotline import` reads. */
export type ImportFormat = 'csv' | 'xlsx' | 'json' | 'open311';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['csv', 'xlsx', 'json', 'open311'];

/**
 * One row of an import file, before validation.
 * `line`: the line of the file where the row starts (the header being line 1 for CSV; the sheet
 * row number for XLSX; the line of the object's `{` for JSON).
 * `values`: header cell (trimmed) → trimmed cell text; every header of the file is present ('' when empty).
 */
export interface RawRecord {
  line: number;
  values: Record<string, string>;
}

/** Our fields, by their English names (DOMAIN.md "Import files"). */
export const FIELDS = [
  'no',
  'received_at',
  'channel',
  'type',
  'category',
  'urgency',
  'citizen',
  'phone',
  'address',
  'town',
  'title',
  'content',
  'deadline',
  'instructions',
] as const;
export type Field = (typeof FIELDS)[number];

export function isField(s: string): s is Field {
  return (FIELDS as readonly string[]).includes(s);
}

/**
 * A problem with a row (or with the header: then `line` is the header line).
 * `column`: the header as written in the file, or null when the column is absent.
 * `code`: a message key of src/i18n/import.ts ('import.*'); `params` fill its placeholders.
 */
export interface Issue {
  line: number;
  column: string | null;
  code: string;
  params: Record<string, string | number>;
}
