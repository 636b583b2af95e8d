// The hot topics' segmentation, kept (issue 13): the words the segmenter found in an order's title
// and content (tab-separated: a word is CJK letters and digits only), with the key of the
// dictionary they were found with. The store deletes an order's row when its registered text
// changes. A circular segments only the orders whose words are missing or were found with another
// dictionary; segmenting two weeks of a big district (and loading the segmenter's dictionary) was
// most of the circular's time. A cache: dropping every row changes no output.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('order_words')
    .addColumn('no', 'text', (c) => c.primaryKey())
    .addColumn('dict', 'text', (c) => c.notNull())
    .addColumn('title_words', 'text', (c) => c.notNull())
    .addColumn('words', 'text', (c) => c.notNull())
    .modifyEnd(isPostgres(db) ? sql`` : sql`without rowid`)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('order_words').ifExists().execute();
}
