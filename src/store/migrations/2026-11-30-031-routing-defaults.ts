// Routing out of the box: category aliases (the city's full names, e.g. 人力资源和社会保障 → 人社),
// and where a rule came from (`init`'s defaults or the office) plus a soft removal, so `init` can
// load the default rules again without bringing back one the office removed.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('category_aliases')
    .addColumn('alias', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull().references('categories.name'))
    .execute();
  await db.schema.alterTable('rules').addColumn('origin', 'text', (c) => c.notNull().defaultTo('office')).execute();
  await db.schema.alterTable('rules').addColumn('removed_at', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rules').dropColumn('removed_at').execute();
  await db.schema.alterTable('rules').dropColumn('origin').execute();
  await db.schema.dropTable('category_aliases').ifExists().execute();
}
