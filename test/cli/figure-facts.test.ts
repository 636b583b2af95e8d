// Reports as of now sum the period's figure facts (store/report-facts.ts, figures/collect-facts.ts)
// instead of replaying every log (figures/collect.ts). The two must give the same reports, figure
// for figure and row for row: here on a generated two-year history (bench/make-db.mjs, every order
// made by the real state machine), over days, weeks and months, old and recent, for the circular,
// the assessment, the daily report and the overdue watch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM bench tools, no types
import { buildDb, NOW } from '../../bench/make-db.mjs';
import { WorkCalendar } from '../../src/domain/calendar.js';
import { assessOf, circularOf, dailyReportOf, type FigureSource } from '../../src/domain/figures.js';
import { officialCalendar } from '../../src/domain/holidays.js';
import { watchHorizon } from '../../src/domain/due.js';
import { sameDayLimitTexts } from '../../src/domain/figures/collect.js';
import { listedOverdue } from '../../src/domain/figures/collect-facts.js';
import { overdueRows, overdueRowsFromColumns } from '../../src/domain/overdue.js';
import { buildSettings, type Settings } from '../../src/domain/settings.js';
import { addDays, atBeijing, formatTime, type Day } from '../../src/domain/time.js';
import { officeCalendar, settingOverrides } from '../../src/store/config.js';
import { openStore, type Store } from '../../src/store/db.js';
import { listUnits } from '../../src/store/directory.js';
import { nothingAfter, periodFacts } from '../../src/store/report-facts.js';
import { overdueInputs, periodInputs, runningOrders } from '../../src/store/reports.js';

let dir: string;
let store: Store;
let settings: Settings;
let cal: WorkCalendar;
const now = new Date(NOW);
const at = (d: Day) => formatTime(atBeijing(d));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-facts-'));
  const file = path.join(dir, 'facts.db');
  await buildDb({ orders: 4000, file, seed: 7 });
  store = await openStore(file);
  settings = buildSettings(await settingOverrides(store.db));
  cal = new WorkCalendar(officialCalendar(), await officeCalendar(store.db));
}, 180_000);

afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function sources(prevFrom: Day, from: Day, to: Day, asOf: Date, allLabels = false): Promise<[FigureSource, FigureSource]> {
  const facts = periodFacts(store.db, {
    prevFrom: at(prevFrom),
    from: at(from),
    to: at(to),
    asOfCeil: formatTime(asOf),
    allLabels,
    dueBefore: formatTime(watchHorizon(asOf, cal)),
    days: sameDayLimitTexts(from, to, settings, cal),
    // As the service asks for the circular (the labels of the overdue orders its lists show).
    listed: (running) => listedOverdue(running, asOf.getTime()),
  });
  const replayed = await periodInputs(store.db, { prevFrom: at(prevFrom), from: at(from), asOf: formatTime(asOf), replayAll: true });
  return [{ facts }, replayed];
}

// Periods: the bench's week and month, the week the history ends in (open work in every status),
// the first days of the history, a National Day week, a whole year, and a day with nothing in it.
const WEEKS: [Day, Day][] = [
  ['2026-11-09', '2026-11-16'],
  ['2026-11-16', '2026-11-23'],
  ['2026-09-28', '2026-10-09'],
  ['2024-11-25', '2024-12-02'],
];
const MONTHS: [Day, Day][] = [
  ['2026-10-01', '2026-11-01'],
  ['2025-01-01', '2026-01-01'],
  ['2026-11-01', '2026-12-01'],
];
// The last 40 days of the history (new work, late signs, open orders), and three more.
const DAYS: Day[] = [...Array.from({ length: 40 }, (_, i) => addDays('2026-11-20', -i)), '2025-06-30', '2024-11-21', '2030-01-01'];

describe('figure facts give the reports a replay of every log gives', () => {
  it('nothing in the generated history happened after its NOW, one second after it either', () => {
    expect(nothingAfter(store.db, formatTime(now))).toBe(true);
    expect(nothingAfter(store.db, formatTime(new Date(now.getTime() - 24 * 3600_000)))).toBe(false);
  });

  it('the circular, week by week', async () => {
    const units = await listUnits(store.db);
    for (const [from, to] of WEEKS) {
      const prevFrom = addDays(from, -(Date.parse(to) - Date.parse(from)) / 86_400_000);
      const [facts, replayed] = await sources(prevFrom, from, to, now);
      const a = circularOf({ from, to, asOf: now }, facts, units, settings, cal);
      const b = circularOf({ from, to, asOf: now }, replayed, units, settings, cal);
      expect(a, `${from}–${to}`).toEqual(b);
    }
  });

  it('the circular of the bench week counts something in every figure family (the comparison is not of empty reports)', async () => {
    const units = await listUnits(store.db);
    const [facts] = await sources('2026-11-02', '2026-11-09', '2026-11-16', now);
    const r = circularOf({ from: '2026-11-09', to: '2026-11-16', asOf: now }, facts, units, settings, cal);
    expect(r.totals.received).toBeGreaterThan(0);
    expect(r.totals.signedInTime.den).toBeGreaterThan(0);
    expect(r.totals.onTime.den).toBeGreaterThan(0);
    expect(r.totals.callbacks).toBeGreaterThan(0);
    expect(r.totals.returnsRequested).toBeGreaterThan(0);
    expect(r.totals.overdue).toBeGreaterThan(0);
  });

  it('the assessment, month by month and over a year', async () => {
    const units = await listUnits(store.db);
    for (const [from, to] of [...MONTHS, ...WEEKS]) {
      const [facts, replayed] = await sources(from, from, to, now);
      expect(assessOf({ from, to, asOf: now }, facts, units, settings, cal), `${from}–${to}`).toEqual(assessOf({ from, to, asOf: now }, replayed, units, settings, cal));
    }
  });

  it('the daily report, day by day', async () => {
    const units = await listUnits(store.db);
    let late = 0;
    for (const day of DAYS) {
      // As of NOW (a past day's own end has events after it: that report replays).
      const [facts, replayed] = await sources(day, day, addDays(day, 1), now, true);
      const a = dailyReportOf({ day, asOf: now }, facts, units, settings, cal);
      expect(a, day).toEqual(dailyReportOf({ day, asOf: now }, replayed, units, settings, cal));
      late += a.units.reduce((n, u) => n + u.signedLate, 0);
    }
    expect(late, 'some sign was late on one of the days').toBeGreaterThan(0);
  });

  it('as of a past time: orders with no event after it are taken at their stored state, the others replayed; the same reports as replaying all', async () => {
    const units = await listUnits(store.db);
    for (const asOfText of ['2026-11-16T00:00:00+08:00', '2026-11-18T12:30:00+08:00', '2026-10-31T23:59:59+08:00']) {
      const asOf = new Date(asOfText);
      for (const [from, to] of [['2026-11-09', '2026-11-16'], ['2026-10-01', '2026-11-01']] as [Day, Day][]) {
        const q = { prevFrom: at(addDays(from, -7)), from: at(from), asOf: formatTime(asOf) };
        const stored = await periodInputs(store.db, q);
        const replayed = await periodInputs(store.db, { ...q, replayAll: true });
        // Most orders come without their log: the point of it.
        expect(stored.events.size).toBeLessThan(replayed.events.size);
        expect(stored.orders.filter((o) => o.state).length).toBeGreaterThan(0);
        expect(circularOf({ from, to, asOf }, stored, units, settings, cal), `${from} as of ${asOfText}`).toEqual(circularOf({ from, to, asOf }, replayed, units, settings, cal));
      }
      const o1 = await overdueInputs(store.db, { asOf: formatTime(asOf) });
      const o2 = await overdueInputs(store.db, { asOf: formatTime(asOf), replayAll: true });
      expect(overdueRows(o1.orders, o1.events, asOf, settings, cal, units)).toEqual(overdueRows(o2.orders, o2.events, asOf, settings, cal, units));
    }
  });

  it('the overdue watch, all levels and one unit', async () => {
    const units = await listUnits(store.db);
    const { orders, events } = await overdueInputs(store.db, { asOf: formatTime(now), replayAll: true });
    const running = await runningOrders(store.db, formatTime(watchHorizon(now, cal)));
    expect(running.length, 'the horizon leaves orders out').toBeLessThan((await runningOrders(store.db)).length);
    const replayed = overdueRows(orders, events, now, settings, cal, units);
    expect(replayed.length).toBeGreaterThan(0);
    expect(overdueRowsFromColumns(running, now, settings, cal, units)).toEqual(replayed);
    const unit = replayed[0]!.leadUnit!;
    expect(overdueRowsFromColumns(running, now, settings, cal, units, { unit, dueSoon: false })).toEqual(
      overdueRows(orders, events, now, settings, cal, units, { unit, dueSoon: false }),
    );
  });
});
