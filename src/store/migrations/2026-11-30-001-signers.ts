// 签批: the signers the office registered for a unit beyond its leader and deputy (JSON array).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('signers', 'text').execute();
}
