// Which text encoding a CSV is in, without a flag: UTF-8 (with or without BOM) or GB18030/GBK
// as Excel on Chinese Windows saves it ("CSV (逗号分隔)").
import iconv from 'iconv-lite';

/** How many leading bytes decide the encoding. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * The encoding of a text file from its first bytes:
 * a BOM decides (UTF-8, UTF-16LE/BE); else 'utf-8' when the first 64 KiB are valid UTF-8 (a
 * multi-byte sequence cut at the 64 KiB mark, or at the end of `head` when the file goes on, is not
 * held against it); else 'gb18030' (a superset of GBK and GB2312).
 * `complete`: `head` is the whole file (so a truncated sequence at its end is an error).
 */
export function detectEncoding(head: Buffer, complete: boolean): 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const cut = head.length > SNIFF_BYTES;
  const sample = cut ? head.subarray(0, SNIFF_BYTES) : head;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: cut || !complete });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** The canonical name of an encoding the user asked for, or null when iconv-lite does not know it. */
export function checkEncoding(name: string): string | null {
  const n = name.trim().toLowerCase();
  return iconv.encodingExists(n) ? n : null;
}

/**
 * Checks, chunk by chunk, that a whole file is valid UTF-8, counting lines, so that a file whose
 * first 64 KiB are UTF-8 but whose later rows are GBK is refused naming the first bad line
 * (finding 9) instead of importing '����'. `write` returns the line of the first bad byte, or null.
 */
export class Utf8Check {
  private line = 1;
  /** Continuation bytes still expected, and the range the next one must be in. */
  private need = 0;
  private lo = 0x80;
  private hi = 0xbf;

  write(b: Buffer): number | null {
    for (let i = 0; i < b.length; i++) {
      const c = b[i]!;
      if (this.need > 0) {
        if (c < this.lo || c > this.hi) return this.line;
        this.need--;
        this.lo = 0x80;
        this.hi = 0xbf;
        continue;
      }
      if (c < 0x80) {
        if (c === 0x0a) this.line++;
        continue;
      }
      if (c >= 0xc2 && c <= 0xdf) this.need = 1;
      else if (c >= 0xe0 && c <= 0xef) {
        this.need = 2;
        if (c === 0xe0) this.lo = 0xa0;
        if (c === 0xed) this.hi = 0x9f;
      } else if (c >= 0xf0 && c <= 0xf4) {
        this.need = 3;
        if (c === 0xf0) this.lo = 0x90;
        if (c === 0xf4) this.hi = 0x8f;
      } else return this.line;
    }
    return null;
  }

  /** At the end of the file: the line of a character cut short, or null. */
  end(): number | null {
    return this.need > 0 ? this.line : null;
  }
}

/** Lines counted in decoded text, to name the line of the first U+FFFD (a byte the encoding does not know). */
export class ReplacementCheck {
  private line = 1;

  write(s: string): number | null {
    const bad = s.indexOf('\uFFFD');
    const upto = bad === -1 ? s.length : bad;
    for (let i = 0; i < upto; i++) if (s.charCodeAt(i) === 10) this.line++;
    return bad === -1 ? null : this.line;
  }
}
