// The order's life, one command per step (DOMAIN.md's state machine):
// dispatch, sign, return, extend (approve|deny), reply, review, feedback, request-closure,
// closure (approve|deny), remind, supervise, meeting add. Each works on one or many orders in one
// transaction: all change or none, and a refusal names the order that blocked it.
import type { Command as Cli } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { isTuiCandidate, type Command, type OrderState } from '../../domain/lifecycle.js';
import { CLOSURE_REASONS, REPLY_RESULTS, SATISFACTIONS, type ClosureReason, type ReplyResult, type Satisfaction } from '../../domain/order.js';
import { formatTimeShort } from '../../domain/time.js';
import { act, type ActResult } from '../../service/act.js';
import { addMeeting, remindDue } from '../../service/chase.js';
import { autoDispatch } from '../../service/dispatch.js';
import { resolveOrderNumber, resolveOrderNumbers } from '../../service/order-numbers.js';
import { orderStory } from '../../domain/order-card.js';
import { listEvents, type StoredOrder } from '../../store/orders.js';
import { suggestedLeadFor } from '../../service/suggest.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import { suggestKbAnswers } from './records.js';
import { directAnswer } from '../../service/kb.js';
import { printTable } from '../output.js';
import { ask } from '../terminal.js';
import { withStdin } from '../stdin-numbers.js';
import { truncate } from './orders.js';
import { runQueue } from '../queue.js';
import { askUnit } from '../unit-picker.js';

interface ActOptions {
  at?: string;
  note?: string;
  json?: boolean;
}

async function run<X = undefined>(
  ctx: Context,
  nos: string[],
  opts: ActOptions,
  commandFor: (o: StoredOrder<OrderState>, x: X) => Command,
  extra?: Parameters<typeof act<X>>[3],
): Promise<ActResult[]> {
  const results = await act<X>(
    await ctx.actContext(opts.at),
    nos,
    (o, x) => ({ ...commandFor(o, x), note: opts.note ?? null }),
    extra,
  );
  if (opts.json) ctx.term.json(results.map((r) => ({ no: r.no, action: r.event.action, status: r.state.status, dueAt: r.state.dueAt, leadUnit: r.state.leadUnit, coUnits: r.state.coUnits })));
  return results;
}

function splitList(raw: string | undefined): string[] {
  return (raw ?? '').split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Refusal('flag.badChoice', { flag, value, allowed: allowed.join('|') });
  return value as T;
}

function done(ctx: Context, key: string, results: ActResult[], params: Record<string, string | number> = {}): void {
  ctx.term.ok(key, { count: results.length, nos: results.map((r) => r.no).join(', '), ...params });
}

// ---- dispatch ---------------------------------------------------------------------------------

interface DispatchOptions extends ActOptions {
  to?: string;
  co?: string;
  /** A town passing its order down to one of its communities. */
  by?: string;
  auto?: boolean;
  dryRun?: boolean;
}

export async function runDispatch(ctx: Context, opts: DispatchOptions, nos: string[]): Promise<number | void> {
  if (opts.auto) return runAutoDispatch(ctx, opts, nos);
  // No numbers on a terminal: walk the pending queue (one order, one keystroke when the suggestion is right).
  if (nos.length === 0 && ctx.term.interactive && !opts.to) return runQueue(ctx, opts.note ?? null);
  if (nos.length === 0) throw new Refusal('dispatch.noOrders');
  const to = opts.to ?? (await askDispatchUnit(ctx, nos));
  if (opts.by !== undefined) {
    const results = await run(ctx, nos, opts, () => ({ action: 'pass_down', community: to, town: opts.by }));
    return done(ctx, 'dispatch.passedDown', results, { unit: to, town: opts.by });
  }
  const co = splitList(opts.co);
  const results = await run(ctx, nos, opts, () => ({ action: 'dispatch', to, co }));
  done(ctx, 'dispatch.done', results, { unit: to, co: co.length ? ` (${ctx.term.t('dispatch.coUnits', { units: co.join(', ') })})` : '' });
}

/** The unit to dispatch to, asked for on a terminal with the picker, the joint meeting's lead first. */
async function askDispatchUnit(ctx: Context, nos: string[]): Promise<string> {
  const db = await ctx.db();
  const lead = await suggestedLeadFor(db, await resolveOrderNumbers(db, nos));
  if (lead && !ctx.term.interactive) throw new Refusal('dispatch.toMissingMeeting', { unit: lead, nos: nos.join(' ') });
  return askUnit(ctx, { flag: '--to', suggested: lead, messageKey: lead ? 'prompt.unitMeeting' : undefined });
}

async function runAutoDispatch(ctx: Context, opts: DispatchOptions, nos: string[]): Promise<void> {
  const only = nos.length ? await resolveOrderNumbers(await ctx.db(), nos) : undefined;
  const { matched, left, results } = await autoDispatch(await ctx.actContext(opts.at), only, opts.dryRun, opts.note ?? null);
  if (opts.json) {
    ctx.term.json({ dryRun: Boolean(opts.dryRun), dispatched: opts.dryRun ? [] : matched, wouldDispatch: opts.dryRun ? matched : [], left });
  } else {
    const t = ctx.term;
    if (matched.length > 0 && ctx.term.isTTY)
      printTable(t, ['orders.col.no', 'dispatch.col.unit', 'dispatch.col.rule'], matched.map((m) => [m.no, m.unit, `#${m.ruleId}`]));
    if (left.length > 0) {
      t.say('dispatch.leftHeader', { count: left.length });
      printTable(
        t,
        ['orders.col.no', 'dispatch.col.category', 'dispatch.col.town', 'dispatch.col.title', 'dispatch.col.why', 'dispatch.col.suggestion'],
        left.map((l) => [
          l.no,
          l.category,
          l.town,
          truncate(l.title ?? '', 20),
          l.kind === 'ambiguous' ? t.t('dispatch.ambiguous', { units: l.candidates.map((c) => `${c.unit}(#${c.ruleId})`).join(', ') }) : t.t('dispatch.noRule'),
          l.suggestion ? t.t('dispatch.suggest', { unit: l.suggestion.unit, count: l.suggestion.count }) : '',
        ]),
      );
    }
  }
  ctx.term.ok(opts.dryRun ? 'dispatch.autoDry' : 'dispatch.autoDone', { dispatched: opts.dryRun ? matched.length : results.length, left: left.length });
}

// ---- unit side: sign, return, extend ----------------------------------------------------------

export async function runSign(ctx: Context, opts: ActOptions & { unit?: string }, nos: string[]): Promise<void> {
  const results = await run(ctx, nos, opts, () => ({ action: 'sign', unit: opts.unit }));
  const late = results.filter((r) => r.event.action === 'sign' && r.event.data.late);
  done(ctx, 'sign.done', results);
  if (late.length) ctx.term.warn('sign.late', { nos: late.map((r) => r.no).join(', ') });
}

export async function runReturn(ctx: Context, opts: ActOptions & { reason?: string; unit?: string }, args: string[]): Promise<void> {
  const [first, ...rest] = args;
  if (first === 'approve' || first === 'deny') {
    // 退单审核: the office decides whether the return stands.
    if (rest.length === 0) throw new Refusal('dispatch.noOrders');
    const results = await run(ctx, rest, opts, () => ({ action: first === 'approve' ? 'return_approve' : 'return_deny', reason: opts.reason }));
    return done(ctx, first === 'approve' ? 'return.approved' : 'return.denied', results);
  }
  const nos = args;
  const reason = opts.reason ?? (await ask(ctx.term, { key: 'prompt.returnReason', flag: '--reason' }));
  const results = await run(ctx, nos, opts, () => ({ action: 'return', reason, unit: opts.unit }));
  done(ctx, results.some((r) => r.state.status === 'return_requested') ? 'return.requested' : 'return.done', results);
  for (const r of results) if (isTuiCandidate(r.state)) ctx.term.warn('return.tui', { no: r.no, count: r.state.returnCount, units: r.state.returnUnits.join(', ') });
}

export async function runExtend(ctx: Context, opts: ActOptions & { days?: string; reason?: string }, args: string[]): Promise<void> {
  const [first, ...rest] = args;
  if (first === 'approve' || first === 'deny') {
    if (rest.length === 0) throw new Refusal('dispatch.noOrders');
    const results = await run(ctx, rest, opts, () => (first === 'approve' ? { action: 'extend_approve' } : { action: 'extend_deny', reason: opts.reason }));
    if (first === 'approve') for (const r of results) ctx.term.ok('extend.approved', { no: r.no, due: formatTimeShort(r.state.dueAt) });
    else done(ctx, 'extend.denied', results);
    return;
  }
  if (!first || rest.length > 0) throw new Refusal('extend.oneOrder');
  const daysRaw = opts.days ?? (await ask(ctx.term, { key: 'prompt.days', flag: '--days' }));
  const days = Number(daysRaw);
  if (!Number.isInteger(days) || days < 1) throw new Refusal('extend.badDays', { value: daysRaw });
  const reason = opts.reason ?? (await ask(ctx.term, { key: 'prompt.extendReason', flag: '--reason' }));
  const [r] = await run(ctx, [first], opts, () => ({ action: 'extend_request', days, reason }));
  ctx.term.ok('extend.requested', { no: r!.no, days });
}

export async function runContact(ctx: Context, opts: ActOptions & { unit?: string }, nos: string[]): Promise<void> {
  const results = await run(ctx, nos, opts, () => ({ action: 'contact', unit: opts.unit }));
  done(ctx, 'contact.done', results);
  const late = results.filter((r) => r.event.action === 'contact' && r.event.data.late && r.event.data.first);
  if (late.length) ctx.term.warn('contact.late', { nos: late.map((r) => r.no).join(', ') });
}

// ---- reply, review, feedback, closure ---------------------------------------------------------

interface ReplyOptions extends ActOptions {
  content?: string;
  result?: string;
  handler?: string;
  signedBy?: string;
  unit?: string;
  byOffice?: boolean;
  kb?: string;
}

export async function runReply(ctx: Context, opts: ReplyOptions, args: string[]): Promise<void> {
  const no = args[0]!;
  if (opts.byOffice || opts.kb !== undefined) return runDirectAnswer(ctx, opts, no);
  if (opts.content === undefined && ctx.term.interactive) await suggestKbAnswers(ctx, no);
  const content = opts.content ?? (await ask(ctx.term, { key: 'prompt.replyContent', flag: '--content' }));
  const result = oneOf<ReplyResult>(
    opts.result ?? (await ask(ctx.term, { key: 'prompt.replyResult', flag: '--result', choices: REPLY_RESULTS.map((r) => ({ value: r, labelKey: `replyResult.${r}` })) })),
    REPLY_RESULTS,
    '--result',
  );
  const handler = opts.handler ?? (await ask(ctx.term, { key: 'prompt.handler', flag: '--handler' }));
  const signedBy = opts.signedBy ?? (await ask(ctx.term, { key: 'prompt.signedBy', flag: '--signed-by' }));
  const [r] = await run(ctx, [no], opts, () => ({ action: 'reply', content, result, handler, signedBy, unit: opts.unit }));
  const e = r!.event;
  ctx.term.ok(e.action === 'co_reply' ? (e.data.part === 'community' ? 'reply.communityDone' : 'reply.coDone') : 'reply.done', { no, unit: e.unit ?? '' });
  if (r!.event.action === 'reply' && Date.parse(r!.event.occurredAt) > Date.parse(r!.state.dueAt)) ctx.term.warn('reply.late', { no, due: formatTimeShort(r!.state.dueAt) });
}

/** reply <no> --by-office --kb <id>: the office answers a pending 咨询 from the knowledge base (直接答复). */
async function runDirectAnswer(ctx: Context, opts: ReplyOptions, no: string): Promise<void> {
  if (!opts.byOffice || opts.kb === undefined) throw new Refusal('reply.byOfficeNeedsKb');
  for (const flag of ['content', 'result', 'handler', 'signedBy', 'unit'] as const) if (opts[flag] !== undefined) throw new Refusal('reply.byOfficeFromKb', { flag: `--${flag.replace('signedBy', 'signed-by')}` });
  const command = await directAnswer(await ctx.db(), { kbId: opts.kb, at: ctx.at(opts.at), actor: ctx.operator });
  await run(ctx, [no], opts, () => command);
  ctx.term.ok('reply.directDone', { no, id: command.kbId });
}

export async function runReview(ctx: Context, opts: ActOptions & { accept?: boolean; reject?: boolean; reason?: string }, args: string[]): Promise<void> {
  if (opts.accept && opts.reject) throw new Refusal('review.acceptOrReject');
  if (!opts.accept && !opts.reject) {
    // On a terminal, ask (after showing the reply being reviewed); elsewhere, name the flags.
    if (!ctx.term.interactive) throw new Refusal('review.acceptOrReject');
    await showLatestReply(ctx, args[0]!);
    const verdict = await ask(ctx.term, { key: 'terminal.prompt.review', flag: '--accept|--reject', choices: [{ value: 'accept', labelKey: 'terminal.review.accept' }, { value: 'reject', labelKey: 'terminal.review.reject' }] });
    if (verdict === 'accept') opts.accept = true;
    else opts.reject = true;
  }
  const no = args[0]!;
  if (opts.accept) {
    await run(ctx, [no], opts, () => ({ action: 'review_accept' }));
    ctx.term.ok('review.accepted', { no });
  } else {
    const reason = opts.reason ?? (await ask(ctx.term, { key: 'prompt.rejectReason', flag: '--reason' }));
    const [r] = await run(ctx, [no], opts, () => ({ action: 'review_reject', reason }));
    ctx.term.ok('review.rejected', { no, due: formatTimeShort(r!.state.dueAt) });
  }
}

/** The reply under review, so the clerk reads it before deciding. */
async function showLatestReply(ctx: Context, typed: string): Promise<void> {
  const db = await ctx.db();
  const no = await resolveOrderNumber(db, typed);
  const reply = orderStory(await listEvents(db, no)).replies.filter((r) => r.lead).at(-1);
  if (!reply) return;
  const t = ctx.term;
  t.streams.stderr.write(
    `${t.chalk.bold(no)}  ${t.chalk.dim([reply.unit, reply.result ? t.t(`replyResult.${reply.result}`) : '', reply.handler ? t.t('terminal.history.handler', { name: reply.handler }) : '', reply.signedBy ? t.t('terminal.history.signedBy', { name: reply.signedBy }) : ''].filter(Boolean).join('  '))}\n  ${reply.content ?? ''}\n`,
  );
}

function yesNo(raw: string | undefined, flag: string): boolean | null {
  if (raw === undefined) return null;
  const v = raw.trim().toLowerCase();
  if (['yes', 'y', '是', '有', 'true', '1'].includes(v)) return true;
  if (['no', 'n', '否', '没有', '无', 'false', '0'].includes(v)) return false;
  throw new Refusal('flag.badChoice', { flag, value: raw, allowed: 'yes|no' });
}

async function askYesNo(ctx: Context, raw: string | undefined, flag: string, key: string): Promise<boolean | null> {
  if (raw !== undefined) return yesNo(raw, flag);
  // Asked on a terminal (the three rates need it); a script that leaves it out records "not said".
  if (!ctx.term.interactive) return null;
  const v = await ask(ctx.term, { key, flag, choices: [{ value: 'yes', labelKey: 'answer.yes' }, { value: 'no', labelKey: 'answer.no' }, { value: 'unknown', labelKey: 'answer.unknown' }] });
  return v === 'unknown' ? null : yesNo(v, flag);
}

export async function runFeedback(ctx: Context, opts: ActOptions & { result?: string; contacted?: string; solved?: string }, args: string[]): Promise<void> {
  const no = args[0]!;
  const contacted = await askYesNo(ctx, opts.contacted, '--contacted', 'prompt.contacted');
  const solved = await askYesNo(ctx, opts.solved, '--solved', 'prompt.solved');
  const satisfaction = oneOf<Satisfaction>(
    opts.result ?? (await ask(ctx.term, { key: 'prompt.satisfaction', flag: '--result', choices: SATISFACTIONS.map((s) => ({ value: s, labelKey: `satisfaction.${s}` })) })),
    SATISFACTIONS,
    '--result',
  );
  const [r] = await run(ctx, [no], opts, () => ({ action: 'feedback', satisfaction, contacted, solved }));
  if (r!.state.status === 'closed') ctx.term.ok('feedback.closed', { no, result: ctx.term.t(`satisfaction.${satisfaction}`) });
  else ctx.term.ok('feedback.rework', { no, due: formatTimeShort(r!.state.dueAt), count: r!.state.reworkCount });
}

export async function runRequestClosure(ctx: Context, opts: ActOptions & { reason?: string; explanation?: string }, args: string[]): Promise<void> {
  const no = args[0]!;
  const reason = oneOf<ClosureReason>(
    opts.reason ?? (await ask(ctx.term, { key: 'prompt.closureReason', flag: '--reason', choices: CLOSURE_REASONS.map((c) => ({ value: c, labelKey: `closureReason.${c}` })) })),
    CLOSURE_REASONS,
    '--reason',
  );
  const explanation = opts.explanation ?? (await ask(ctx.term, { key: 'prompt.explanation', flag: '--explanation' }));
  await run(ctx, [no], opts, () => ({ action: 'closure_request', reason, explanation }));
  ctx.term.ok('closure.requested', { no });
}

export async function runClosure(ctx: Context, opts: ActOptions & { reason?: string }, args: string[]): Promise<void> {
  const [verb, ...nos] = args as [string, ...string[]];
  const decision = oneOf(verb, ['approve', 'deny'] as const, 'approve|deny');
  if (nos.length === 0) throw new Refusal('dispatch.noOrders');
  const results = await run(ctx, nos, opts, () => (decision === 'approve' ? { action: 'closure_approve' } : { action: 'closure_deny', reason: opts.reason }));
  done(ctx, decision === 'approve' ? 'closure.approved' : 'closure.denied', results);
}

// ---- chasing: remind, supervise, meeting ------------------------------------------------------

interface RemindOptions extends ActOptions {
  dueSoon?: boolean;
  overdue?: boolean;
  unit?: string;
}

export async function runRemind(ctx: Context, opts: RemindOptions, nos: string[]): Promise<void> {
  if (nos.length > 0 && (opts.dueSoon || opts.overdue)) throw new Refusal('remind.eitherOr');
  if (nos.length > 0) {
    const results = await run(ctx, nos, opts, () => ({ action: 'remind', kind: 'manual' }));
    return done(ctx, 'remind.done', results);
  }
  // Cron: chase every order due soon and/or overdue as of now (or --at), optionally one unit's.
  const results = await remindDue(await ctx.actContext(opts.at), { dueSoon: opts.dueSoon, overdue: opts.overdue, unit: opts.unit, note: opts.note ?? null, skipped: (nos) => ctx.term.say('input.remindSkipped', { count: nos.length }) });
  if (opts.json) ctx.term.json(results.map((r) => ({ no: r.no, action: r.event.action, status: r.state.status, dueAt: r.state.dueAt, leadUnit: r.state.leadUnit })));
  if (results.length === 0) return ctx.term.say('remind.nothing');
  done(ctx, 'remind.cronDone', results, { units: new Set(results.map((r) => r.state.leadUnit)).size });
}

export async function runSupervise(ctx: Context, opts: ActOptions & { level?: string }, nos: string[]): Promise<void> {
  const level = oneOf(opts.level ?? 'normal', ['normal', 'key'] as const, '--level');
  const results = await run(ctx, nos, opts, () => ({ action: 'supervise', level }));
  done(ctx, 'supervise.done', results, { level: ctx.term.t(`superviseLevel.${level}`) });
}

interface MeetingOptions extends ActOptions {
  orders?: string;
  date?: string;
  attendees?: string;
  decision?: string;
  lead?: string;
}

export async function runMeetingAdd(ctx: Context, opts: MeetingOptions): Promise<void> {
  const orders = splitList(opts.orders ?? (await ask(ctx.term, { key: 'prompt.meetingOrders', flag: '--orders' })));
  const date = opts.date ?? (await ask(ctx.term, { key: 'prompt.meetingDate', flag: '--date' }));
  const attendees = opts.attendees ?? (ctx.term.interactive ? await ask(ctx.term, { key: 'prompt.meetingAttendees', flag: '--attendees' }) : '');
  const decision = opts.decision ?? (await ask(ctx.term, { key: 'prompt.meetingDecision', flag: '--decision' }));
  const lead = opts.lead ?? (await askUnit(ctx, { flag: '--lead' }));
  const { meetingId, results } = await addMeeting(await ctx.actContext(opts.at), { orders, date, attendees, decision, lead, note: opts.note ?? null });
  if (opts.json) ctx.term.json(results.map((r) => ({ no: r.no, action: r.event.action, status: r.state.status, dueAt: r.state.dueAt, leadUnit: r.state.leadUnit, coUnits: r.state.coUnits })));
  done(ctx, 'meeting.done', results, { unit: lead, id: meetingId });
  const moved = results.filter((r) => r.events.some((e) => e.action === 'dispatch'));
  if (moved.length) ctx.term.say('meeting.dispatched', { nos: moved.map((r) => r.no).join(', '), unit: lead });
}

// ---- registration with commander ---------------------------------------------------------------

function common(app: App, cmd: Cli, json = true): Cli {
  cmd.addOption(app.option('--at <time>', 'opt.at')).addOption(app.option('--note <text>', 'opt.note'));
  if (json) cmd.addOption(app.jsonOption());
  return cmd;
}

export function register(program: Cli, app: App): void {
  const dispatch = app.command(program, 'dispatch [no...]', 'dispatch.description', [
    'hotline dispatch YX2026111800023 --to cgjd',
    'hotline dispatch YX2026111800023 YX2026111800024 --to zjj --co cgjd,cgj',
    'hotline dispatch YX2026111800023 --to cgjd-hpsq --by cgjd',
    'hotline dispatch --auto --dry-run',
    'hotline dispatch --auto',
    'hotline dispatch        # 在终端逐件处理待派发工单（回车按建议派发）',
  ]);
  dispatch
    .addOption(app.option('--to <unit>', 'dispatch.opt.to'))
    .addOption(app.option('--co <unit,...>', 'dispatch.opt.co'))
    .addOption(app.option('--by <town>', 'dispatch.opt.by'))
    .addOption(app.option('--auto', 'dispatch.opt.auto'))
    .addOption(app.option('--dry-run', 'opt.dryRun'));
  app.action(common(app, dispatch), withStdin(runDispatch));

  const sign = app.command(program, 'sign <no...>', 'sign.description', ['hotline sign YX2026111800023', 'hotline sign YX2026111800023 --at "2026-11-20 15:30"']);
  sign.addOption(app.option('--unit <code>', 'sign.opt.unit'));
  app.action(common(app, sign), withStdin(runSign));

  const ret = app.command(program, 'return <no|approve|deny> [no...]', 'return.description', [
    'hotline return YX2026111800023 --reason "不属本单位职责，应由区市场监管局办理"',
    'hotline return approve YX2026111800023',
    'hotline return deny YX2026111800023 --reason "属街道属地管理职责"',
  ]);
  ret.addOption(app.option('--reason <text>', 'return.opt.reason')).addOption(app.option('--unit <code>', 'sign.opt.unit'));
  app.action(common(app, ret), withStdin(runReturn));

  const contact = app.command(program, 'contact <no...>', 'contact.description', [
    'hotline contact YX2026111800023',
    'hotline contact YX2026111800023 --unit cgj --note "已电话联系市民，约定明日上门"',
    'hotline contact YX2026111800023 --at "2026-11-24 16:10"',
  ]);
  contact.addOption(app.option('--unit <code>', 'sign.opt.unit'));
  app.action(common(app, contact), withStdin(runContact));

  const extend = app.command(program, 'extend <no|approve|deny> [no...]', 'extend.description', [
    'hotline extend YX2026111800023 --days 5 --reason "需协调供电公司迁移线路"',
    'hotline extend approve YX2026111800023',
    'hotline extend deny YX2026111800023 --reason "理由不充分"',
  ]);
  extend.addOption(app.option('--days <n>', 'extend.opt.days')).addOption(app.option('--reason <text>', 'extend.opt.reason'));
  app.action<ActOptions & { days?: string; reason?: string }>(common(app, extend), withStdin(runExtend));

  const reply = app.command(program, 'reply <no>', 'reply.description', [
    'hotline reply YX2026111800023 --content "已安排施工单位整改，夜间停止施工" --result solved --handler 李某 --signed-by 王某',
    'hotline reply YX2026111800023 --unit cgj --content "已配合执法" --result solved --handler 赵某 --signed-by 杨某某',
    'hotline reply YX2026112000005 --by-office --kb 3',
  ]);
  reply
    .addOption(app.option('--content <text>', 'reply.opt.content'))
    .addOption(app.option('--result <result>', 'reply.opt.result', { allowed: REPLY_RESULTS.join('|') }))
    .addOption(app.option('--handler <name>', 'reply.opt.handler'))
    .addOption(app.option('--signed-by <name>', 'reply.opt.signedBy'))
    .addOption(app.option('--unit <code>', 'reply.opt.unit'))
    .addOption(app.option('--by-office', 'reply.opt.byOffice'))
    .addOption(app.option('--kb <id>', 'reply.opt.kb'));
  app.action(common(app, reply), withStdin(runReply, { single: true }));

  const review = app.command(program, 'review <no>', 'review.description', ['hotline review YX2026111800023 --accept', 'hotline review YX2026111800023 --reject --reason "答复未说明整改时限"']);
  review.addOption(app.option('--accept', 'review.opt.accept')).addOption(app.option('--reject', 'review.opt.reject')).addOption(app.option('--reason <text>', 'review.opt.reason'));
  app.action(common(app, review), withStdin(runReview, { single: true }));

  const feedback = app.command(program, 'feedback <no>', 'feedback.description', ['hotline feedback YX2026111800023 --result satisfied --contacted yes --solved yes', 'hotline feedback YX2026111800023 --result unsatisfied --contacted yes --solved no --note "市民称噪音仍在"']);
  feedback
    .addOption(app.option('--result <result>', 'feedback.opt.result', { allowed: SATISFACTIONS.join('|') }))
    .addOption(app.option('--contacted <yes|no>', 'feedback.opt.contacted'))
    .addOption(app.option('--solved <yes|no>', 'feedback.opt.solved'));
  app.action(common(app, feedback), withStdin(runFeedback, { single: true }));

  const rc = app.command(program, 'request-closure <no>', 'requestClosure.description', ['hotline request-closure YX2026111800023 --reason out_of_scope --explanation "属司法诉讼事项，已告知市民通过法律途径解决"']);
  rc.addOption(app.option('--reason <reason>', 'requestClosure.opt.reason', { allowed: CLOSURE_REASONS.join('|') })).addOption(app.option('--explanation <text>', 'requestClosure.opt.explanation'));
  app.action(common(app, rc), withStdin(runRequestClosure, { single: true }));

  const closure = app.command(program, 'closure <approve|deny> <no...>', 'closure.description', ['hotline closure approve YX2026111800023', 'hotline closure deny YX2026111800023 --reason "属本单位职责"']);
  closure.addOption(app.option('--reason <text>', 'closure.opt.reason'));
  app.action(common(app, closure), withStdin(runClosure));

  const remind = app.command(program, 'remind [no...]', 'remind.description', [
    'hotline remind YX2026111800023',
    'hotline remind --due-soon --overdue',
    'hotline remind --overdue --unit cgjd',
  ]);
  remind.addOption(app.option('--due-soon', 'remind.opt.dueSoon')).addOption(app.option('--overdue', 'remind.opt.overdue')).addOption(app.option('--unit <code>', 'remind.opt.unit'));
  app.action(common(app, remind), withStdin(runRemind));

  const supervise = app.command(program, 'supervise <no...>', 'supervise.description', ['hotline supervise YX2026111800023 --level key --note "区领导批示"']);
  supervise.addOption(app.option('--level <level>', 'supervise.opt.level'));
  app.action(common(app, supervise), withStdin(runSupervise));

  const meeting = app.group(program, 'meeting', 'meeting.description', ['hotline meeting add --orders YX2026111800023,YX2026111800024 --date 2026-11-25 --decision "由区住建局牵头" --lead zjj']);
  const madd = app.command(meeting, 'add', 'meeting.add.description', [
    'hotline meeting add --orders YX2026111800023,YX2026111800024 --date 2026-11-25 --attendees "区住建局、城关街道、区城管局" --decision "由区住建局牵头，城关街道配合" --lead zjj',
  ]);
  madd
    .addOption(app.option('--orders <no,...>', 'meeting.opt.orders'))
    .addOption(app.option('--date <date>', 'meeting.opt.date'))
    .addOption(app.option('--attendees <text>', 'meeting.opt.attendees'))
    .addOption(app.option('--decision <text>', 'meeting.opt.decision'))
    .addOption(app.option('--lead <unit>', 'meeting.opt.lead'));
  app.action(common(app, madd), runMeetingAdd);
}
