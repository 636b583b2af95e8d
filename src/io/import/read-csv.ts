// The CSV reader: bytes → (encoding sniffed, then checked for the whole file) → iconv-lite → csv-parse.
import { parse as csvParse } from 'csv-parse';
import iconv from 'iconv-lite';
import { Refusal } from '../../domain/errors.js';
import { checkEncoding, detectEncoding, ReplacementCheck, SNIFF_BYTES, Utf8Check } from './encoding.js';
import type { Profile } from './profile.js';
import { byteSource, toBuffer, openRows, type ReadInput, type ImportSource, type Row } from './read-common.js';

// ---------------------------------------------------------------------------------------------
// CSV: bytes → (encoding sniffed on the first 64 KiB) → iconv-lite decode → csv-parse

function countLineBreaks(raw: string): number {
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (raw.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** Line breaks inside a record's fields (quoted multi-line values); CRLF counts once. */
function breaksInside(cells: string[]): number {
  let n = 0;
  for (const f of cells) {
    if (f.indexOf('\n') === -1 && f.indexOf('\r') === -1) continue;
    n += countLineBreaks(f);
  }
  return n;
}

/**
 * The largest CSV record (characters) the parser holds; a bigger one refuses the file, naming its
 * line (the parser cannot find the next record reliably after it). A cell over MAX_CELL_CHARS in a
 * smaller record is a row error (validate.ts).
 */
export const MAX_RECORD_CHARS = 1024 * 1024;

/** Records the parser may hold before the file is read further (backpressure). */
const QUEUE_HIGH = 512;
const QUEUE_LOW = 128;

export async function openCsv(input: ReadInput, profile: Profile): Promise<ImportSource> {
  let encoding: string | null = null;
  if (input.encoding) {
    encoding = checkEncoding(input.encoding);
    if (!encoding) throw new Refusal('import.read.badEncoding', { encoding: input.encoding });
  }
  const source = byteSource(input);
  const it = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let complete = false;
  try {
    while (headBytes <= SNIFF_BYTES) {
      const r = await it.next();
      if (r.done) {
        complete = true;
        break;
      }
      const b = toBuffer(r.value);
      head.push(b);
      headBytes += b.length;
    }
  } catch (e) {
    void it.return?.();
    throw new Refusal('import.read.io', { detail: (e as Error).message });
  }
  const enc = encoding ?? detectEncoding(Buffer.concat(head), complete);

  // The bytes are written to csv-parse by hand rather than piped, so that (1) the file is read
  // only while fewer than QUEUE_HIGH parsed records wait, and (2) records parsed before an error
  // are still handed out, so the error names the line where the broken record starts.
  // csv-parse works on UTF-8 bytes and decodes each field whole, so UTF-8 goes in as it is (its
  // `bom` option drops a BOM); other encodings are decoded by iconv-lite first.
  const decoder = enc === 'utf-8' || enc === 'utf8' ? null : iconv.getDecoder(enc);
  // The encoding was detected from the start of the file: the whole file must decode cleanly in
  // it, else it is refused naming the first bad line (unless --encoding says otherwise).
  const utf8Check = !encoding && !decoder ? new Utf8Check() : null;
  const textCheck = !encoding && decoder ? new ReplacementCheck() : null;
  const badEncoding = (line: number): Refusal => new Refusal('input.encodingBroken', { line, encoding: enc });
  const parser = csvParse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true, max_record_size: MAX_RECORD_CHARS });
  const queue: string[][] = [];
  let failure: unknown = null;
  let ended = false;
  let stopped = false;
  let wakeReader: (() => void) | null = null;
  let wakePump: (() => void) | null = null;
  const notify = (): void => {
    const w = wakeReader;
    wakeReader = null;
    w?.();
  };
  const release = (): void => {
    const w = wakePump;
    wakePump = null;
    w?.();
  };
  parser.on('data', (rec: string[]) => {
    queue.push(rec);
    notify();
  });
  parser.on('error', (e: unknown) => {
    failure ??= e;
    notify();
  });
  parser.on('end', () => {
    ended = true;
    notify();
  });
  const feed = (b: Buffer): void => {
    if (decoder) {
      const s = decoder.write(b);
      const bad = s && textCheck ? textCheck.write(s) : null;
      if (bad !== null) throw badEncoding(bad);
      if (s) parser.write(s);
    } else {
      const bad = utf8Check?.write(b) ?? null;
      if (bad !== null) throw badEncoding(bad);
      parser.write(b);
    }
  };
  const pump = async (): Promise<void> => {
    try {
      for (const b of head) feed(b);
      head.length = 0;
      while (!complete && !stopped && failure === null) {
        while (queue.length >= QUEUE_HIGH && !stopped) await new Promise<void>((r) => (wakePump = r));
        if (stopped) break;
        const r = await it.next();
        if (r.done) break;
        feed(toBuffer(r.value));
      }
      if (!stopped && failure === null) {
        const tail = decoder?.end();
        const bad = utf8Check?.end() ?? (tail && textCheck ? textCheck.write(tail) : null);
        if (bad !== null) throw badEncoding(bad);
        if (tail) parser.write(tail);
        parser.end();
      }
    } catch (e) {
      failure ??= e instanceof Refusal ? e : new Refusal('import.read.io', { detail: (e as Error).message });
      notify();
    }
  };
  void pump();

  let nextLine = 1;
  async function* rows(): AsyncGenerator<Row> {
    for (;;) {
      const rec = queue.shift();
      if (rec !== undefined) {
        const line = nextLine;
        nextLine += 1 + breaksInside(rec);
        if (queue.length <= QUEUE_LOW) release();
        yield { line, cells: rec };
        continue;
      }
      if (failure !== null) {
        if (failure instanceof Refusal) throw failure;
        if ((failure as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw new Refusal('input.recordTooLarge', { line: nextLine, max: MAX_RECORD_CHARS });
        throw new Refusal('import.read.csv', { line: nextLine, detail: (failure as Error).message });
      }
      if (ended) return;
      await new Promise<void>((r) => (wakeReader = r));
    }
  }
  const close = (): void => {
    if (stopped) return;
    stopped = true;
    release();
    parser.destroy();
    void it.return?.();
  };
  return openRows(rows(), profile, close, { format: 'csv', encoding: enc, sheet: null });
}
