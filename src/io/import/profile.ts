// Header profiles: which column of a file is which of our fields. The default profile
// (data/import-profile.json) knows the city's Chinese headers, common variants and English
// aliases; an office with another layout writes its own profile file (`import --profile`).
import fs from 'node:fs';
import { dataPath } from '../data.js';
import { FIELDS, isField, type Field, type Issue } from './types.js';
import '../../i18n/all.js';
import { LANGS, translate } from '../../i18n/index.js';
import { ORDER_EXPORT_KEYS, type OrderExportKey } from '../export.js';

/** A header profile: for each field the header names that mean it; `ignore`: columns known to be noise. */
export interface Profile {
  name: string;
  fields: Record<Field, string[]>;
  ignore: string[];
}

/** A problem with a profile file: a message key of src/i18n/import.ts and its parameters. */
export interface ProfileError {
  code: string;
  params: Record<string, string | number>;
}

/**
 * The form a header is compared in: NFKC (full-width → half-width), lower case, no whitespace,
 * underscores or hyphens anywhere, no '*' / '(必填)' marks at either end.
 * "  工 单 编 号* " → "工单编号"; "（必填）受理时间" → "受理时间"; "Received_At" → "receivedat".
 */
export function normalizeHeader(header: string): string {
  let s = header.normalize('NFKC').toLowerCase().replace(/[\s_\-\uFEFF\u200B]+/g, '');
  let prev = '';
  while (prev !== s) {
    prev = s;
    s = s.replace(/^(?:\*|\(必填\))/, '').replace(/(?:\*|\(必填\)|:)$/, '');
  }
  return s;
}

/**
 * Validate a profile file's parsed JSON. Shape:
 * `{ "name"?: string, "extends"?: "default", "fields": { "<field>": ["header", ...], ... }, "ignore"?: [...] }`.
 * With `"extends": "default"` the file's headers are added to the default profile's.
 * A header may mean one field only; unknown field names are errors.
 */
export function loadProfile(json: unknown): { ok: true; profile: Profile } | { ok: false; errors: ProfileError[] } {
  const errors: ProfileError[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, errors: [{ code: 'import.profile.notObject', params: {} }] };
  }
  const obj = json as Record<string, unknown>;
  const base = obj['extends'];
  if (base !== undefined && base !== 'default') {
    errors.push({ code: 'import.profile.badExtends', params: { value: String(base) } });
  }
  const name = obj['name'];
  if (name !== undefined && typeof name !== 'string') errors.push({ code: 'import.profile.badName', params: {} });
  const fieldsIn = obj['fields'];
  const fields = Object.fromEntries(FIELDS.map((f) => [f, [] as string[]])) as Record<Field, string[]>;
  if (base === 'default') {
    const d = defaultProfile();
    for (const f of FIELDS) fields[f].push(...d.fields[f]);
  }
  if (typeof fieldsIn !== 'object' || fieldsIn === null || Array.isArray(fieldsIn)) {
    errors.push({ code: 'import.profile.noFields', params: {} });
  } else {
    for (const [key, list] of Object.entries(fieldsIn as Record<string, unknown>)) {
      if (!isField(key)) {
        errors.push({ code: 'import.profile.unknownField', params: { field: key, allowed: FIELDS.join(', ') } });
        continue;
      }
      const names = typeof list === 'string' ? [list] : list;
      if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || normalizeHeader(n) === '')) {
        errors.push({ code: 'import.profile.badHeaders', params: { field: key } });
        continue;
      }
      fields[key].push(...(names as string[]));
    }
  }
  const ignoreIn = obj['ignore'] ?? [];
  const ignore: string[] = base === 'default' ? [...defaultProfile().ignore] : [];
  if (!Array.isArray(ignoreIn) || ignoreIn.some((n) => typeof n !== 'string')) {
    errors.push({ code: 'import.profile.badIgnore', params: {} });
  } else {
    ignore.push(...(ignoreIn as string[]));
  }
  // One header, one field.
  const owner = new Map<string, Field>();
  for (const f of FIELDS) {
    for (const h of new Set(fields[f].map(normalizeHeader))) {
      const prev = owner.get(h);
      if (prev && prev !== f) errors.push({ code: 'import.profile.ambiguous', params: { header: h, field: prev, other: f } });
      else owner.set(h, f);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, profile: { name: typeof name === 'string' ? name : 'custom', fields, ignore } };
}

let cachedDefault: Profile | undefined;

/** The default profile, from data/import-profile.json (read once). */
export function defaultProfile(): Profile {
  if (!cachedDefault) {
    const json: unknown = JSON.parse(fs.readFileSync(dataPath('import-profile.json'), 'utf8'));
    const r = loadProfile(json);
    if (!r.ok) throw new Error(`data/import-profile.json is invalid: ${JSON.stringify(r.errors)}`);
    cachedDefault = { ...r.profile, name: 'default' };
  }
  return { name: cachedDefault.name, fields: { ...cachedDefault.fields }, ignore: [...cachedDefault.ignore] };
}

/** normalized header → field; every field's own English name always counts (so Open311 rows map under any profile). */
function lookup(profile: Profile): Map<string, Field> {
  const m = new Map<string, Field>();
  for (const f of FIELDS) {
    for (const h of profile.fields[f]) if (!m.has(normalizeHeader(h))) m.set(normalizeHeader(h), f);
  }
  for (const f of FIELDS) if (!m.has(normalizeHeader(f))) m.set(normalizeHeader(f), f);
  return m;
}

/** How many of these cells are headers the profile knows (used to find the header row). */
export function countKnownHeaders(cells: string[], profile: Profile): number {
  const m = lookup(profile);
  return cells.filter((c) => m.has(normalizeHeader(c))).length;
}

export interface HeaderMapping {
  /** header as written → field */
  mapping: Map<string, Field>;
  /** headers the profile does not know (neither a field nor ignored) */
  unknown: string[];
  /** required fields without a column: 'no', 'received_at', and both 'title' and 'content' when neither has one */
  missingRequired: Field[];
  /** a second column for a field that already has one: not mapped (the first column wins) */
  duplicates: { header: string; field: Field }[];
  /** some of the headers that show the file is hotline's own order export (ownExportColumns), or none */
  ownExport: string[];
}

/**
 * The headers of hotline's own `export orders` (io/export.ts ORDER_EXPORT_KEYS, in the language it
 * was written in) when the file has exactly those, in that order; else none. A city export is never
 * laid out so: it has no status, units or return counts, and has 交办意见.
 */
function ownExportColumns(headers: string[]): string[] {
  const written = headers.map(normalizeHeader);
  for (const lang of LANGS) {
    const own = ORDER_EXPORT_KEYS.map((k) => normalizeHeader(translate(lang, `export.col.${k}`)));
    if (own.length === written.length && own.every((h, i) => h === written[i])) return ['status', 'leadUnit', 'returnCount'].map((k) => headers[ORDER_EXPORT_KEYS.indexOf(k as OrderExportKey)]!);
  }
  return [];
}

/** Map a file's headers onto fields with a profile (tolerant: see normalizeHeader). */
export function mapHeaders(headers: string[], profile: Profile): HeaderMapping {
  const known = lookup(profile);
  const ignored = new Set(profile.ignore.map(normalizeHeader));
  const mapping = new Map<string, Field>();
  const taken = new Set<Field>();
  const unknown: string[] = [];
  const duplicates: { header: string; field: Field }[] = [];
  for (const h of headers) {
    const n = normalizeHeader(h);
    const f = known.get(n);
    if (f === undefined) {
      if (n !== '' && !ignored.has(n)) unknown.push(h);
    } else if (taken.has(f)) {
      duplicates.push({ header: h, field: f });
    } else {
      mapping.set(h, f);
      taken.add(f);
    }
  }
  const missingRequired: Field[] = [];
  if (!taken.has('no')) missingRequired.push('no');
  if (!taken.has('received_at')) missingRequired.push('received_at');
  if (!taken.has('title') && !taken.has('content')) missingRequired.push('title', 'content');
  return { mapping, unknown, missingRequired, duplicates, ownExport: ownExportColumns(headers) };
}

/**
 * The header's problems as issues on the header line: errors (required columns missing) and
 * warnings (unknown columns, second columns for one field).
 */
export function headerIssues(m: HeaderMapping, headerLine: number): { errors: Issue[]; warnings: Issue[] } {
  const errors: Issue[] = [];
  if (m.missingRequired.includes('no')) errors.push({ line: headerLine, column: null, code: 'import.header.missingNo', params: {} });
  if (m.missingRequired.includes('received_at')) {
    errors.push({ line: headerLine, column: null, code: 'import.header.missingReceivedAt', params: {} });
  }
  if (m.missingRequired.includes('title')) {
    errors.push({ line: headerLine, column: null, code: 'import.header.missingTitleContent', params: {} });
  }
  // hotline's own export (masked phones and names, its own deadlines, no instructions) would
  // overwrite the orders it came from: refused as a whole.
  if (m.ownExport.length > 0) errors.push({ line: headerLine, column: null, code: 'import.header.ownExport', params: { columns: m.ownExport.join(', ') } });
  const warnings: Issue[] = [];
  if (m.unknown.length > 0) {
    warnings.push({ line: headerLine, column: null, code: 'import.header.unknown', params: { columns: m.unknown.join(', ') } });
  }
  for (const d of m.duplicates) {
    warnings.push({ line: headerLine, column: d.header, code: 'import.header.duplicate', params: { field: d.field } });
  }
  return { errors, warnings };
}
