// `hotline dispatch` with no numbers on a terminal: the pending orders one at a time, the
// suggestion pre-selected. Enter accepts it, c opens the unit picker, s skips, q stops. Each
// order is dispatched in its own transaction; a summary at the end.
import { maskPersonal } from '../domain/privacy.js';
import { formatTimeShort, HOUR_MS } from '../domain/time.js';
import { isRefusal } from '../domain/errors.js';
import { dispatchOne, dispatchQueue, type QueueItem } from '../service/queue.js';
import type { Context } from './context.js';
import { keyPrompt } from './key-prompt.js';
import { isPromptCancel, promptIO } from './terminal.js';
import { askUnit, loadPickableUnits } from './unit-picker.js';

/** Time left to the deadline, in the clerk's words (real time: hours, then days). */
function timeLeft(t: Context['term'], dueAt: string, now: Date): string {
  const ms = Date.parse(dueAt) - now.getTime();
  const hours = Math.floor(Math.abs(ms) / HOUR_MS);
  const span = hours < 48 ? t.t('terminal.queue.hours', { n: Math.max(hours, 0) }) : t.t('terminal.queue.days', { n: Math.floor(hours / 24) });
  return ms < 0 ? t.chalk.red(t.t('terminal.queue.overdueBy', { span })) : t.t('terminal.queue.left', { span });
}

function firstLine(s: string | null | undefined, n = 60): string {
  const line = (s ?? '').split(/\r?\n/).find((l) => l.trim()) ?? '';
  const chars = [...line.trim()];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
}

/** 0, or 130 when Ctrl-C stopped it (what was dispatched before stays dispatched: the summary says so). */
export async function runQueue(ctx: Context, note: string | null): Promise<number> {
  const t = ctx.term;
  const err = (s: string) => void t.streams.stderr.write(`${s}\n`);
  const queue = await dispatchQueue(await ctx.db());
  if (queue.length === 0) {
    t.ok('terminal.queue.empty');
    return 0;
  }
  const units = await loadPickableUnits(ctx);
  const names = new Map(units.map((u) => [u.code, u.name]));
  const unitLabel = (code: string) => `${names.get(code) ?? code} (${code})`;
  const done = { dispatched: 0, skipped: 0, failed: 0 };
  let stopped = false;
  let cancelled = false;
  err(t.t('terminal.queue.intro', { count: queue.length }));
  for (const [i, item] of queue.entries()) {
    showOrder(ctx, item, i, queue.length, unitLabel);
    let unit: string | null = null;
    try {
      const s = item.suggestion;
      const answer = await keyPrompt(
        {
          message: s ? t.t('terminal.queue.keys', { unit: unitLabel(s.unit) }) : t.t('terminal.queue.keysNoSuggestion'),
          enter: s ? 'accept' : 'change',
          keys: { c: 'change', s: 'skip', q: 'quit' },
          label: (a) => t.t(`terminal.queue.answer.${a}`),
        },
        promptIO(t), // a fresh stream per prompt: inquirer ends it when the prompt closes
      );
      if (answer === 'quit') {
        stopped = true;
        break;
      }
      if (answer === 'skip') {
        done.skipped++;
        continue;
      }
      unit = answer === 'accept' ? s!.unit : await askUnit(ctx, { flag: '--to', suggested: s?.unit ?? item.candidates[0], units });
    } catch (e) {
      if (isPromptCancel(e)) {
        stopped = true;
        cancelled = true;
        break;
      }
      throw e;
    }
    try {
      await dispatchOne(await ctx.actContext(), item.order.no, unit, note);
      done.dispatched++;
      t.ok('terminal.queue.sent', { no: item.order.no, unit: unitLabel(unit) });
    } catch (e) {
      if (!isRefusal(e)) throw e;
      done.failed++;
      t.error(t.t(e.code, { ...e.params }));
    }
  }
  const left = queue.length - done.dispatched - done.skipped - done.failed;
  t.ok(stopped ? 'terminal.queue.summaryStopped' : 'terminal.queue.summary', { ...done, left });
  return cancelled ? 130 : 0;
}

function showOrder(ctx: Context, item: QueueItem, i: number, total: number, unitLabel: (c: string) => string): void {
  const t = ctx.term;
  const o = item.order;
  const lines = [
    '',
    `${t.chalk.bold(`[${i + 1}/${total}] ${o.no}`)}  ${t.chalk.dim(t.t('terminal.queue.received', { at: formatTimeShort(o.receivedAt) }))}  ${[o.type, o.urgency !== '一般' ? o.urgency : '', o.category, o.town].filter(Boolean).join(' · ')}`,
    `  ${t.chalk.bold(maskPersonal(o.title ?? '') ?? '')}`,
  ];
  // The queue is a list: a phone or ID number in the text is masked (`show` has it in full).
  const content = firstLine(maskPersonal(o.content ?? null));
  if (content) lines.push(`  ${t.chalk.dim(content)}`);
  if (o.repeatOf) lines.push(`  ${t.chalk.yellow(t.t('terminal.queue.repeat', { no: o.repeatOf }))}`);
  lines.push(`  ${t.t('terminal.queue.due', { due: formatTimeShort(o.dueAt), left: timeLeft(t, o.dueAt, ctx.now()) })}`);
  const s = item.suggestion;
  if (s) lines.push(`  ${t.t(`terminal.queue.suggest.${s.source}`, { unit: unitLabel(s.unit), id: s.ruleId ?? '', count: s.count ?? 0 })}`);
  if (item.candidates.length > 1) lines.push(`  ${t.t('terminal.queue.candidates', { units: item.candidates.map(unitLabel).join('、') })}`);
  t.streams.stderr.write(`${lines.join('\n')}\n`);
}
