// better-sqlite3, loaded on the first open, not at start-up: `--version` and `--help` never need
// it. Its addon file is named directly: the `bindings` package's search of a dozen paths costs
// ~3 ms (left to it when the file is elsewhere).
//
// The CLI bundle (scripts/bundle.mjs) drops the `createRequire` line below, so that `require` is
// the bundle's own and esbuild bundles better-sqlite3's JavaScript (a dozen small files Node
// otherwise finds, reads and compiles at every start, ~3 ms) into the bundle and its code cache,
// still run only on the first open; the native addon stays a file in node_modules.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';

const PACKAGE = 'better-sqlite3';

export function loadBetterSqlite3(): { Database: typeof BetterSqlite3; addon: string | undefined } {
  const require = createRequire(import.meta.url); // bundle: dropped
  // (The package found by a name esbuild does not read: in the bundle it is node_modules' copy, where the addon is.)
  const addon = path.join(path.dirname(require.resolve(`${PACKAGE}/package.json`)), 'build', 'Release', 'better_sqlite3.node');
  return { Database: require('better-sqlite3') as typeof BetterSqlite3, addon: fs.existsSync(addon) ? addon : undefined };
}
