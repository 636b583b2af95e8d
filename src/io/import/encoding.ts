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
