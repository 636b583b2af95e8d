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
