// A database written by a newer build is refused, not misread: each format change (the compact
// order state, migration 082) is a migration an older build does not know.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli, sandbox } from './helpers.js';

describe('a database from a newer build', () => {
  it('records the compact-state mark at init, and a migration this build does not know is refused with nothing changed', async () => {
    const sb = await sandbox();
    const raw = new Database(sb.db);
    const names = (raw.prepare('select name from kysely_migration order by name').pluck().all() as string[]);
    expect(names).toContain('2026-11-30-082-compact-state');
    raw.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('2099-01-01-001-future', new Date().toISOString());
    const before = raw.prepare('select count(*) from kysely_migration').pluck().get();
    raw.close();
    const r = await cli(sb, ['list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('newer hotline');
    expect(r.stderr).toContain('2099-01-01-001-future');
    const after = new Database(sb.db, { readonly: true });
    expect(after.prepare('select count(*) from kysely_migration').pluck().get()).toBe(before);
    after.close();
  });
});
