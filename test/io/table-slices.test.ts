// A long table is drawn in slices (src/io/render/table.ts drawTable): the text must be exactly what
// cli-table3 draws for the whole table, whatever the cells hold.
import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { strlen } from 'cli-table3/src/utils.js';
import { cellWidth, drawTable, SIMPLE_TEXT, TABLE_SLICE } from '../../src/io/render/table.js';

function whole(head: string[], rows: string[][], aligns: ('left' | 'right')[]): string {
  const t = new Table({ head, style: { head: [], border: [], compact: true }, colAligns: aligns });
  t.push(...rows);
  return t.toString();
}

// Cells as hotline's tables hold them: Chinese (two columns wide), ASCII, numbers, empty, masked
// phones, colour codes (a TTY), an emoji, and now and then a line break.
const cellArb = fc.oneof(
  fc.constantFrom('', '0', '12', '3.5%', '100.0%', '—', '青石镇', '区城管局', '138****1234', '张*', '路灯不亮...', '\u001b[31m超期\u001b[39m', '\u001b[1m合计\u001b[22m', '\u001b[31m未闭合', '😀', 'a\nb', '第一行\n第二行更长'),
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^[\u4e00-\u4e20a-z0-9 ]{0,14}$/),
);

describe('a long table drawn in slices', () => {
  it('is the text cli-table3 draws for the whole table', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((cols) =>
          fc.record({
            head: fc.array(cellArb, { minLength: cols, maxLength: cols }),
            rows: fc.array(fc.array(cellArb, { minLength: cols, maxLength: cols }), { maxLength: 40 }),
            aligns: fc.array(fc.constantFrom('left' as const, 'right' as const), { minLength: cols, maxLength: cols }),
            slice: fc.integer({ min: 1, max: 9 }),
          }),
        ),
        ({ head, rows, aligns, slice }) => {
          expect(drawTable(head, rows, aligns, slice)).toBe(whole(head, rows, aligns));
        },
      ),
      { numRuns: 300, seed: 20261130 },
    );
  });

  it('with the slice hotline uses, on a table of 1,000 rows whose widest cells are in different slices', () => {
    const head = ['工单编号', '街镇', '超期天数'];
    const rows = Array.from({ length: 1000 }, (_, i) => [`YX${String(i).padStart(8, '0')}`, i === 777 ? '青石镇青石社区居民委员会' : '白沙镇', String(i === 3 ? 123456 : i % 9)]);
    const aligns = ['left', 'left', 'right'] as const;
    expect(rows.length).toBeGreaterThan(TABLE_SLICE * 5);
    expect(drawTable(head, rows, [...aligns])).toBe(whole(head, rows, [...aligns]));
  });

  it('measures simple text as cli-table3 does: every character of the fast path, and any text', () => {
    const simple: string[] = [];
    for (const [from, to] of [[0x20, 0x7e], [0x3001, 0x3003], [0x3008, 0x3011], [0x4e00, 0x9fff], [0xff01, 0xff5e]] as const)
      for (let c = from; c <= to; c++) simple.push(String.fromCharCode(c));
    for (const ch of simple) {
      expect(SIMPLE_TEXT.test(ch)).toBe(true);
      expect(cellWidth(`a${ch}1`), ch).toBe(strlen(`a${ch}1`));
    }
    // outside it (other CJK punctuation, emoji, control and colour codes) strlen measures
    for (const ch of ['〰', '〽', '㊗', '…', '—', '·', '😀', '\u001b[31m红\u001b[39m', '\t', 'é']) expect(SIMPLE_TEXT.test(ch)).toBe(false);
    fc.assert(fc.property(fc.array(fc.constantFrom(...simple.slice(0, 200), ...simple.slice(-200), '青', '镇', '，'), { maxLength: 30 }), (chars) => cellWidth(chars.join('')) === strlen(chars.join(''))));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (text) => cellWidth(text) === strlen(text)));
  });
});
