// A zip file (an XLSX) read through its central directory: any part, in any order, streamed from
// disk. exceljs 4.4's streaming WorkbookReader reads the zip in one pass in stored order, and
// exceljs itself stores xl/workbook.xml last: a worksheet could then be parsed before the workbook
// and the read failed at random (exceljs#3064). With the directory the reader asks for the parts
// it needs first. Only what an XLSX uses: stored or deflated parts, no encryption, no multi-disk;
// zip64 sizes and offsets are understood.
import type { FileHandle } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';

export interface ZipPart {
  /** the part's name as stored, e.g. 'xl/worksheets/sheet1.xml' */
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  /** uncompressed size, as the directory says */
  size: number;
  /** offset of the part's local header */
  offset: number;
}

/** An XLSX has tens of parts (a sheet adds one to three): a directory of more is not a workbook. */
export const ZIP_MAX_PARTS = 10_000;
/** The directory is read whole: 10,000 parts with long names fit in far less. */
export const ZIP_MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const U32 = 0xffffffff;

function u64(b: Buffer, at: number): number {
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('zip: a size or offset out of range');
  return Number(v);
}

export class ZipDirectory {
  private readonly byName = new Map<string, ZipPart>();
  private readonly open = new Set<Readable>();
  private closed = false;

  private constructor(
    private readonly fh: FileHandle,
    private readonly fileSize: number,
    readonly parts: ZipPart[],
  ) {
    // Part names are case-insensitive (OPC); the first of two same names wins.
    for (const p of parts) if (!this.byName.has(p.name.toLowerCase())) this.byName.set(p.name.toLowerCase(), p);
  }

  /**
   * Read the directory of the zip open as `fh` (the handle is the directory's from now on: close()
   * closes it). Throws an Error saying why when the file is not a zip this reads.
   */
  static async read(fh: FileHandle): Promise<ZipDirectory> {
    try {
      const { size } = await fh.stat();
      return new ZipDirectory(fh, size, await readDirectory(fh, size));
    } catch (e) {
      await fh.close().catch(() => undefined);
      throw e;
    }
  }

  part(name: string): ZipPart | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The part's uncompressed bytes, streamed from the file (a Readable of Buffers). */
  async stream(part: ZipPart): Promise<Readable> {
    if (this.closed) throw new Error('zip: closed');
    if (part.flags & 1) throw new Error(`${part.name} is encrypted`);
    if (part.method !== 0 && part.method !== 8) throw new Error(`${part.name}: compression method ${part.method} is not supported`);
    const h = Buffer.alloc(30);
    const { bytesRead } = await this.fh.read(h, 0, 30, part.offset);
    if (bytesRead < 30 || h.readUInt32LE(0) !== LOCAL) throw new Error(`${part.name}: no local header where the directory says`);
    const start = part.offset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
    if (start + part.compressedSize > this.fileSize) throw new Error(`${part.name}: the file is cut short`);
    let out: Readable = new RangeStream(this.fh, start, start + part.compressedSize);
    if (part.method === 8) {
      const inflate = zlib.createInflateRaw();
      pipeline(out, inflate, () => undefined); // an error of either reaches the reader through `inflate`
      out = inflate;
    }
    this.open.add(out);
    out.once('close', () => this.open.delete(out));
    return out;
  }

  /** Stop every part stream still open and close the file. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.open) s.destroy();
    this.open.clear();
    await this.fh.close().catch(() => undefined);
  }
}

/**
 * Bytes [start, end) of the file, read with positional reads on the shared handle: destroying the
 * stream leaves the handle open for the other parts (an fs.ReadStream on it would close it).
 */
class RangeStream extends Readable {
  constructor(
    private readonly fh: FileHandle,
    private at: number,
    private readonly end: number,
  ) {
    super({ highWaterMark: 64 * 1024 });
  }

  override _read(wanted: number): void {
    const length = Math.min(Math.max(wanted, 16 * 1024), 64 * 1024, this.end - this.at);
    if (length <= 0) {
      this.push(null);
      return;
    }
    this.fh.read(Buffer.allocUnsafe(length), 0, length, this.at).then(
      ({ bytesRead, buffer }) => {
        if (this.destroyed) return;
        if (bytesRead === 0) return void this.destroy(new Error('zip: the file is cut short'));
        this.at += bytesRead;
        this.push(buffer.subarray(0, bytesRead));
      },
      (e: Error) => this.destroy(e),
    );
  }
}

async function readAt(fh: FileHandle, at: number, length: number): Promise<Buffer> {
  const b = Buffer.alloc(length);
  const { bytesRead } = await fh.read(b, 0, length, at);
  if (bytesRead < length) throw new Error('zip: the file is cut short');
  return b;
}

/** The end-of-central-directory record: searched from the end, past a comment of up to 64 KB. */
async function readDirectory(fh: FileHandle, size: number): Promise<ZipPart[]> {
  if (size < 22) throw new Error('not a zip file (too short)');
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(fh, size - tailLength, tailLength);
  let at = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tailLength) {
      at = i;
      break;
    }
  }
  if (at === -1) throw new Error('not a zip file (no end of central directory)');
  let count = tail.readUInt16LE(at + 10);
  let dirSize = tail.readUInt32LE(at + 12);
  let dirOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || dirSize === U32 || dirOffset === U32) {
    // zip64: a locator just before the record points to the zip64 end record
    if (at >= 20 && tail.readUInt32LE(at - 20) === EOCD64_LOCATOR) {
      const end64 = u64(tail, at - 20 + 8);
      const r = await readAt(fh, end64, 56);
      if (r.readUInt32LE(0) !== EOCD64) throw new Error('zip: bad zip64 end of central directory');
      count = u64(r, 32);
      dirSize = u64(r, 40);
      dirOffset = u64(r, 48);
    }
  }
  if (count > ZIP_MAX_PARTS) throw new Error(`zip: ${count} parts, more than a workbook has (${ZIP_MAX_PARTS})`);
  if (dirSize > ZIP_MAX_DIRECTORY_BYTES) throw new Error(`zip: a central directory of ${dirSize} bytes`);
  if (dirOffset + dirSize > size) throw new Error('zip: the central directory is past the end of the file');
  const dir = await readAt(fh, dirOffset, dirSize);
  const parts: ZipPart[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new Error('zip: bad central directory');
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > dir.length) throw new Error('zip: bad central directory');
    const part: ZipPart = {
      name: dir.toString('utf8', p + 46, p + 46 + nameLength).replace(/\\/g, '/'),
      flags: dir.readUInt16LE(p + 8),
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      size: dir.readUInt32LE(p + 24),
      offset: dir.readUInt32LE(p + 42),
    };
    zip64Extra(part, dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength));
    if (part.offset + 30 > size) throw new Error(`zip: ${part.name} is past the end of the file`);
    parts.push(part);
    p = next;
  }
  return parts;
}

/** The zip64 extra field holds, in this order, each of size, compressed size, offset that is 0xFFFFFFFF. */
function zip64Extra(part: ZipPart, extra: Buffer): void {
  if (part.size !== U32 && part.compressedSize !== U32 && part.offset !== U32) return;
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(i);
    const length = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let at = i + 4;
      const end = Math.min(extra.length, at + length);
      const take = (): number => {
        if (at + 8 > end) throw new Error(`zip: ${part.name}: short zip64 field`);
        const v = u64(extra, at);
        at += 8;
        return v;
      };
      if (part.size === U32) part.size = take();
      if (part.compressedSize === U32) part.compressedSize = take();
      if (part.offset === U32) part.offset = take();
      return;
    }
    i += 4 + length;
  }
}
