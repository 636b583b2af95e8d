// The rest of `show`'s card after the order's fields: each unit's part, every reply (content,
// result, handler, signer), the reviews, the callbacks and the timeline.
import type { OrderEvent } from '../domain/events.js';
import type { CallbackView, ReplyView, ReviewView, UnitPart } from '../domain/order-card.js';
import { formatTimeShort } from '../domain/time.js';
import { listUnits } from '../store/directory.js';
import type { Context } from './context.js';
import { eventNote } from '../io/event-note.js';
import { printTable } from './output.js';

export async function printCard(
  ctx: Context,
  view: { parts: UnitPart[]; replies: ReplyView[]; reviews: ReviewView[]; callbacks: CallbackView[] },
  events: readonly OrderEvent[],
): Promise<void> {
  const t = ctx.term;
  const names = new Map((await listUnits(await ctx.db())).map((u) => [u.code, u.name]));
  const unit = (code: string | null) => (code ? `${names.get(code) ?? code} (${code})` : '');
  const time = (iso: string | null) => (iso ? formatTimeShort(iso) : '');
  const heading = (key: string) => t.out(`\n${t.chalk.bold(t.t(key))}`);

  if (view.parts.length > 0) {
    heading('terminal.card.parts');
    printTable(
      t,
      ['history.col.unit', 'terminal.card.role', 'terminal.card.dispatched', 'terminal.card.signed', 'terminal.card.replied', 'terminal.card.returned'],
      view.parts.map((p) => [
        unit(p.unit),
        t.t(`terminal.card.role.${p.role}`) + (p.current ? '' : ` ${t.t('terminal.card.former')}`),
        time(p.dispatchedAt),
        p.signedAt ? time(p.signedAt) + (p.signedLate ? ` ${t.t('history.late')}` : '') : t.t('terminal.card.notYet'),
        p.repliedAt ? time(p.repliedAt) : '',
        p.returnedAt ? `${time(p.returnedAt)} ${p.returnReason ?? ''}` : '',
      ]),
    );
  }
  if (view.replies.length > 0) {
    heading('terminal.card.replies');
    for (const r of view.replies) {
      const meta = [
        time(r.at),
        unit(r.unit),
        t.t(r.lead ? 'terminal.card.leadReply' : 'terminal.card.coReply'),
        r.result ? t.t('terminal.history.result', { result: t.t(`replyResult.${r.result}`) }) : '',
        r.handler ? t.t('terminal.history.handler', { name: r.handler }) : '',
        r.signedBy ? t.t('terminal.history.signedBy', { name: r.signedBy }) : '',
      ].filter(Boolean);
      t.out(`${t.chalk.dim(meta.join('  '))}\n  ${(r.content ?? '').replace(/\n/g, '\n  ')}`);
    }
  }
  if (view.reviews.length > 0) {
    heading('terminal.card.reviews');
    for (const r of view.reviews) t.out(`${time(r.at)}  ${t.t(r.accepted ? 'terminal.review.accept' : 'terminal.review.reject')}${r.reason ? `：${r.reason}` : ''}  (${r.by})`);
  }
  if (view.callbacks.length > 0) {
    heading('terminal.card.callbacks');
    for (const c of view.callbacks)
      t.out(`${time(c.at)}  ${c.satisfaction ? t.t(`satisfaction.${c.satisfaction}`) : ''}${c.rework ? ` → ${t.t('lifecycle.action.review_reject')}` : ''}${c.note ? `：${c.note}` : ''}  (${c.by})`);
  }
  heading('terminal.card.timeline');
  printTable(
    t,
    ['history.col.occurred', 'history.col.action', 'history.col.unit', 'history.col.note'],
    events.map((e) => [time(e.occurredAt), t.t(`lifecycle.action.${e.action}`), e.unit, eventNote(t.t.bind(t), e)]),
  );
}
