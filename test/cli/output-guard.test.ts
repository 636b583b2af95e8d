// The byte-identical guard (issue 13): every report, list, order view and export on a generated
// database (bench/make-db.mjs, fixed seed, HOTLINE_NOW = its NOW) must give exactly the bytes
// recorded in the snapshot, made from the code before any speed-up. A change that alters a figure
// or a layout fails here; update the snapshot (`npx vitest run -u`) only for an intended change,
// and say so in the commit. On a failure the outputs are left in the directory the message names.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM bench tools, no types
import { buildDb } from '../../bench/make-db.mjs';
// @ts-expect-error plain ESM bench tools, no types
import { OUTPUT_ENV, digest, outputCommands, sampleOrders } from '../../bench/outputs.mjs';
import { cli, type Sandbox } from './helpers.js';

const ORDERS = 3000;
let sb: Sandbox;
let commands: [string, string, string[]][];

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-guard-'));
  const db = path.join(dir, 'guard.db');
  await buildDb({ orders: ORDERS, file: db, seed: 20261130 });
  const h = new Database(db, { readonly: true });
  commands = outputCommands(sampleOrders(h));
  h.close();
  sb = { db, dir, env: { HOME: dir, HOTLINE_DB: db, ...OUTPUT_ENV } };
}, 120_000);

describe('every read command gives the same bytes as before (generated database, fixed seed)', () => {
  it('is a database hotline check passes (hash chain, states and figure facts as hotline writes them)', async () => {
    const r = await cli(sb, ['check', sb.db, '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, orders: ORDERS });
  });

  it('matches the recorded digests', async () => {
    const digests: Record<string, string> = {};
    const out = path.join(sb.dir, 'outputs');
    fs.mkdirSync(out);
    for (const [name, lang, args] of commands) {
      const r = await cli(sb, args, { env: { HOTLINE_LANG: lang } });
      expect(r.code, `hotline ${args.join(' ')}: ${r.stderr}`).toBe(0);
      fs.writeFileSync(path.join(out, name), r.stdout);
      digests[name] = `${digest(r.stdout)} ${Buffer.byteLength(r.stdout)}`;
    }
    expect(digests, `outputs in ${out}`).toMatchSnapshot();
    fs.rmSync(sb.dir, { recursive: true, force: true });
  }, 300_000);
});
