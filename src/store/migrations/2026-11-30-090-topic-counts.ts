// The hot topics' counts, kept (issue 13): for the orders received in a period, how many of them
// each word and title pair is found in, overall and by town and category (domain/hot-topics.ts
// TopicCounts, as JSON), under the dictionary their words were found with. A circular whose two
// periods have counts reads two rows instead of every order's kept words (counting ~20,000 orders'
// words was most of a circular's time once the words were kept). A cache: dropping every row
// changes no output.
//
// The counts are those of the kept words (order_words): any row of order_words written, changed or
// deleted — whoever does it (a circular keeping words, an order's text changing, an import, a
// hand-made UPDATE) — drops every kept count, by the triggers below. An order added to a period
// has no words yet; store/words.ts keptCounts also checks that the period still has the number of
// orders counted. On PostgreSQL the table exists (migrate-to copies every table) but is never read
// or written: no trigger keeps it there.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('topic_counts')
    .addColumn('dict', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('topic_counts_pk', ['dict', 'period_from', 'period_to'])
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute();
  if (pg) return;
  for (const event of ['insert', 'update', 'delete'])
    await sql.raw(`create trigger order_words_${event}_drops_counts after ${event} on order_words begin delete from topic_counts; end`).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists order_words_${event}_drops_counts`).execute(db);
  await db.schema.dropTable('topic_counts').ifExists().execute();
}
