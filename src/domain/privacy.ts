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

