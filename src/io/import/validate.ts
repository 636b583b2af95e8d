// Validation of one raw record against DOMAIN.md's rules → an OrderInput ready to register,
// or the row's errors. Pure: no I/O. Every problem is an Issue with a message key ('import.row.*').
import { ORDER_TYPES, URGENCIES, parseOrderType, parseUrgency, type OrderInput } from '../../domain/order.js';
import { checkOrderNo, checkReceivedAt, MAX_CELL_CHARS } from '../../domain/intake.js';
import { maskPhone } from '../../domain/privacy.js';
import { endOfDay, formatTime, parseDay, parseTime } from '../../domain/time.js';
import type { Field, Issue, RawRecord } from './types.js';

/**
 * State carried across the rows of one file: order number → the line it was first seen on; and
 * the time of the import (a received time after it is refused), when known.
 */
export interface ValidateContext {
  seenNos: Map<string, number>;
  now?: Date;
}

export function newValidateContext(now?: Date): ValidateContext {
  return { seenNos: new Map(), now };
}

export type ValidateResult = { ok: true; order: OrderInput; warnings: Issue[] } | { ok: false; errors: Issue[] };

export { MAX_NO_LENGTH } from '../../domain/intake.js';

import { normalizePhone } from '../../domain/privacy.js';
export { normalizePhone };

function nfkc(s: string): string {
  return s.normalize('NFKC').trim();
}


const columnCache = new WeakMap<Map<string, Field>, Map<Field, string>>();

/** field → its header, computed once per mapping (validateRecord runs once per row). */
function columnsOf(mapping: Map<string, Field>): Map<Field, string> {
  let c = columnCache.get(mapping);
  if (!c) {
    c = new Map();
    for (const [header, field] of mapping) if (!c.has(field)) c.set(field, header);
    columnCache.set(mapping, c);
  }
  return c;
}

/**
 * Check one record and build its OrderInput. Rules (DOMAIN.md "Import files"):
 * - required: 工单编号, 受理时间 (a time parseTime reads), and a 诉求标题 or 诉求内容;
 * - 诉求类型 required and one of ORDER_TYPES (or its English name); 紧急程度 one of URGENCIES, empty → 一般;
 * - 办理时限, when given: a day ('YYYY-MM-DD' in the order) or a time (formatTime in the order);
 * - a number seen on an earlier row of the same file is an error naming that line;
 * - warnings only: a phone of no known shape (kept as written), a deadline before the time received.
 * Category and town are free text: they are not checked here.
 * The number is recorded in `ctx.seenNos` even when the row has other errors.
 */
export function validateRecord(rec: RawRecord, mapping: Map<string, Field>, ctx: ValidateContext): ValidateResult {
  const columnOf = columnsOf(mapping);
  const col = (f: Field): string | null => columnOf.get(f) ?? null;
  const get = (f: Field): string => {
    const h = columnOf.get(f);
    return h === undefined ? '' : (rec.values[h] ?? '').trim();
  };
  const text = (f: Field): string | null => {
    const v = get(f);
    return v === '' ? null : v;
  };
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const issue = (list: Issue[], f: Field | null, code: string, params: Issue['params'] = {}): void => {
    list.push({ line: rec.line, column: f === null ? null : col(f), code, params });
  };

  // A cell over the limit: the row is refused (nothing of it is stored).
  for (const h in rec.values) {
    const v = rec.values[h]!;
    if (v.length > MAX_CELL_CHARS) errors.push({ line: rec.line, column: h, code: 'input.cellTooLarge', params: { size: v.length, max: MAX_CELL_CHARS } });
  }

  // 工单编号
  const noCheck = checkOrderNo(get('no'));
  const no = noCheck.ok ? noCheck.no : '';
  if (!noCheck.ok) issue(errors, 'no', noCheck.problem.code, noCheck.problem.params);
  else {
    const first = ctx.seenNos.get(no);
    if (first !== undefined) issue(errors, 'no', 'import.row.duplicateNo', { no, firstLine: first });
    else ctx.seenNos.set(no, rec.line);
  }

  // 受理时间
  const receivedRaw = get('received_at');
  const received = receivedRaw === '' ? null : parseTime(nfkc(receivedRaw));
  if (receivedRaw === '') issue(errors, 'received_at', 'import.row.missingReceivedAt');
  else if (!received) issue(errors, 'received_at', 'import.row.badReceivedAt', { value: receivedRaw });
  else {
    const p = ctx.now ? checkReceivedAt(received, ctx.now) : null;
    if (p) issue(errors, 'received_at', p.code, { ...p.params, value: receivedRaw });
  }

  // 诉求标题 / 诉求内容
  const title = text('title');
  const content = text('content');
  if (title === null && content === null) {
    errors.push({ line: rec.line, column: col('title') ?? col('content'), code: 'import.row.missingTitleContent', params: {} });
  }

  // 诉求类型, 紧急程度
  const typeRaw = get('type');
  const type = typeRaw === '' ? null : parseOrderType(nfkc(typeRaw));
  if (typeRaw === '') issue(errors, 'type', 'import.row.missingType', { allowed: ORDER_TYPES.join('/') });
  else if (!type) issue(errors, 'type', 'import.row.badType', { value: typeRaw, allowed: ORDER_TYPES.join('/') });
  const urgencyRaw = get('urgency');
  const urgency = parseUrgency(nfkc(urgencyRaw));
  if (!urgency) issue(errors, 'urgency', 'import.row.badUrgency', { value: urgencyRaw, allowed: URGENCIES.join('/') });

  // 办理时限
  const deadlineRaw = get('deadline');
  let deadline: string | null = null;
  if (deadlineRaw !== '') {
    const d = nfkc(deadlineRaw);
    const day = parseDay(d);
    const time = day ? null : parseTime(d);
    if (day) deadline = day;
    else if (time) deadline = formatTime(time);
    else issue(errors, 'deadline', 'import.row.badDeadline', { value: deadlineRaw });
    const due = day ? endOfDay(day) : time;
    if (due && received && due.getTime() < received.getTime()) {
      issue(warnings, 'deadline', 'import.row.deadlineBeforeReceived', { value: deadlineRaw });
    }
  }

  // 联系电话
  const phoneRaw = get('phone');
  let phone: string | null = null;
  if (phoneRaw !== '') {
    phone = normalizePhone(phoneRaw);
    if (phone === null) {
      phone = phoneRaw;
      issue(warnings, 'phone', 'import.row.badPhone', { value: maskPhone(phoneRaw) ?? '****' });
    }
  }

  if (errors.length > 0 || !received || !type || !urgency) return { ok: false, errors };
  const order: OrderInput = {
    no,
    receivedAt: formatTime(received),
    channel: text('channel'),
    type,
    category: text('category'),
    urgency,
    citizen: text('citizen'),
    phone,
    address: text('address'),
    town: text('town'),
    title,
    content,
    deadline,
    instructions: text('instructions'),
  };
  return { ok: true, order, warnings };
}
