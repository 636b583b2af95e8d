// `--no-mask` is logged (DOMAIN.md "Privacy"): who asked to see citizens' names and phones in
// clear, when, and what. Recorded before the data is shown, in the access log (store/access.ts).
import { formatTime } from '../domain/time.js';
import { recordAccess } from '../store/access.js';
import { writeTransaction } from '../store/db.js';
import type { Context } from './context.js';

export async function logUnmasked(ctx: Context, command: string, detail: string): Promise<void> {
  const db = await ctx.db();
  await writeTransaction(db, (trx) => recordAccess(trx, { at: formatTime(ctx.now()), actor: ctx.operator, command, detail }));
}
