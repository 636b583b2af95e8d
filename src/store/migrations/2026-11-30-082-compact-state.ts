// Each order's state is written compactly from now on (store/state-codec.ts): the fields its row's
// columns hold and the empty ones are left out of `orders.state`. Nothing is rewritten: a state
// written whole is read as it is. The migration is the mark of the new format: a build before it
// does not know this migration and refuses the database (db.newer) instead of reading a compact
// state as a whole one.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(_db: Kysely<any>): Promise<void> {}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(_db: Kysely<any>): Promise<void> {}
