// The access log (migration 2026-11-30-021): every `--no-mask` read of personal data, with who.
import type { Db } from './db.js';

export interface AccessRecord {
  at: string;
  actor: string;
  /** The command as typed, e.g. "export orders --no-mask --output x.csv". */
  command: string;
  /** What was shown unmasked, e.g. "history YX2026112400012" or "export orders 120 rows". */
  detail: string;
}

export async function recordAccess(db: Db, r: AccessRecord): Promise<void> {
  await db.insertInto('access_log').values(r).execute();
}

export async function listAccess(db: Db): Promise<AccessRecord[]> {
  return db.selectFrom('access_log').select(['at', 'actor', 'command', 'detail']).orderBy('id').execute();
}
