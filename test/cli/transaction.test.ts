// The write transaction takes the write lock before it reads anything (BEGIN IMMEDIATE): while one
// connection is inside writeTransaction, another cannot even begin one. With a deferred BEGIN the
// second would start, read the old state and fail only on its write — the race the e2e test shows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, writeTransaction } from '../../src/store/db.js';

describe('writeTransaction', () => {
  it('holds the write lock from its first statement', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-trx-')), 'h.db');
    const a = await openStore(file, { create: true });
    const b = await openStore(file);
    b.native.pragma('busy_timeout = 50');
    let secondBegan = false;
    let secondError = '';
    await writeTransaction(a.db, async () => {
      try {
        await writeTransaction(b.db, async () => {
          secondBegan = true;
        });
      } catch (e) {
        secondError = String((e as Error).message);
      }
    });
    expect(secondBegan).toBe(false);
    expect(secondError).toMatch(/locked|busy/i);
    // and once the first is done, the second goes through
    await writeTransaction(b.db, async () => {
      secondBegan = true;
    });
    expect(secondBegan).toBe(true);
    await a.close();
    await b.close();
  });
});
