// The `history` table's note for one event: what happened, in the clerk's words, with the reply's
// text, result, handler and signer. Read from the event's own data.
import type { OrderEvent } from '../domain/events.js';
import { maskPersonal } from '../domain/privacy.js';
import { formatTimeShort } from '../domain/time.js';

type T = (k: string, p?: Record<string, string | number>) => string;

export function eventNote(t: T, e: Pick<OrderEvent, 'action' | 'note' | 'data'>): string {
  const { data } = e;
  const parts: string[] = [];
  switch (e.action) {
    case 'register':
      if (data.dueAt) parts.push(t('terminal.history.due', { due: formatTimeShort(data.dueAt) }));
      if (data.repeatOf) parts.push(t('terminal.history.repeatOf', { no: data.repeatOf }));
      break;
    case 'reply':
    case 'co_reply':
      parts.push(
        [
          maskPersonal(data.content ?? null) ?? '',
          data.result ? t('terminal.history.result', { result: t(`replyResult.${data.result}`) }) : '',
          data.handler ? t('terminal.history.handler', { name: data.handler }) : '',
          data.signedBy ? t('terminal.history.signedBy', { name: data.signedBy }) : '',
        ]
          .filter(Boolean)
          .join('；'),
      );
      break;
    case 'dispatch':
      if (data.auto) parts.push(t('terminal.history.auto', { id: data.ruleId ?? '' }));
      if (data.redispatch) parts.push(t('terminal.history.redispatch'));
      break;
    case 'closure_request':
      if (data.closureReason) parts.push(t(`closureReason.${data.closureReason}`));
      if (data.explanation) parts.push(maskPersonal(data.explanation) ?? '');
      break;
    case 'meeting':
      if (data.decision) parts.push(data.decision);
      if (data.attendees) parts.push(t('terminal.history.attendees', { names: data.attendees }));
      break;
    case 'remind':
      if (data.kind && data.kind !== 'manual') parts.push(t(`terminal.history.remind.${data.kind}`));
      break;
    case 'supervise':
      if (data.level) parts.push(t(`superviseLevel.${data.level}`));
      break;
    default:
      break;
  }
  if (data.reason) parts.push(maskPersonal(String(data.reason)) ?? '');
  if (data.days) parts.push(t('history.days', { days: Number(data.days) }));
  // A deadline is "changed" only when it moved (registration sets it: said above).
  if (e.action !== 'register' && data.dueAt && data.dueAt !== data.previousDueAt) {
    parts.push(data.previousDueAt ? t('terminal.history.dueMoved', { from: formatTimeShort(data.previousDueAt), to: formatTimeShort(data.dueAt) }) : t('history.newDue', { due: formatTimeShort(String(data.dueAt)) }));
  }
  if (data.late) parts.push(t('history.late'));
  if (data.satisfaction) parts.push(t(`satisfaction.${String(data.satisfaction)}`));
  if (data.changes) parts.push(t('history.changed', { fields: Object.keys(data.changes).join(', ') }));
  if (data.leadUnit && data.coUnits && data.coUnits.length > 0) parts.push(t('history.co', { units: data.coUnits.join(', ') }));
  const note = maskPersonal(e.note);
  if (note && !parts.includes(note)) parts.push(note);
  return parts.filter(Boolean).join('；');
}
