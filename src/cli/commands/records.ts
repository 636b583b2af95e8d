// hotline accountability add|list, hotline theme add|list|show, hotline kb add|list|search|show:
// what the circular reports beyond the figures, on the record. Each command is one service call.
import type { Command } from 'commander';
import { accountabilityList, addAccountability, addTheme, closeTheme, MEASURES, themeList, themeShow, type AccountabilityInput, type ThemeInput } from '../../service/records.js';
import { addKb, kbList, kbSearch, kbShow, kbSuggest, type KbInput } from '../../service/kb.js';
import { dayOf } from '../../domain/time.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import { printFields, printTable } from '../output.js';

const env = async (ctx: Context) => ({ db: await ctx.db(), actor: ctx.operator, now: ctx.now() });

// ---- accountability ------------------------------------------------------------------------------

export async function runAccountabilityAdd(ctx: Context, opts: AccountabilityInput): Promise<void> {
  const a = await addAccountability(await env(ctx), opts);
  ctx.term.ok('accountability.added', { id: a.id, unit: (await accountabilityList(await ctx.db(), { unit: a.unit })).find((x) => x.id === a.id)?.unitName ?? a.unit, measure: a.measure, date: a.date });
}

interface ListOptions {
  json?: boolean;
  from?: string;
  to?: string;
  unit?: string;
}

export async function runAccountabilityList(ctx: Context, opts: ListOptions): Promise<void> {
  const rows = await accountabilityList(await ctx.db(), opts);
  if (opts.json) return ctx.term.json(rows.map(({ id, unit, unitName, measure, orders, decidedBy, date, note }) => ({ id, unit, unitName, measure, orders, decidedBy, date, note })));
  if (rows.length === 0) return ctx.term.say('accountability.none');
  printTable(
    ctx.term,
    ['records.col.id', 'circular.col.date', 'report.col.unit', 'circular.col.measure', 'circular.col.decidedBy', 'circular.col.orders'],
    rows.map((a) => [a.id, a.date, a.unitName, a.measure, a.decidedBy, a.orders.join('、')]),
  );
}

// ---- themes ----------------------------------------------------------------------------------------

export async function runThemeAdd(ctx: Context, opts: ThemeInput): Promise<void> {
  const t = await addTheme(await env(ctx), opts);
  ctx.term.ok('theme.added', { id: t.id, month: t.month, title: t.title });
}

export async function runThemeList(ctx: Context, opts: { json?: boolean }): Promise<void> {
  const rows = await themeList(await ctx.db());
  if (opts.json) return ctx.term.json(rows.map(({ id, month, title, keywords, category, lead, leadName, status }) => ({ id, month, title, keywords, category, lead, leadName, status })));
  if (rows.length === 0) return ctx.term.say('theme.none');
  printTable(
    ctx.term,
    ['records.col.id', 'theme.col.month', 'circular.col.theme', 'theme.col.keywords', 'report.col.category', 'circular.col.lead', 'theme.col.status'],
    rows.map((t) => [t.id, t.month, t.title, t.keywords.join('、'), t.category, t.leadName, ctx.term.t(`theme.status.${t.status}`)]),
  );
}

export async function runThemeShow(ctx: Context, opts: { json?: boolean }, args: string[]): Promise<void> {
  const t = await themeShow(await ctx.db(), args[0]!, ctx.now());
  if (opts.json) return ctx.term.json({ id: t.id, month: t.month, title: t.title, keywords: t.keywords, category: t.category, lead: t.lead, leadName: t.leadName, status: t.status, months: t.months });
  printFields(ctx.term, [
    ['records.col.id', t.id],
    ['theme.col.month', t.month],
    ['circular.col.theme', t.title],
    ['theme.col.keywords', t.keywords.join('、')],
    ['report.col.category', t.category],
    ['circular.col.lead', t.leadName],
    ['theme.col.status', ctx.term.t(`theme.status.${t.status}`)],
    ['theme.col.volume', t.months.map((m) => `${m.month} ${m.count}`).join('，')],
  ]);
}

// ---- knowledge base ---------------------------------------------------------------------------------

export async function runKbAdd(ctx: Context, opts: KbInput): Promise<void> {
  const e = await addKb(await env(ctx), opts);
  ctx.term.ok('kb.added', { id: e.id, title: e.title });
}

const kbRow = (e: { id: number; title: string; category: string; keywords: string[]; approvedBy: string; validUntil: string | null }) => ({
  id: e.id,
  title: e.title,
  category: e.category,
  keywords: e.keywords,
  approvedBy: e.approvedBy,
  validUntil: e.validUntil,
});

export async function runKbList(ctx: Context, opts: { json?: boolean; category?: string }): Promise<void> {
  const rows = await kbList(await ctx.db(), { category: opts.category });
  if (opts.json) return ctx.term.json(rows.map(kbRow));
  if (rows.length === 0) return ctx.term.say('kb.none');
  printTable(
    ctx.term,
    ['records.col.id', 'report.col.title', 'report.col.category', 'theme.col.keywords', 'kb.col.approvedBy', 'kb.col.validUntil'],
    rows.map((e) => [e.id, e.title, e.category, e.keywords.join('、'), e.approvedBy, e.validUntil]),
  );
}

export async function runKbSearch(ctx: Context, opts: { json?: boolean; expired?: boolean }, args: string[]): Promise<void> {
  const hits = await kbSearch(await ctx.db(), args.join(' '), { today: dayOf(ctx.now()), includeExpired: opts.expired });
  if (opts.json) return ctx.term.json(hits.map((h) => ({ ...kbRow(h.entry), score: h.score, matched: h.matched })));
  if (hits.length === 0) return ctx.term.say('kb.noMatch', { query: args.join(' ') });
  printTable(
    ctx.term,
    ['records.col.id', 'report.col.title', 'report.col.category', 'kb.col.matched', 'kb.col.score'],
    hits.map((h) => [h.entry.id, h.entry.title, h.entry.category, h.matched.join('、'), h.score]),
  );
}

export async function runKbShow(ctx: Context, opts: { json?: boolean }, args: string[]): Promise<void> {
  const e = await kbShow(await ctx.db(), args[0]!);
  if (opts.json) return ctx.term.json({ ...kbRow(e), answer: e.answer, createdAt: e.createdAt, createdBy: e.createdBy });
  printFields(ctx.term, [
    ['records.col.id', e.id],
    ['report.col.title', e.title],
    ['report.col.category', e.category],
    ['theme.col.keywords', e.keywords.join('、')],
    ['kb.col.answer', e.answer],
    ['kb.col.approvedBy', e.approvedBy],
    ['kb.col.validUntil', e.validUntil ?? ctx.term.t('kb.noExpiry')],
  ]);
}

export function register(program: Command, app: App): void {
  const acc = app.group(program, 'accountability', 'accountability.description', ['hotline accountability add --unit zjj --measure 约谈 --orders YX2026102700011 --decided-by 区政府办公室 --date 2026-11-20', 'hotline accountability list --json']);
  const accAdd = app.command(acc, 'add', 'accountability.add.description', [
    'hotline accountability add --unit zjj --measure 约谈 --orders YX2026102700011,YX2026102800003 --decided-by 区政府办公室 --date 2026-11-20',
    'hotline accountability add --unit mlz --measure 通报批评 --decided-by 区信息办 --date 2026-11-18',
  ]);
  accAdd
    .addOption(app.option('--unit <code>', 'accountability.opt.unit'))
    .addOption(app.option('--measure <measure>', 'accountability.opt.measure', { allowed: MEASURES.join('|') }))
    .addOption(app.option('--orders <no,...>', 'accountability.opt.orders'))
    .addOption(app.option('--decided-by <who>', 'accountability.opt.decidedBy'))
    .addOption(app.option('--date <date>', 'accountability.opt.date'))
    .addOption(app.option('--note <text>', 'accountability.opt.note'));
  app.action<AccountabilityInput>(accAdd, runAccountabilityAdd);
  const accList = app.command(acc, 'list', 'accountability.list.description', ['hotline accountability list', 'hotline accountability list --from 2026-11-16 --to 2026-11-23 --json']);
  accList
    .addOption(app.option('--from <date>', 'report.opt.from'))
    .addOption(app.option('--to <date>', 'report.opt.to'))
    .addOption(app.option('--unit <code>', 'accountability.opt.unit'))
    .addOption(app.jsonOption());
  app.action<ListOptions>(accList, runAccountabilityList);

  const theme = app.group(program, 'theme', 'theme.description', ['hotline theme add --month 2026-11 --title 夜间施工噪音扰民 --keywords 夜间施工,噪音 --lead zjj', 'hotline theme list']);
  const themeAdd = app.command(theme, 'add', 'theme.add.description', [
    'hotline theme add --month 2026-11 --title 夜间施工噪音扰民 --keywords 夜间施工,打桩,噪音 --lead zjj',
    'hotline theme add --month 2026-12 --title 预付卡退费难 --keywords 预付卡,退费 --category 市场监管 --lead scjgj',
  ]);
  themeAdd
    .addOption(app.option('--month <yyyy-mm>', 'theme.opt.month'))
    .addOption(app.option('--title <title>', 'theme.opt.title'))
    .addOption(app.option('--keywords <a,b,...>', 'theme.opt.keywords'))
    .addOption(app.option('--category <category>', 'theme.opt.category'))
    .addOption(app.option('--lead <code>', 'theme.opt.lead'));
  app.action<ThemeInput>(themeAdd, runThemeAdd);
  app.action(app.command(theme, 'list', 'theme.list.description', ['hotline theme list', 'hotline theme list --json']).addOption(app.jsonOption()), runThemeList);
  app.action(app.command(theme, 'close <id>', 'theme.close.description', ['hotline theme close 1']), async (ctx: Context, _opts: object, args: string[]) => {
    const t = await closeTheme(await ctx.db(), args[0]!);
    ctx.term.ok('theme.closed', { id: t.id, title: t.title });
  });
  app.action(app.command(theme, 'show <id>', 'theme.show.description', ['hotline theme show 1', 'hotline theme show 1 --json']).addOption(app.jsonOption()), runThemeShow);

  const kb = app.group(program, 'kb', 'kb.description', ['hotline kb search 社保 缴费基数', 'hotline kb list --json']);
  const kbAdd = app.command(kb, 'add', 'kb.add.description', [
    'hotline kb add --title 灵活就业人员社保缴费基数 --category 人社 --keywords 社保,缴费基数,灵活就业 --answer "灵活就业人员可在……" --approved-by 区人社局 --valid-until 2026-12-31',
  ]);
  kbAdd
    .addOption(app.option('--title <title>', 'kb.opt.title'))
    .addOption(app.option('--category <category>', 'kb.opt.category'))
    .addOption(app.option('--keywords <a,b,...>', 'kb.opt.keywords'))
    .addOption(app.option('--answer <text>', 'kb.opt.answer'))
    .addOption(app.option('--approved-by <who>', 'kb.opt.approvedBy'))
    .addOption(app.option('--valid-until <date>', 'kb.opt.validUntil'));
  app.action<KbInput>(kbAdd, runKbAdd);
  const kbListCmd = app.command(kb, 'list', 'kb.list.description', ['hotline kb list', 'hotline kb list --category 人社 --json']);
  kbListCmd.addOption(app.option('--category <category>', 'kb.opt.category')).addOption(app.jsonOption());
  app.action(kbListCmd, runKbList);
  const kbSearchCmd = app.command(kb, 'search <words...>', 'kb.search.description', ['hotline kb search 灵活就业 社保怎么交', 'hotline kb search 低保 --json']);
  kbSearchCmd.addOption(app.option('--expired', 'kb.opt.expired')).addOption(app.jsonOption());
  app.action(kbSearchCmd, runKbSearch);
  app.action(app.command(kb, 'show <id>', 'kb.show.description', ['hotline kb show 1', 'hotline kb show 1 --json']).addOption(app.jsonOption()), runKbShow);
}

/** On a terminal, before the clerk types a reply: the knowledge base's entries matching the order. */
export async function suggestKbAnswers(ctx: Context, no: string): Promise<void> {
  const hits = await kbSuggest(await ctx.db(), no, dayOf(ctx.now()));
  if (hits.length === 0) return;
  ctx.term.say('kb.suggest', { no });
  for (const h of hits) ctx.term.say('kb.suggestItem', { id: h.entry.id, title: h.entry.title, answer: h.entry.answer });
}
