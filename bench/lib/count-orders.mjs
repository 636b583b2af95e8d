// The database floor of the report benchmark: a Node process that opens the database with
// better-sqlite3 (as hotline does) and runs `select count(*) from orders`.
//   node bench/lib/count-orders.mjs <db>
import Database from 'better-sqlite3';

const db = new Database(process.argv[2], { readonly: true });
process.stdout.write(`${db.prepare('select count(*) as n from orders').get().n}\n`);
db.close();
