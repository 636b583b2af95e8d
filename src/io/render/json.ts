// JSON output (--json / --format json): the report object itself, with the definitions turned
// from catalogue keys into sentences. The overdue watch is one JSON array (the CLI contract).
import type { Lang } from '../../i18n/index.js';
import { definitionTexts, type AnyReport } from './model.js';

/** The JSON value of a report (what renderJson prints). */
export function reportJson(r: AnyReport, lang: Lang = 'zh'): unknown {
  if (Array.isArray(r)) return r;
  if (r.kind === 'overdue') return r.rows;
  return { ...r, definitions: definitionTexts(r, lang) };
}

/** Pretty-printed JSON, newline-terminated. */
export function renderJson(r: AnyReport, lang: Lang = 'zh'): string {
  return `${JSON.stringify(reportJson(r, lang), null, 2)}\n`;
}
