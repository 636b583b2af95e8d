// Masking rules (DOMAIN.md "Privacy"): names, phones, and numbers written inside free text.
import { describe, expect, it } from 'vitest';
import { checkOrderNo, checkReceivedAt } from '../../src/domain/intake.js';
import { maskName, maskPersonal, maskRecord } from '../../src/domain/privacy.js';
import { parseTime } from '../../src/domain/time.js';

describe('maskName', () => {
  it('keeps the family name, a compound one whole', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('李女士')).toBe('李**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('欧阳')).toBe('欧*'); // two characters: the family name alone is not kept whole
  });
});

describe('maskPersonal', () => {
  it.each([
    ['请回电13811112222', '请回电138****2222'],
    ['电话 138 1111 2222', '电话 138****2222'],
    ['+86 138-1111-2222', '+86 138****2222'],
    ['座机(010)62345678', '座机(010)****5678'],
    ['0755 8888 9999', '0755 ****9999'],
    ['0571-8123456', '0571-****3456'],
    ['身份证11010119900307123x', '身份证110101********123x'],
    // The shortest number masked has 10 digits (a landline with a 3-digit area code and 3 + 4 digits).
    ['电话010-6234567', '电话010-****4567'],
    ['号码 0１0 12 010-623-4567', '号码 0１0 12 010-****4567'],
  ])('%s → %s', (a, b) => expect(maskPersonal(a)).toBe(b));

  it.each(['2026-11-24T23:59:59+08:00', 'YX2026112400012', '3号楼201室', '罚款 2000 元', '138123', '010-623456', '１３８１１１１２２２２ (fullwidth digits)'])('leaves %s alone', (a) => expect(maskPersonal(a)).toBe(a));
});

describe('maskRecord', () => {
  it("masks an update's old and new name and phone by their key, and numbers in other text", () => {
    expect(maskRecord({ changes: { citizen: ['张三', '李四'], phone: ['13812341234', null], title: ['x', '回电13900001111'] }, dueAt: '2026-11-24T23:59:59+08:00' })).toEqual({
      changes: { citizen: ['张*', '李*'], phone: ['138****1234', null], title: ['x', '回电139****1111'] },
      dueAt: '2026-11-24T23:59:59+08:00',
    });
  });
});

describe('intake rules', () => {
  it('order numbers: letters and digits with - _ . between, at most 64', () => {
    expect(checkOrderNo(' ＹＸ１ ')).toEqual({ ok: true, no: 'YX1' });
    expect(checkOrderNo('A'.repeat(64)).ok).toBe(true);
    for (const bad of ['A'.repeat(65), 'a b', 'a/b', "a'b", 'a;b', '-a', 'a-', '']) expect(checkOrderNo(bad).ok, bad).toBe(false);
  });
  it('received times: up to 10 minutes after now; not before 2000', () => {
    const now = parseTime('2026-11-24 10:00')!;
    expect(checkReceivedAt(parseTime('2026-11-24 10:10:00')!, now)).toBeNull();
    expect(checkReceivedAt(parseTime('2026-11-24 10:10:01')!, now)?.code).toBe('input.receivedInFuture');
    expect(checkReceivedAt(parseTime('2000-01-01 00:00')!, now)).toBeNull();
    expect(checkReceivedAt(parseTime('1999-12-31 23:59:59')!, now)?.code).toBe('input.receivedTooOld');
  });
});
