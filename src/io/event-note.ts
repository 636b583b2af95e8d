// What `history` says about each event: one case per action, so a new action does not compile
// until its note is written. Free text (reasons, replies) is masked unless the caller shows it in full.
import { unreachable, type OrderEvent } from '../domain/events.js';
import { maskPersonal } from '../domain/privacy.js';
import { formatTimeShort } from '../domain/time.js';

type T = (key: string, params?: Record<string, string | number>) => string;

export function eventNote(t: T, e: OrderEvent, mask = true): string {
  const text = (s: string | null | undefined): string => (s ? ((mask ? maskPersonal(s) : s) ?? '') : '');
  const due = (iso: string | undefined): string => (iso ? t('history.newDue', { due: formatTimeShort(iso) }) : '');
  const late = (l: boolean | undefined): string => (l ? t('history.late') : '');
  const parts: string[] = [];
  switch (e.action) {
    case 'register':
      if (e.data.repeatOf) parts.push(t('orders.repeatOf', { no: e.data.repeatOf }));
      break;
    case 'update':
      parts.push(t('history.changed', { fields: Object.keys(e.data.changes).join(', ') }), due(e.data.dueAt));
      break;
    case 'dispatch':
      if (e.data.coUnits.length > 0) parts.push(t('history.co', { units: e.data.coUnits.join(', ') }));
      if (e.data.meetingId !== undefined) parts.push(t('history.byMeeting', { id: e.data.meetingId }));
      break;
    case 'pass_down':
      parts.push(t('history.passDown', { town: e.data.town, community: e.data.community }));
      break;
    case 'sign':
      if (e.data.part && e.data.part !== 'lead') parts.push(t(`history.part.${e.data.part}`));
      parts.push(late(e.data.late));
      break;
    case 'contact':
      parts.push(late(e.data.late));
      break;
    case 'return':
      parts.push(text(e.data.reason));
      if (e.data.review) parts.push(t('history.awaitingReview'));
      break;
    case 'return_approve':
    case 'return_deny':
    case 'closure_deny':
      parts.push(text(e.data.reason));
      break;
    case 'extend_request':
      parts.push(t('history.days', { days: e.data.days }), text(e.data.reason));
      break;
    case 'extend_approve':
      parts.push(t('history.days', { days: e.data.days }), due(e.data.dueAt));
      break;
    case 'extend_deny':
      parts.push(t('history.days', { days: e.data.days }), text(e.data.reason));
      break;
    case 'reply':
    case 'co_reply':
      parts.push(
        t('history.reply', { result: t(`replyResult.${e.data.result}`), handler: e.data.handler, signedBy: e.data.signedBy }),
        text(e.data.content),
        late(e.data.late),
      );
      if (e.action === 'reply' && e.data.byOffice) parts.push(t('history.byOffice'));
      break;
    case 'review_accept':
      parts.push(late(e.data.late));
      break;
    case 'review_reject':
      parts.push(text(e.data.reason));
      break;
    case 'feedback':
      parts.push(t(`satisfaction.${e.data.satisfaction}`));
      if (e.data.contacted !== undefined && e.data.contacted !== null) parts.push(t(e.data.contacted ? 'history.contactedYes' : 'history.contactedNo'));
      if (e.data.solved !== undefined && e.data.solved !== null) parts.push(t(e.data.solved ? 'history.solvedYes' : 'history.solvedNo'));
      parts.push(due(e.data.dueAt));
      break;
    case 'closure_request':
      parts.push(t(`closureReason.${e.data.closureReason}`), text(e.data.explanation), late(e.data.late));
      break;
    case 'closure_approve':
      parts.push(late(e.data.late));
      break;
    case 'remind':
      parts.push(t(`history.remind.${e.data.kind}`));
      break;
    case 'supervise':
      parts.push(t(`superviseLevel.${e.data.level}`));
      break;
    case 'meeting':
      parts.push(text(e.data.decision));
      break;
    default:
      return unreachable(e);
  }
  const note = text(e.note);
  if (note && !parts.includes(note)) parts.push(note);
  return parts.filter((p) => p !== '').join('；');
}
