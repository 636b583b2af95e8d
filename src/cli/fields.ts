// `--fields a,b`: keep only those fields of a JSON (or CSV/TSV) output. One function, used by the
// terminal layer for every `--json`, so every read command has it.
import { Refusal } from '../domain/errors.js';

export function parseFields(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = raw.split(/[,，\s]+/).map((f) => f.trim()).filter(Boolean);
  return list.length ? [...new Set(list)] : undefined;
}

function keysOf(value: unknown): string[] {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
}

/**
 * Keep only `fields` of each row (a list-type output) or of the object. A field no row has is
 * refused, listing the fields there are; an empty list has nothing to check against.
 */
export function pickFields<T>(value: T, fields: string[] | string | undefined): unknown {
  const wanted = typeof fields === 'string' ? parseFields(fields) : fields;
  if (!wanted) return value;
  const rows: unknown[] = Array.isArray(value) ? value : [value];
  const known = [...new Set(rows.flatMap(keysOf))];
  if (rows.length > 0 && known.length > 0) {
    const unknown = wanted.filter((f) => !known.includes(f));
    if (unknown.length) throw new Refusal('terminal.fields.unknown', { fields: unknown.join(', '), allowed: known.join(', ') });
  }
  const pick = (r: unknown) => (keysOf(r).length ? Object.fromEntries(wanted.map((f) => [f, (r as Record<string, unknown>)[f] ?? null])) : r);
  return Array.isArray(value) ? value.map(pick) : pick(value);
}
