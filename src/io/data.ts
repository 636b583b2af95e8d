// The files the tool ships in data/: the sample district directory, categories, samples.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Category, Unit } from '../store/directory.js';

/** data/ of the installed package (src/io → ../../data; dist/io → ../../data). */
export function dataDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
}

export function dataPath(...parts: string[]): string {
  return path.join(dataDir(), ...parts);
}

export function defaultUnits(): { district: string; units: Unit[] } {
  return JSON.parse(fs.readFileSync(dataPath('units.json'), 'utf8')) as { district: string; units: Unit[] };
}

export function defaultCategories(): Category[] {
  return (JSON.parse(fs.readFileSync(dataPath('categories.json'), 'utf8')) as { categories: Category[] }).categories;
}
