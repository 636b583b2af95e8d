// The one message catalogue: every user-facing string (messages, help, table headers) in
// Simplified Chinese and English. Each area keeps its own file ({ zh, en } with the same keys);
// this index merges them. Placeholders are {name}. JSON field names and status values are not
// messages: they stay English.
import type { MessageParams } from '../domain/errors.js';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];
export interface CatalogueArea {
  zh: Record<string, string>;
  en: Record<string, string>;
}

const areas: CatalogueArea[] = [];

/** Called once per area file (see ./all.ts). */
export function registerMessages(area: CatalogueArea): void {
  areas.push(area);
}

let merged: { zh: Map<string, string>; en: Map<string, string> } | undefined;

function catalogue(): { zh: Map<string, string>; en: Map<string, string> } {
  if (!merged) {
    merged = { zh: new Map(), en: new Map() };
    for (const a of areas) {
      for (const [k, v] of Object.entries(a.zh)) merged.zh.set(k, v);
      for (const [k, v] of Object.entries(a.en)) merged.en.set(k, v);
    }
  }
  return merged;
}

/** The message for a key in a language, with {placeholders} filled. Unknown keys show as the key. */
export function translate(lang: Lang, key: string, params: MessageParams = {}): string {
  const c = catalogue();
  const template = c[lang].get(key) ?? c.zh.get(key) ?? c.en.get(key) ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function hasMessage(key: string): boolean {
  return catalogue().zh.has(key);
}

/** Every key and whether both languages have it (the catalogue test uses this). */
export function catalogueKeys(): { key: string; zh: boolean; en: boolean }[] {
  const c = catalogue();
  const keys = new Set([...c.zh.keys(), ...c.en.keys()]);
  return [...keys].map((key) => ({ key, zh: c.zh.has(key), en: c.en.has(key) }));
}
