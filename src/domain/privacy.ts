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

/** 张三 → 张*, 李女士 → 李**, Zhang San → Z*** */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return name ?? null;
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}

/**
 * Free text (titles, content, replies) sometimes carries a phone number or an ID card number.
 * Wherever the text is not shown in full (lists, reports, exports, history) it is masked: mobile 138****1234, landline 010-****5678,
 * ID 110101********123X.
 */
export function maskPersonal(text: string | null): string | null {
  if (text === null) return null;
  return text
    .replace(/(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])/g, '$1********$2')
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
    .replace(/(?<!\d)(0\d{2,3})(-?)\d{3,4}(\d{4})(?!\d)/g, '$1$2****$3');
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
