// What `show` and `history` tell about an order, read from its event log: each unit's part, every
// reply (content, result, handler, signer), the reviews and the callbacks. Pure; one small fold
// over the events, kept apart so it can be re-pointed at the order model's own fold.
import type { OrderEvent } from './events.js';
import type { ReplyResult, Satisfaction } from './order.js';

export interface ReplyView {
  unit: string | null;
  /** true for the lead's answer, false for a co-unit's part. */
  lead: boolean;
  content: string | null;
  result: ReplyResult | null;
  handler: string | null;
  signedBy: string | null;
  at: string;
}

export interface ReviewView {
  at: string;
  accepted: boolean;
  reason: string | null;
  by: string;
}

export interface CallbackView {
  at: string;
  satisfaction: Satisfaction | null;
  rework: boolean;
  note: string | null;
  by: string;
}

export interface UnitPart {
  unit: string;
  role: 'lead' | 'co';
  /** Still lead or co-unit of the order (not replaced by a re-dispatch or an approved return). */
  current: boolean;
  dispatchedAt: string;
  signedAt: string | null;
  signedLate: boolean;
  returnedAt: string | null;
  returnReason: string | null;
  repliedAt: string | null;
}

export interface OrderStory {
  parts: UnitPart[];
  replies: ReplyView[];
  reviews: ReviewView[];
  callbacks: CallbackView[];
}

export function orderStory(events: readonly OrderEvent[]): OrderStory {
  const parts = new Map<string, UnitPart>();
  const replies: ReplyView[] = [];
  const reviews: ReviewView[] = [];
  const callbacks: CallbackView[] = [];
  let lead: string | null = null;
  for (const e of events) {
    const d = e.data;
    switch (e.action) {
      case 'dispatch': {
        const newLead = d.leadUnit ?? e.unit;
        for (const p of parts.values()) p.current = false;
        const assign = (unit: string, role: 'lead' | 'co') => {
          const p = parts.get(unit);
          if (p && p.role === role && p.returnedAt === null) p.current = true;
          else parts.set(unit, { unit, role, current: true, dispatchedAt: e.occurredAt, signedAt: null, signedLate: false, returnedAt: null, returnReason: null, repliedAt: null });
        };
        if (newLead) assign(newLead, 'lead');
        for (const co of d.coUnits ?? []) assign(co, 'co');
        lead = newLead ?? lead;
        break;
      }
      case 'sign': {
        const p = parts.get(e.unit ?? lead ?? '');
        if (p && !p.signedAt) {
          p.signedAt = e.occurredAt;
          p.signedLate = Boolean(d.late);
        }
        break;
      }
      case 'return': {
        const p = parts.get(e.unit ?? lead ?? '');
        if (p) {
          p.returnedAt = e.occurredAt;
          p.returnReason = d.reason ?? e.note;
        }
        break;
      }
      case 'reply':
      case 'co_reply': {
        const unit = e.unit ?? (e.action === 'reply' ? lead : null);
        replies.push({ unit, lead: e.action === 'reply', content: d.content ?? null, result: d.result ?? null, handler: d.handler ?? null, signedBy: d.signedBy ?? null, at: e.occurredAt });
        const p = unit ? parts.get(unit) : undefined;
        if (p) p.repliedAt = e.occurredAt;
        break;
      }
      case 'review_accept':
      case 'review_reject':
        reviews.push({ at: e.occurredAt, accepted: e.action === 'review_accept', reason: d.reason ?? e.note, by: e.actor });
        break;
      case 'feedback':
        callbacks.push({ at: e.occurredAt, satisfaction: d.satisfaction ?? null, rework: Boolean(d.rework), note: e.note, by: e.actor });
        break;
      default:
        break;
    }
  }
  return { parts: [...parts.values()], replies, reviews, callbacks };
}
