// A synchronous door to PostgreSQL for the end-to-end tests (they read the database as the
// SQLite tests read the file): `node pg-sql.mjs` with {url, sql, params} as JSON on stdin prints
// the rows as JSON. bigint and numeric come back as numbers, as SQLite gives them.
import pg from 'pg';

const input = JSON.parse(await new Promise((resolve) => {
  let s = '';
  process.stdin.on('data', (d) => (s += d));
  process.stdin.on('end', () => resolve(s));
}));
const types = { getTypeParser: (oid, format) => (oid === 20 || oid === 1700 ? Number : pg.types.getTypeParser(oid, format)) };
const client = new pg.Client({ connectionString: input.url, types });
await client.connect();
try {
  const r = await client.query(input.sql, input.params ?? []);
  process.stdout.write(JSON.stringify(r.rows ?? []));
} finally {
  await client.end();
}
