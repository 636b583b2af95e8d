// One overdue rule (domain/due.ts), four places that show it: `show --json` (overdue), `list
// --overdue`, `overdue` and the circular's overdue list name the same orders at any as-of time,
// whatever the machine's time zone. A month of orders with deadlines set to the second around the
// as-of instants, including orders overdue by less than 8 hours (the old UTC-vs-+08:00 text
// comparison missed them) and one due exactly at an as-of instant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, ok, sandbox, type Sandbox } from './helpers.js';

let sb: Sandbox;
const NOS: string[] = [];
const originalTZ = process.env.TZ;

/** Deadlines given by the city (办理时限), to the second, Beijing time. */
const EDGES: [string, string][] = [
  ['E-0930', '2026-11-25 09:30:00'], // 30 minutes overdue at 10:00
  ['E-0959', '2026-11-25 09:59:59'], // 1 second overdue at 10:00
  ['E-1000', '2026-11-25 10:00:00'], // due exactly at 10:00: not overdue at 10:00, overdue at 10:00:01
  ['E-1001', '2026-11-25 10:00:01'],
  ['E-0200', '2026-11-25 02:00:00'], // 8 hours overdue at 10:00
  ['E-0201', '2026-11-25 02:00:01'], // 7:59:59 overdue
  ['E-1759', '2026-11-24 17:59:59'], // the evening before
];

beforeAll(async () => {
  sb = await sandbox({ now: '2026-11-26 12:00' });
  // A month of ordinary orders: one a day, deadlines 3 days after receipt at various hours.
  for (let d = 1; d <= 28; d++) {
    const day = `2026-11-${String(d).padStart(2, '0')}`;
    const no = `M-${String(d).padStart(2, '0')}`;
    const h = String((d * 7) % 24).padStart(2, '0');
    const due = `2026-${d + 3 > 30 ? '12' : '11'}-${String(d + 3 > 30 ? d + 3 - 30 : d + 3).padStart(2, '0')} ${h}:${String((d * 13) % 60).padStart(2, '0')}:00`;
    await ok(sb, ['add', '--no', no, '--received-at', `${day} 08:00`, '--type', '求助', '--title', `工单${no}`, '--deadline', due], { env: { HOTLINE_NOW: '2026-11-30 23:00' } });
    NOS.push(no);
  }
  for (const [no, due] of EDGES) {
    await ok(sb, ['add', '--no', no, '--received-at', '2026-11-20 08:00', '--type', '求助', '--title', `边界${no}`, '--deadline', due], { env: { HOTLINE_NOW: '2026-11-30 23:00' } });
    NOS.push(no);
  }
  // Some clocks stop (a reply submitted), some keep running in every status the watch covers.
  const env = { HOTLINE_NOW: '2026-11-30 23:00' };
  await ok(sb, ['dispatch', 'M-05', 'M-06', 'M-07', 'E-0930', '--to', 'cgjd', '--at', '2026-11-20 09:00'], { env });
  await ok(sb, ['sign', 'M-05', 'M-06', 'E-0930', '--at', '2026-11-20 10:00'], { env });
  await ok(sb, ['reply', 'M-05', '--content', '已办', '--result', 'solved', '--handler', '李某', '--signed-by', '王某', '--at', '2026-11-21 10:00'], { env });
  await ok(sb, ['return', 'M-07', '--reason', '非本单位职责', '--at', '2026-11-20 11:00'], { env }); // return_requested: clock runs
});

afterAll(() => {
  if (originalTZ === undefined) delete process.env.TZ;
  else process.env.TZ = originalTZ;
});

async function fourViews(now: string): Promise<Record<string, string[]>> {
  const env = { HOTLINE_NOW: now };
  const shown: string[] = [];
  for (const no of NOS) if ((await json<{ overdue: boolean }>(sb, ['show', no], { env })).overdue) shown.push(no);
  const listed = (await json<{ no: string }[]>(sb, ['list', '--overdue'], { env })).map((o) => o.no);
  const watch = (await json<{ no: string; level: string }[]>(sb, ['overdue'], { env })).filter((r) => r.level !== 'due_soon').map((r) => r.no);
  const c = await json<{ overdueOrders: { total: number; rows: { no: string }[] } }>(sb, ['report', 'circular', '--from', '2026-11-01', '--to', '2026-12-01'], { env });
  expect(c.overdueOrders.total).toBe(c.overdueOrders.rows.length);
  const sort = (xs: string[]) => [...xs].sort();
  return { show: sort(shown), list: sort(listed), overdue: sort(watch), circular: sort(c.overdueOrders.rows.map((r) => r.no)) };
}

describe.each(['UTC', 'Asia/Shanghai', 'America/Los_Angeles'])('under TZ=%s', (tz) => {
  beforeAll(() => {
    process.env.TZ = tz;
  });

  it.each([
    // as of 10:00:00: E-0930 is replied? no — signed, clock runs; E-1000 due this very second is not overdue
    ['2026-11-25 10:00:00', ['E-0930', 'E-0959', 'E-0200', 'E-0201', 'E-1759']],
    ['2026-11-25 10:00:01', ['E-0930', 'E-0959', 'E-1000', 'E-0200', 'E-0201', 'E-1759']],
    ['2026-11-25 09:59:59', ['E-0930', 'E-0200', 'E-0201', 'E-1759']],
    ['2026-11-25 02:00:00', ['E-1759']],
    ['2026-11-25 02:00:01', ['E-0200', 'E-1759']],
  ])('as of %s the four views agree', async (now, edges) => {
    const v = await fourViews(now);
    expect(v.list).toEqual(v.show);
    expect(v.overdue).toEqual(v.show);
    expect(v.circular).toEqual(v.show);
    // the edge orders by hand (the month's ordinary orders are checked by agreement above)
    expect(v.show.filter((no) => no.startsWith('E-'))).toEqual([...edges].sort());
    // M-05 replied on 11-21 (clock stopped) is never overdue; M-07 awaiting return review still is when due
    expect(v.show).not.toContain('M-05');
  });
});
