// The Chinese word segmenter of the hot topics (@node-rs/jieba), with the office's own dictionary:
// the directory's place and unit names and categories (kept whole, never split), the term list
// data/hot-terms.txt, and the stop words of data/stopwords.txt (too common to mean anything).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Jieba as JiebaType } from '@node-rs/jieba';
import { dataPath } from './data.js';

const require = createRequire(import.meta.url);

/** Lines of a data/ word list: one entry a line, # comments and blank lines skipped. */
export function wordList(file: string): string[] {
  return fs
    .readFileSync(dataPath(file), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

export interface Segmenter {
  /** The meaningful words of a text, in order (stop words, place names, numbers and single characters left out). */
  words(text: string): string[];
  /** Only the office's own terms (dictionary terms) found in a text: what a long content adds without its noise. */
  terms(text: string): string[];
}

export interface Dictionary {
  /** Place and unit names: kept whole by the segmenter and left out of the words (towns have a section of their own). */
  places: readonly string[];
  /** Terms kept whole (categories, the office's term list). */
  terms: readonly string[];
  stopWords: readonly string[];
}

/** The office's dictionary: the directory's names and categories plus the files in data/. */
export function officeDictionary(places: readonly string[], categories: readonly string[]): Dictionary {
  return { places, terms: [...categories, ...wordList('hot-terms.txt')], stopWords: wordList('stopwords.txt') };
}

let base: { jieba: JiebaType; key: string } | undefined;

/**
 * What a segmentation depends on besides the text: the dictionary, the segmenter's own version and
 * the rules of words() below (bump RULES when they change). Kept words are valid under this key.
 */
const RULES = 1;
export function dictionaryKey(dict: Dictionary): string {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const { version } = require('@node-rs/jieba/package.json') as { version: string };
  return createHash('sha256').update(JSON.stringify([RULES, version, dict])).digest('hex').slice(0, 32);
}

const CJK_WORD = /^[\u4e00-\u9fff][\u4e00-\u9fff0-9A-Za-z]*$/;
/** Addresses are places too: 东方名城16幢, 解放街258号, 阳光花园. */
const ADDRESS = /(小区|花园|花苑|公寓|家园|新村|名城|大道|大街|路|街|巷|号|幢|栋|单元|室|苑|湾|城)$/;

export function segmenter(dict: Dictionary): Segmenter {
  const key = JSON.stringify(dict);
  if (!base || base.key !== key) {
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict: defaultDict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    const jieba = Jieba.withDict(defaultDict);
    const user = [...dict.places, ...dict.terms].filter((w) => !/\s/.test(w)).map((w) => `${w} 100000 n`);
    if (user.length) jieba.loadDict(Buffer.from(`${user.join('\n')}\n`, 'utf8'));
    base = { jieba, key };
  }
  const jieba = base.jieba;
  const stop = new Set(dict.stopWords);
  const places = new Set(dict.places);
  const terms = new Set(dict.terms);
  const words = (text: string): string[] => {
    if (!text) return [];
    return jieba.cut(text, true).filter((w) => {
      // Two characters or more, the first a CJK one (a BMP character: so 2 code units are 2 characters).
      if (w.length < 2) return false;
      const c0 = w.charCodeAt(0);
      if (c0 < 0x4e00 || c0 > 0x9fff || !CJK_WORD.test(w) || stop.has(w) || places.has(w)) return false;
      return terms.has(w) || !ADDRESS.test(w);
    });
  };
  return { words, terms: (text) => words(text).filter((w) => terms.has(w)) };
}
