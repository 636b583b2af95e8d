// Citizens' personal data (names, phones) is masked wherever it is not needed:
// 138****1234, 张*. `show` of one order is where a clerk sees it in full.

/** 13812341234 → 138****1234; landlines keep the area code and the last 4 digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 11) {
    const local = digits.slice(-11);
    return `${local.slice(0, 3)}****${local.slice(-4)}`;
  }
  if (digits.length >= 7) return `${digits.slice(0, digits.length - 7)}***${digits.slice(-4)}`;
  return '****';
}

/** Two-character family names (复姓) kept whole when a name is masked. */
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '西门', '南宫', '独孤', '百里', '呼延', '轩辕', '澹台', '申屠', '闻人'];

/** 张三 → 张*, 李女士 → 李**, 欧阳娜娜 → 欧阳**, Zhang San → Z*** */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return name ?? null;
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  const keep = chars.length > 2 && COMPOUND_SURNAMES.includes(chars[0]! + chars[1]!) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(Math.min(chars.length - keep, 3));
}

/**
 * Free text (titles, content, replies) sometimes carries a phone number or an ID card number.
 * Wherever the text is not shown in full (lists, reports, exports, history) it is masked: mobile 138****1234, landline 010-****5678,
 * ID 110101********123X.
 */
export function maskPersonal(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  // Each pattern below needs 10 digits or more (a landline: a 3-digit area code, 3 and 4 digits):
  // a text with fewer has nothing to mask (most titles; the circular masks thousands of them).
  if (digits(text) < 10) return text;
  return (
    text
      // 18-digit ID card numbers (last character a digit or X)
      .replace(/(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])/g, '$1********$2')
      // mobiles, also written +86 138 1111 2222 or 138-1111-2222
      .replace(/(?<!\d)((?:\+?86[-\s]?)?1[3-9]\d)[-\s]?\d{4}[-\s]?(\d{4})(?!\d)/g, '$1****$2')
      // landlines with an area code: 010-62345678, (0571)8123456, 0755 8888 9999
      .replace(/(?<!\d)(\(?0\d{2,3}\)?)([-\s]?)\d{3,4}[-\s]?(\d{4})(?!\d)/g, '$1$2****$3')
  );
}

/** The ASCII digits in a text (what \d matches in the patterns above, which have no u flag). */
function digits(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Keys of an event's data whose strings are never personal (times, numbers, unit codes). */
const STRUCTURAL = /(?:At|Until|^no|^orderNo|[uU]nits?|^date|^kind|^level|^action|^result|^satisfaction|^type|^urgency)$/;

/**
 * A record (an event's data, a row) with its personal data masked: a `citizen` value as a name,
 * a `phone` value as a phone, every other free text through maskPersonal; arrays keep their
 * key's meaning (an update's `changes.phone: [old, new]` masks both).
 */
export function maskRecord<T>(value: T, key = ''): T {
  if (typeof value === 'string') {
    if (key === 'citizen') return maskName(value) as T;
    if (key === 'phone') return maskPhone(value) as T;
    return (STRUCTURAL.test(key) ? value : maskPersonal(value)) as T;
  }
  if (Array.isArray(value)) return value.map((v) => maskRecord(v, key)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskRecord(v, k)])) as T;
  }
  return value;
}

/**
 * A phone number in one canonical shape, or null when it has none of the expected shapes:
 * a mainland mobile (1[3-9] + 9 digits; +86 / 0086 / 86 prefix, spaces, dashes allowed) → '13812345678';
 * a landline with area code (010/02x + 8 digits, 0xxx + 7–8 digits; '(0571) 8123-4567', '+86 571 81234567')
 * → '0571-81234567'.
 */
export function normalizePhone(raw: string): string | null {
  let s = raw.normalize('NFKC').trim().replace(/[\s\-()]/g, '');
  let international = false;
  if (s.startsWith('+86') || s.startsWith('0086')) {
    s = s.slice(s.startsWith('+') ? 3 : 4);
    international = true;
  } else if (/^861[3-9]\d{9}$/.test(s)) s = s.slice(2);
  if (/^1[3-9]\d{9}$/.test(s)) return s;
  if (international && /^[1-9]/.test(s)) s = `0${s}`; // +86 571 … drops the trunk 0
  if (!/^0\d+$/.test(s)) return null;
  const areaLen = /^0[12]/.test(s) ? 3 : 4;
  const area = s.slice(0, areaLen);
  const num = s.slice(areaLen);
  if (areaLen === 3 && num.length !== 8) return null;
  if (areaLen === 4 && (num.length < 7 || num.length > 8)) return null;
  if (/^[01]/.test(num)) return null;
  return `${area}-${num}`;
}

/**
 * The key two orders' phones are compared by (repeat complaints): the canonical number without its
 * dash; null when there is none (empty, masked like 138****1234, or not a phone shape).
 */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const n = normalizePhone(phone);
  return n === null ? null : n.replace('-', '');
}
