// hotline add: register one order by hand (flags, or prompts for what is missing on a terminal).
import type { Command } from 'commander';
import { cityDeadlineFromInput } from '../../domain/deadlines.js';
import { Refusal } from '../../domain/errors.js';
import { checkOrderNo, checkReceivedAt } from '../../domain/intake.js';
import { ORDER_TYPES, URGENCIES, parseOrderType, parseUrgency, type OrderInput } from '../../domain/order.js';
import { formatTime, formatTimeShort, parseTime } from '../../domain/time.js';
import { listCategories, townNames } from '../../store/directory.js';
import { addOrder } from '../../service/register.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import { ask } from '../terminal.js';

export interface AddOptions {
  no?: string;
  receivedAt?: string;
  type?: string;
  category?: string;
  urgency?: string;
  town?: string;
  title?: string;
  content?: string;
  citizen?: string;
  phone?: string;
  address?: string;
  deadline?: string;
  channel?: string;
  instructions?: string;
  json?: boolean;
}

export async function runAdd(ctx: Context, opts: AddOptions): Promise<void> {
  const t = ctx.term;
  const db = await ctx.db();
  const rawNo = (opts.no ?? (await ask(t, { key: 'prompt.no', flag: '--no' }))).trim();
  if (!rawNo) throw new Refusal('add.noRequired');
  // The same rule as import's (domain/intake.ts).
  const noCheck = checkOrderNo(rawNo);
  if (!noCheck.ok) throw new Refusal(noCheck.problem.code, noCheck.problem.params);
  const no = noCheck.no;
  const receivedRaw = opts.receivedAt ?? (await ask(t, { key: 'prompt.receivedAt', flag: '--received-at', default: formatTimeShort(ctx.now()), validate: (v) => (parseTime(v) ? null : 'time.bad') }));
  const received = parseTime(receivedRaw);
  if (!received) throw new Refusal('time.bad', { value: receivedRaw });
  const receivedProblem = checkReceivedAt(received, ctx.now());
  if (receivedProblem) throw new Refusal(receivedProblem.code, { ...receivedProblem.params, value: receivedRaw });
  const typeRaw = opts.type ?? (await ask(t, { key: 'prompt.type', flag: '--type', choices: ORDER_TYPES.map((v) => ({ value: v, label: v })) }));
  const type = parseOrderType(typeRaw);
  if (!type) throw new Refusal('add.badType', { value: typeRaw, allowed: ORDER_TYPES.join('、') });
  const urgency = parseUrgency(opts.urgency ?? (t.interactive ? await ask(t, { key: 'prompt.urgency', flag: '--urgency', choices: [...URGENCIES].reverse().map((v) => ({ value: v, label: v })) }) : ''));
  if (!urgency) throw new Refusal('add.badUrgency', { value: opts.urgency ?? '', allowed: URGENCIES.join('、') });
  const categories = await listCategories(db);
  const category = opts.category ?? (!t.interactive ? '' : await ask(t, { key: 'prompt.category', flag: '--category', choices: categories.map((c) => ({ value: c.name, label: c.name })) }));
  const towns = await townNames(db);
  const town = opts.town ?? (!t.interactive ? '' : await ask(t, { key: 'prompt.town', flag: '--town', choices: [...towns.keys()].map((n) => ({ value: n, label: n })) }));
  const title = opts.title ?? (!t.interactive && opts.content ? '' : await ask(t, { key: 'prompt.title', flag: '--title' }));
  const content = opts.content ?? (!t.interactive ? '' : await ask(t, { key: 'prompt.content', flag: '--content', optional: true }));
  let deadline: string | null = null;
  if (opts.deadline) {
    const d = cityDeadlineFromInput(opts.deadline, await ctx.settings());
    if (!d) throw new Refusal('time.bad', { value: opts.deadline });
    deadline = formatTime(d);
  }
  if (!title.trim() && !content.trim()) throw new Refusal('add.titleOrContent');
  const input: OrderInput = {
    no,
    receivedAt: formatTime(received),
    type,
    urgency,
    category: category || null,
    town: town || null,
    title: title || null,
    content: content || null,
    citizen: opts.citizen ?? null,
    phone: opts.phone ?? null,
    address: opts.address ?? null,
    channel: opts.channel ?? 'manual',
    deadline,
    instructions: opts.instructions ?? null,
  };
  const { outcome, unknownTown, unknownCategory } = await addOrder(db, input, { settings: await ctx.settings(), calendar: await ctx.calendar(), actor: ctx.operator, now: ctx.now() });
  if (unknownTown) t.warn('add.unknownTown', { town: input.town! });
  if (unknownCategory) t.warn('add.unknownCategory', { category: input.category! });
  if (opts.json) return t.json({ no, status: 'pending', dueAt: outcome.dueAt, repeatOf: outcome.repeatOf });
  t.ok('add.done', { no, due: formatTimeShort(outcome.dueAt) });
  if (outcome.repeatOf) t.warn('add.repeat', { no, of: outcome.repeatOf });
}

export function register(program: Command, app: App): void {
  const add = app.command(program, 'add', 'add.description', [
    'hotline add   (在终端上逐项提问)',
    'hotline add --no YX2026112400001 --received-at "2026-11-20 09:05" --type 投诉 --category 城乡建设 --town 城关街道 --title "夜间施工噪音扰民" --content "某工地每晚施工到凌晨" --phone 13812341234',
  ]);
  add
    .addOption(app.option('--no <no>', 'add.opt.no'))
    .addOption(app.option('--received-at <time>', 'add.opt.receivedAt'))
    .addOption(app.option('--type <type>', 'add.opt.type', { allowed: ORDER_TYPES.join('|') }))
    .addOption(app.option('--category <name>', 'add.opt.category'))
    .addOption(app.option('--urgency <urgency>', 'add.opt.urgency', { allowed: URGENCIES.join('|') }))
    .addOption(app.option('--town <name>', 'add.opt.town'))
    .addOption(app.option('--title <text>', 'add.opt.title'))
    .addOption(app.option('--content <text>', 'add.opt.content'))
    .addOption(app.option('--citizen <name>', 'add.opt.citizen'))
    .addOption(app.option('--phone <phone>', 'add.opt.phone'))
    .addOption(app.option('--address <text>', 'add.opt.address'))
    .addOption(app.option('--deadline <time>', 'add.opt.deadline'))
    .addOption(app.option('--channel <text>', 'add.opt.channel'))
    .addOption(app.option('--instructions <text>', 'add.opt.instructions'))
    .addOption(app.jsonOption());
  app.action<AddOptions>(add, runAdd);
}
