// The one message catalogue: every key in both languages, and every refusal the code can throw
// has a message (a missing one would show the user a raw key).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../src/i18n/all.js';
import { catalogueKeys, hasMessage } from '../../src/i18n/index.js';

const SRC = path.resolve(__dirname, '..', '..', 'src');
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

describe('message catalogue', () => {
  it('has every key in Chinese and English', () => {
    const missing = catalogueKeys().filter((k) => !k.zh || !k.en);
    expect(missing).toEqual([]);
  });

  it('has a message for every refusal code written in the source', () => {
    const codes = new Set<string>();
    for (const f of files(SRC)) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/Refusal\(\s*'([a-zA-Z0-9_.]+)'/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(50);
    expect([...codes].filter((c) => !hasMessage(c))).toEqual([]);
  });
});
