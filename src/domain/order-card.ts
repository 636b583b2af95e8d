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
  /** The citizen says the unit contacted them / it was solved (null: not said). */
  contacted: boolean | null;
  solved: boolean | null;
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
    switch (e.action) {
      case 'dispatch': {
        const newLead = e.data.leadUnit ?? e.unit;
        for (const p of parts.values()) p.current = false;
        const assign = (unit: string, role: 'lead' | 'co') => {
          const p = parts.get(unit);
          if (p && p.role === role && p.returnedAt === null) p.current = true;
          else parts.set(unit, { unit, role, current: true, dispatchedAt: e.occurredAt, signedAt: null, signedLate: false, returnedAt: null, returnReason: null, repliedAt: null });
        };
        if (newLead) assign(newLead, 'lead');
        for (const co of e.data.coUnits ?? []) assign(co, 'co');
        lead = newLead ?? lead;
        break;
      }
      case 'sign': {
        const p = parts.get(e.unit ?? lead ?? '');
        if (p && !p.signedAt) {
          p.signedAt = e.occurredAt;
          p.signedLate = Boolean(e.data.late);
        }
        break;
      }
      case 'return': {
        const p = parts.get(e.unit ?? lead ?? '');
        if (p) {
          p.returnedAt = e.occurredAt;
          p.returnReason = e.data.reason ?? e.note;
        }
        break;
      }
      case 'return_approve':
        for (const p of parts.values()) p.current = false;
        break;
      case 'reply':
      case 'co_reply': {
        const unit = e.unit ?? (e.action === 'reply' ? lead : null);
        replies.push({ unit, lead: e.action === 'reply', content: e.data.content ?? null, result: e.data.result ?? null, handler: e.data.handler ?? null, signedBy: e.data.signedBy ?? null, at: e.occurredAt });
        const p = unit ? parts.get(unit) : undefined;
        if (p) p.repliedAt = e.occurredAt;
        break;
      }
      case 'review_accept':
        reviews.push({ at: e.occurredAt, accepted: true, reason: e.note, by: e.actor });
        break;
      case 'review_reject':
        reviews.push({ at: e.occurredAt, accepted: false, reason: e.data.reason ?? e.note, by: e.actor });
        break;
      case 'feedback':
        callbacks.push({ at: e.occurredAt, satisfaction: e.data.satisfaction ?? null, rework: Boolean(e.data.rework), contacted: e.data.contacted ?? null, solved: e.data.solved ?? null, note: e.note, by: e.actor });
        break;
      default:
        break;
    }
  }
  return { parts: [...parts.values()], replies, reviews, callbacks };
}
