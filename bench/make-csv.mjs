// Write a generated city export of N rows (UTF-8 with BOM, the city's headers) for the
// benchmark and the kill test:  node bench/make-csv.mjs <rows> <file> [seed]
import fs from 'node:fs';
import { once } from 'node:events';
import { csvLines } from '../data/samples/generate.mjs';

export async function writeCsv(rows, file, seed = 20261120) {
  const out = fs.createWriteStream(file);
  out.write('\uFEFF');
  for (const line of csvLines(rows, seed)) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [rows, file, seed] = process.argv.slice(2);
  await writeCsv(Number(rows), file, seed ? Number(seed) : undefined);
}
