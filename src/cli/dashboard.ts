// `hotline` with no command on a terminal: the day's dashboard, each line with the next command.
import fs from 'node:fs';
import { formatTime, formatTimeShort } from '../domain/time.js';
import { dashboard, type DashboardRow } from '../service/dashboard.js';
import { Context } from './context.js';
import { printTable } from './output.js';
import type { Terminal } from './terminal.js';

/** The next command for a line: with the order's number when there is just one. */
function next(row: DashboardRow): string {
  const one = row.count === 1 ? row.sample[0]! : '<no>';
  switch (row.key) {
    case 'pending':
      return 'hotline dispatch';
    case 'replied':
      return `hotline review ${one}`;
    case 'answered':
      return `hotline feedback ${one}`;
    case 'closure_requested':
      return `hotline closure approve|deny ${one}`;
    case 'return_requested':
      return `hotline return approve|deny ${one}`;
    case 'extension':
      return `hotline extend approve|deny ${one}`;
    case 'due_soon':
      return 'hotline overdue --level due_soon';
    case 'overdue':
      return 'hotline overdue';
  }
}

/** False when there is no database yet (then the caller shows the help: `init` first). */
export async function showDashboard(term: Terminal): Promise<boolean> {
  const ctx = new Context(term, {});
  try {
    if (!fs.existsSync(ctx.dbPath)) return false;
    const now = ctx.now();
    const rows = await dashboard({ db: await ctx.db(), settings: await ctx.settings(), calendar: await ctx.calendar(), now });
    term.out(term.chalk.bold(term.t('terminal.dashboard.title', { now: formatTimeShort(formatTime(now)) })));
    printTable(
      term,
      ['terminal.dashboard.col.what', 'terminal.dashboard.col.count', 'terminal.dashboard.col.orders', 'terminal.dashboard.col.next'],
      rows.map((r) => {
        const urgent = r.count > 0 && (r.key === 'overdue' || r.key === 'pending');
        const count = r.count === 0 ? term.chalk.dim('0') : urgent ? term.chalk.red(String(r.count)) : String(r.count);
        return [term.t(`terminal.dashboard.${r.key}`), count, r.sample.join(' ') + (r.count > r.sample.length ? ' …' : ''), r.count ? next(r) : ''];
      }),
    );
    term.say('terminal.dashboard.help');
    return true;
  } finally {
    await ctx.close();
  }
}
