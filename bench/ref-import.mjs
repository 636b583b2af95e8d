// The reference for the import benchmark, run in the same bench run on the same file:
//   node bench/ref-import.mjs <file.csv> <db>
// The same CSV read with csv-parse (streamed, as hotline does) and every record inserted as raw
// text into a bare better-sqlite3 table (no index, no checks), in one transaction, with the
// pragmas hotline uses (WAL, synchronous NORMAL). The floor of what any importer could do here:
// no validation, no deadlines, no repeat detection, no events. Prints {"rows": n} on stdout.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse';

const [file, dbFile] = process.argv.slice(2);
for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
const db = new Database(dbFile);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
const COLS = 14;
db.exec(`create table raw (${Array.from({ length: COLS }, (_, i) => `c${i} text`).join(', ')})`);
const insert = db.prepare(`insert into raw values (${Array(COLS).fill('?').join(', ')})`);
const parser = fs.createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true }));
let rows = -1; // the header is not a row
db.exec('begin');
for await (const rec of parser) {
  if (rows++ < 0) continue;
  const v = rec.length === COLS ? rec : Array.from({ length: COLS }, (_, i) => rec[i] ?? null);
  insert.run(v);
}
db.exec('commit');
db.close();
process.stdout.write(`${JSON.stringify({ rows })}\n`);
