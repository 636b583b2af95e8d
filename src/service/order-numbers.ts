// Order numbers as the clerk types them (the one resolver every action uses): the full number,
// the same in another case, or a unique end of it (`hotline sign 00012`). Two or more orders
// ending the same way are refused, listing them. Numbers read from stdin (`-`) are parsed here too.
import { Refusal } from '../domain/errors.js';
import type { Db } from '../store/db.js';
import { existingNumbers, numbersEndingWith } from '../store/order-numbers.js';

/** How many candidates an ambiguity lists. */
const SHOW_CANDIDATES = 10;

/** The one order `input` names: exact, else case-insensitive exact, else the only number ending with it. */
export async function resolveOrderNumber(db: Db, input: string): Promise<string> {
  const [no] = await resolveOrderNumbers(db, [input]);
  return no!;
}

/** Each input resolved to an order number (duplicates dropped, order kept); refused when one is unknown or ambiguous. */
export async function resolveOrderNumbers(db: Db, inputs: string[]): Promise<string[]> {
  const wanted = [...new Set(inputs.map((n) => n.trim()).filter(Boolean))];
  if (wanted.length === 0) throw new Refusal('orders.noneGiven');
  const exact = await existingNumbers(db, wanted);
  const out: string[] = [];
  for (const input of wanted) {
    if (exact.has(input)) {
      out.push(input);
      continue;
    }
    const found = await numbersEndingWith(db, input, SHOW_CANDIDATES + 1);
    const same = found.filter((n) => n.toLowerCase() === input.toLowerCase());
    const pick = same.length === 1 ? same : found;
    if (pick.length === 0) throw new Refusal('orders.unknown', { no: input });
    if (pick.length > 1) {
      const shown = pick.slice(0, SHOW_CANDIDATES).join(', ') + (pick.length > SHOW_CANDIDATES ? ', …' : '');
      throw new Refusal('terminal.orders.ambiguous', { no: input, count: pick.length > SHOW_CANDIDATES ? `${SHOW_CANDIDATES}+` : pick.length, candidates: shown });
    }
    out.push(pick[0]!);
  }
  return [...new Set(out)];
}

/** The header our own tables and CSV put first: skipped when a listing is piped back in. */
const HEADERS = new Set(['no', '工单编号']);

/**
 * Order numbers from text piped to `-`. Text starting with `[` or `{` is JSON: an array of numbers
 * or of objects with `no` (what `list --json --fields no` prints), or one such object. Anything
 * else is lines: the first field of each (tab, comma or space separated); empty lines, `#`
 * comments and a header line (`no`, `工单编号`) are skipped.
 */
export function parseNumberList(text: string): string[] {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return [];
  if (body.startsWith('[') || body.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      throw new Refusal('terminal.stdin.badJson');
    }
    const items = Array.isArray(value) ? value : [value];
    return items.map((item, i) => {
      if (typeof item === 'string' && item.trim()) return item.trim();
      if (item && typeof item === 'object' && typeof (item as { no?: unknown }).no === 'string') return (item as { no: string }).no;
      throw new Refusal('terminal.stdin.badItem', { index: i + 1 });
    });
  }
  const out: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    const first = line.trim().split(/[\t,\s]+/)[0] ?? '';
    if (first === '' || first.startsWith('#') || (out.length === 0 && HEADERS.has(first.toLowerCase()))) continue;
    out.push(first);
  }
  return out;
}
