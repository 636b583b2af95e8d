// hotline list | show <no> | history <no>: reading orders.
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { isOverdue } from '../../domain/due.js';
import type { OrderEvent } from '../../domain/events.js';
import { STATUSES, type OrderStatus } from '../../domain/order.js';
import { maskName, maskPersonal, maskPhone, maskRecord } from '../../domain/privacy.js';
import { formatTimeShort } from '../../domain/time.js';
import { getOrder, listEvents, listOrders, type StoredOrder } from '../../store/orders.js';
import { logUnmasked } from '../access.js';
import { resolveOrderNumber } from '../../service/order-numbers.js';
import { orderStory } from '../../domain/order-card.js';
import { printCard } from '../order-card.js';
import { renderRows } from '../../io/render/rows.js';
import { pickFields } from '../fields.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import { printFields, printTable } from '../output.js';
import { eventNote } from '../../io/event-note.js';

/**
 * The order as `show --json` prints it (the contract's fields first). `mask`: the citizen's name
 * and phone masked, and phone or ID numbers inside the title, content and instructions.
 */
export function orderView(o: StoredOrder, now: Date, mask: boolean) {
  const text = (s: string | null | undefined): string | null => (mask ? maskPersonal(s ?? null) : (s ?? null));
  return {
    no: o.no,
    status: o.status,
    type: o.type,
    category: o.category,
    urgency: o.urgency,
    town: o.town,
    title: text(o.title),
    receivedAt: o.receivedAt,
    dueAt: o.dueAt,
    leadUnit: o.leadUnit,
    coUnits: o.coUnits,
    content: text(o.content),
    overdue: isOverdue(o, now),
    returnCount: o.returnCount,
    reworkCount: o.reworkCount,
    satisfaction: o.satisfaction,
    extensionDays: o.extensionDays,
    channel: o.channel,
    citizen: mask ? maskName(o.citizen) : o.citizen,
    phone: mask ? maskPhone(o.phone) : o.phone,
    address: o.address,
    deadline: o.deadline ?? null,
    instructions: text(o.instructions),
    repeatOf: o.repeatOf,
    firstDispatchedAt: o.firstDispatchedAt,
    flagged: o.flagged,
  };
}

export function parseStatuses(raw: string | undefined): OrderStatus[] | undefined {
  if (!raw) return undefined;
  const list = raw.split(/[,，\s]+/).filter(Boolean);
  for (const s of list) if (!(STATUSES as readonly string[]).includes(s)) throw new Refusal('orders.badStatus', { status: s, allowed: STATUSES.join(', ') });
  return list as OrderStatus[];
}

export interface ListOptions {
  status?: string;
  unit?: string;
  town?: string;
  category?: string;
  overdue?: boolean;
  flagged?: boolean;
  search?: string;
  limit?: string;
  /** false with --no-mask (logged) */
  mask?: boolean;
  json?: boolean;
  format?: string;
}

export const TABLE_DEFAULT_LIMIT = 50;

const LIST_FORMATS = ['table', 'csv', 'tsv', 'json'] as const;
/** The columns of `list --format csv|tsv` unless --fields says otherwise. */
const LIST_FILE_FIELDS = ['no', 'status', 'type', 'category', 'urgency', 'town', 'title', 'receivedAt', 'dueAt', 'leadUnit', 'overdue'];

export async function runList(ctx: Context, opts: ListOptions): Promise<void> {
  const format = opts.json ? 'json' : (opts.format ?? 'table');
  if (!(LIST_FORMATS as readonly string[]).includes(format)) throw new Refusal('flag.badChoice', { flag: '--format', value: format, allowed: LIST_FORMATS.join('|') });
  if (format !== 'table') opts.json = true; // every record, no default limit
  const status = parseStatuses(opts.status);
  let limit: number | undefined;
  if (opts.limit !== undefined) {
    limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new Refusal('orders.badLimit', { value: opts.limit });
    if (limit === 0) limit = undefined;
  } else if (!opts.json) limit = TABLE_DEFAULT_LIMIT;
  const now = ctx.now();
  const db = await ctx.db();
  const rows = await listOrders(db, {
    status,
    unit: opts.unit,
    town: opts.town,
    category: opts.category,
    search: opts.search,
    flagged: opts.flagged,
    overdueAt: opts.overdue ? now : undefined,
    limit: limit === undefined ? undefined : limit + 1,
    order: opts.overdue ? 'due_asc' : 'received_desc',
  });
  const more = limit !== undefined && rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const mask = opts.mask !== false;
  if (!mask) await logUnmasked(ctx, 'list --no-mask', `${shown.length} orders`);
  if (format === 'csv' || format === 'tsv') {
    const rows = shown.map((o) => orderView(o, now, mask));
    const fields = ctx.term.fields ?? LIST_FILE_FIELDS;
    pickFields(rows, fields); // refuses an unknown field, listing the fields there are
    return void ctx.term.streams.stdout.write(renderRows(rows, fields, format));
  }
  if (opts.json) return ctx.term.json(shown.map((o) => orderView(o, now, mask)));
  if (shown.length === 0) return ctx.term.say('orders.none');
  const t = ctx.term;
  printTable(
    t,
    ['orders.col.no', 'orders.col.status', 'orders.col.type', 'dispatch.col.category', 'orders.col.town', 'orders.col.title', 'orders.col.received', 'orders.col.due', 'orders.col.lead'],
    shown.map((o) => [
      o.no,
      isOverdue(o, now) ? t.chalk.red(`${t.t(`lifecycle.status.${o.status}`)} ${t.t('orders.overdueMark')}`) : t.t(`lifecycle.status.${o.status}`),
      o.type,
      o.category,
      o.town,
      truncate((mask ? maskPersonal(o.title ?? o.content ?? '') : (o.title ?? o.content)) ?? '', 24),
      formatTimeShort(o.receivedAt),
      formatTimeShort(o.dueAt),
      o.leadUnit,
    ]),
  );
  if (more) t.say('orders.more', { limit: limit! });
}

export function truncate(s: string, n: number): string {
  const chars = [...s];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : s;
}

async function mustGetOrder(ctx: Context, typed: string): Promise<StoredOrder> {
  const db = await ctx.db();
  const no = await resolveOrderNumber(db, typed);
  const o = await getOrder(db, no);
  if (!o) throw new Refusal('orders.unknown', { no });
  return o;
}

export interface ShowOptions {
  json?: boolean;
  mask?: boolean;
}

export async function runShow(ctx: Context, opts: ShowOptions, args: string[]): Promise<void> {
  const o = await mustGetOrder(ctx, args[0]!);
  // `show` of one order is where the clerk sees the citizen's name and phone; --mask hides them.
  const events = await listEvents(await ctx.db(), o.no);
  const story = orderStory(events);
  const mask = opts.mask === true;
  const replies = story.replies.map((r) => ({ unit: r.unit, lead: r.lead, content: mask ? maskPersonal(r.content) : r.content, result: r.result, handler: r.handler, signedBy: r.signedBy, at: r.at }));
  const view = { ...orderView(o, ctx.now(), mask), replies, reviews: story.reviews, callbacks: story.callbacks, parts: story.parts };
  if (opts.json) return ctx.term.json(view);
  const t = ctx.term;
  const status = t.t(`lifecycle.status.${view.status}`) + (view.overdue ? ` ${t.chalk.red(t.t('orders.overdueMark'))}` : '');
  printFields(t, [
    ['orders.field.no', view.no],
    ['orders.field.status', status],
    ['orders.field.type', `${view.type} / ${view.urgency}`],
    ['orders.field.category', view.category],
    ['orders.field.town', view.town],
    ['orders.field.address', view.address],
    ['orders.field.citizen', [view.citizen, view.phone].filter(Boolean).join('  ')],
    ['orders.field.channel', view.channel],
    ['orders.field.received', formatTimeShort(view.receivedAt)],
    ['orders.field.due', formatTimeShort(view.dueAt) + (view.deadline ? `  (${t.t('orders.cityDeadline', { deadline: view.deadline })})` : '')],
    ['orders.field.lead', view.leadUnit],
    ['orders.field.co', view.coUnits.join(', ')],
    ['orders.field.counts', t.t('orders.counts', { returns: view.returnCount, reworks: view.reworkCount, extension: view.extensionDays })],
    ['orders.field.satisfaction', view.satisfaction ? t.t(`satisfaction.${view.satisfaction}`) : ''],
    ['orders.field.repeatOf', view.repeatOf ? t.t('orders.repeatOf', { no: view.repeatOf }) : ''],
    ['orders.field.title', view.title],
  ]);
  if (view.instructions) t.out(`\n${t.chalk.dim(t.t('orders.field.instructions'))}\n${view.instructions}`);
  t.out(`\n${t.chalk.dim(t.t('orders.field.content'))}\n${view.content ?? ''}`);
  await printCard(ctx, view, events);
  if (view.flagged) t.warn('orders.flagged', { no: view.no });
}

export interface HistoryOptions {
  json?: boolean;
  /** false with --no-mask (logged) */
  mask?: boolean;
}

export async function runHistory(ctx: Context, opts: HistoryOptions, args: string[]): Promise<void> {
  const o = await mustGetOrder(ctx, args[0]!);
  // History is a list: the citizen's old and new name and phone in `update` events, and numbers
  // in notes, reasons and replies, are masked unless --no-mask (which is logged).
  const mask = opts.mask !== false;
  if (!mask) await logUnmasked(ctx, 'history --no-mask', `history ${o.no}`);
  const events = (await listEvents(await ctx.db(), o.no)).map((e): OrderEvent => (mask ? ({ ...e, note: maskPersonal(e.note), data: maskRecord(e.data) } as OrderEvent) : e));
  if (opts.json) return ctx.term.json(events);
  const t = ctx.term;
  printTable(
    t,
    ['history.col.occurred', 'history.col.action', 'history.col.status', 'history.col.unit', 'history.col.actor', 'history.col.note', 'history.col.recorded'],
    events.map((e) => [
      formatTimeShort(e.occurredAt),
      t.t(`lifecycle.action.${e.action}`),
      e.fromStatus === e.toStatus ? t.t(`lifecycle.status.${e.toStatus}`) : `${e.fromStatus ? t.t(`lifecycle.status.${e.fromStatus}`) : ''} → ${t.t(`lifecycle.status.${e.toStatus}`)}`,
      e.unit,
      e.actor,
      eventNote(t.t.bind(t), e),
      e.recordedAt.slice(0, 16) === e.occurredAt.slice(0, 16) ? '' : formatTimeShort(e.recordedAt),
    ]),
  );
}

export function register(program: Command, app: App): void {
  const list = app.command(program, 'list', 'list.description', [
    'hotline list',
    'hotline list --status pending',
    'hotline list --unit cgjd --overdue',
    'hotline list --search 噪音 --json',
    'hotline list --status pending --format csv > 待派发.csv',
    'hotline list --status pending --json --fields no | hotline remind -',
  ]);
  list
    .addOption(app.option('--status <status,...>', 'list.opt.status', { allowed: STATUSES.join('|') }))
    .addOption(app.option('--unit <code>', 'list.opt.unit'))
    .addOption(app.option('--town <name>', 'list.opt.town'))
    .addOption(app.option('--category <name>', 'list.opt.category'))
    .addOption(app.option('--overdue', 'list.opt.overdue'))
    .addOption(app.option('--flagged', 'list.opt.flagged'))
    .addOption(app.option('--search <text>', 'list.opt.search'))
    .addOption(app.option('--limit <n>', 'list.opt.limit', { n: TABLE_DEFAULT_LIMIT }))
    .addOption(app.option('--format <format>', 'terminal.list.opt.format'))
    .addOption(app.option('--no-mask', 'input.opt.noMask'))
    .addOption(app.jsonOption());
  app.action<ListOptions>(list, runList);

  const show = app.command(program, 'show <no>', 'show.description', ['hotline show YX2026111800023', 'hotline show YX2026111800023 --json']);
  show.addOption(app.jsonOption()).addOption(app.option('--mask', 'show.opt.mask'));
  app.action<ShowOptions>(show, runShow);

  const history = app.command(program, 'history <no>', 'history.description', ['hotline history YX2026111800023', 'hotline history YX2026111800023 --json']);
  history.addOption(app.jsonOption()).addOption(app.option('--no-mask', 'input.opt.noMask'));
  app.action<HistoryOptions>(history, runHistory);
}
