// Build a big hotline database fast, for the report benchmark:
//   node bench/make-db.mjs <orders> <file> [seed]
//
// `hotline init --db <file>` creates the schema (migrations, units, categories) first; then the
// orders and their whole event logs are written straight into the SQLite file with
// better-sqlite3 (going through the CLI for millions of lifecycle steps would take hours).
// Every order's log is made by the real state machine (dist/domain/lifecycle.js `apply`), so the
// `state` column is a valid OrderState and replaying the events gives it back.
//
// The shape: orders received over the two years before NOW (2026-11-20 17:00 Beijing), fewer on
// non-working days; contents from data/samples/generate.mjs; the life of each order simulated up to
// NOW: dispatch (mostly same day), sign (some late), returns and re-dispatch, extensions, replies
// (some late), review (some rejected), feedback (some unsatisfied → rework), closure requests,
// reminders and supervision. Old orders are closed except for a few stuck ones (never signed,
// never answered, never evaluated) that keep the overdue watch and the open-order set realistic;
// the last weeks hold the open work in every status. Events are written in the order they
// happened (ids rise with time, as in a real log), orders in the order they were received. Each
// order's figure_facts rows are those of its final state (dist/domain/figures/facts.js
// `figureFacts`, labelled with its category and town), as hotline writes them with every change;
// each event carries its link in the hash chain. `hotline check` passes on the result.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { generateRows, prng } from '../data/samples/generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(path.join(ROOT, 'dist', p));

/** "Now" of the benchmark database: every command is run with HOTLINE_NOW set to it. */
export const NOW = '2026-11-20T17:00:00+08:00';
export const NOW_DAY = '2026-11-20';
/** Days of history before NOW_DAY (two years). */
export const SPAN_DAYS = 730;

/** Probabilities of the simulated life (per order, or per step where said). */
export const MIX = {
  repeat: 0.04, // linked to a recent order (repeatOf)
  coUnit: 0.05, // dispatched with one co-unit
  returned: 0.04, // the first unit returns it (then re-dispatched)
  returnedTwice: 0.12, // of the returned ones: the second unit returns it too (推诿 candidate)
  signLate: 0.06,
  extension: 0.03, // asks for an extension (approved 80 %)
  closure: 0.02, // asks to close instead of replying (approved 90 %)
  replyLate: 0.08,
  reviewReject: 0.05,
  unsatisfied: 0.07,
  basic: 0.13,
  remind: 0.06, // a reminder before the reply
  supervise: 0.01, // × 15 of the replies more than a day late: formal supervision
  // stuck for good (old open orders: the overdue watch's serious cases)
  stuckPending: 0.0003,
  stuckDispatched: 0.0005,
  stuckHandling: 0.0015,
  noFeedback: 0.02, // answered, the citizen never evaluated it (stays open)
};

const MIN = 60_000;
const HOUR = 60 * MIN;

function isoOf(ms) {
  // Beijing wall clock: UTC+8, no DST since 1991.
  return `${new Date(ms + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;
}
function dayMs(day) {
  return Date.parse(`${day}T00:00:00+08:00`);
}
function addDay(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Which unit handles an order: the category's department, else the town (utilities by matter). */
function router(units, categories) {
  const byTownName = new Map(units.filter((u) => u.kind === 'town').map((u) => [u.name, u.code]));
  const dept = new Map(categories.map((c) => [c.name, c.department]));
  const towns = [...byTownName.values()];
  const communities = units.filter((u) => u.kind === 'community').map((u) => u.code);
  const departments = units.filter((u) => u.kind === 'department').map((u) => u.code);
  return (o, rand) => {
    const town = byTownName.get(o.town);
    if (o.category === '水电气暖') {
      if (/电/.test(o.title)) return 'gdgs';
      if (/燃气/.test(o.title)) return 'rqgs';
      return 'zlsgs';
    }
    const d = dept.get(o.category);
    if (d && (!town || rand() < 0.55)) return d;
    if (o.category === '城市管理' && (!town || rand() < 0.3)) return 'cgj';
    if (town && rand() < 0.04) {
      const c = communities.filter((x) => x.startsWith(`${town}-`));
      if (c.length > 0) return c[Math.floor(rand() * c.length)];
    }
    return town ?? departments[Math.floor(rand() * departments.length)];
  };
}

/** n orders over the days before NOW, weighted (working day 1, other days 0.45); sums to n. */
function perDay(n, cal) {
  const days = [];
  for (let i = SPAN_DAYS - 1; i >= 0; i--) {
    const d = addDay(NOW_DAY, -i);
    // NOW_DAY ends at 17:00: about 70 % of a day's orders have come in by then.
    days.push([d, (cal.isWorkday(d) ? 1 : 0.45) * (d === NOW_DAY ? 0.7 : 1)]);
  }
  const total = days.reduce((s, [, w]) => s + w, 0);
  let left = n;
  const out = days.map(([d, w]) => {
    const c = Math.floor((n * w) / total);
    left -= c;
    return [d, c];
  });
  for (let i = out.length - 1; left > 0; i = (i - 1 + out.length) % out.length, left--) out[i][1]++;
  return out;
}

/** Seconds after midnight: mostly office hours, some evenings, a few at night; on NOW_DAY before 17:00. */
function secondsOfDay(rand, last) {
  for (;;) {
    const r = rand();
    const h = r < 0.86 ? 8 + rand() * 10 : r < 0.96 ? 18 + rand() * 5 : (23 + rand() * 9) % 24;
    const s = Math.floor(h * 3600);
    if (!last || s < 17 * 3600) return s;
  }
}

/** The columns of figure_facts in the order of the insert statement below (figureFacts' fields after order_no). */
const FACT_COLUMNS = ['kind', 'seq', ...(await dist('domain/figures/facts.js')).FACT_VALUE_COLUMNS];

/**
 * The simulation (run in a worker thread so it overlaps the SQLite writes on the main thread):
 * calls `emit(day, orderRows, eventRows, factRows)` once per day received, in order of days. Rows
 * are arrays in the column order of the insert statements below.
 */
export async function simulateOrders({ n, seed, units, categories }, emit) {
  const { apply } = await dist('domain/lifecycle.js');
  const { figureFacts } = await dist('domain/figures/facts.js');
  const { WorkCalendar } = await dist('domain/calendar.js');
  const { officialCalendar } = await dist('domain/holidays.js');
  const { buildSettings } = await dist('domain/settings.js');
  const { sourceHash } = await dist('service/register.js');
  const { normalizePhone } = await dist('domain/privacy.js');
  const settings = buildSettings();
  const cal = new WorkCalendar(officialCalendar());
  const route = router(units, categories);
  // The directory as the state machine knows it (no signers registered: not checked).
  const unitRefs = new Map(units.map((u) => [u.code, { kind: u.kind, parent: u.parent ?? null, signers: [] }]));
  const rand = prng(seed ^ 0x5bd1e995);
  const nowMs = Date.parse(NOW);
  const content = generateRows(n, seed);
  const recent = [];
  const stats = { orders: 0, events: 0, refusals: 0, refused: {}, status: {} };
  const actors = ['王敏', '李静', '张伟', '刘洋'];

  const simulate = (input, seq) => {
    const events = [];
    let state = null;
    let t = Date.parse(input.receivedAt);
    const actor = actors[seq % actors.length];
    // One step: `at` in ms (never before the last change), recorded a little later (never after NOW).
    const step = (at, cmd) => {
      if (at > nowMs) return false;
      const recorded = Math.min(nowMs, at + Math.floor(rand() * 20 * MIN));
      try {
        const r = apply(state, cmd, { at: new Date(at), recordedAt: new Date(recorded), actor, settings, calendar: cal, units: unitRefs });
        // apply gives the events of one step (registration already happens at the time received)
        state = r.state;
        events.push(...r.events);
        if (cmd.action !== 'remind' && cmd.action !== 'supervise') t = Math.max(t, at);
        return true;
      } catch (e) {
        if (!e || !e.code) throw e;
        stats.refusals++;
        stats.refused[`${cmd.action}: ${e.code}`] = (stats.refused[`${cmd.action}: ${e.code}`] ?? 0) + 1;
        return false;
      }
    };
    // A time `min..max` after the last change, pushed into office hours of a working day.
    const later = (minMs, maxMs, officeHours = true) => {
      let at = t + minMs + Math.floor(rand() * (maxMs - minMs));
      if (officeHours) {
        const day = isoOf(at).slice(0, 10);
        const h = (at - dayMs(day)) / HOUR;
        if (!cal.isWorkday(day) || h >= 18) at = dayMs(cal.nextWorkday(day)) + 8.5 * HOUR + Math.floor(rand() * 3 * HOUR);
        else if (h < 8) at = dayMs(day) + 8.5 * HOUR + Math.floor(rand() * 2 * HOUR);
      }
      return Math.max(at, t + MIN);
    };
    const dueMs = () => Date.parse(state.dueAt);
    const sometime = (p) => rand() < p;

    const repeatOf = recent.length > 10 && sometime(MIX.repeat) ? recent[recent.length - 1 - Math.floor(rand() * 10)] : null;
    step(t, { action: 'register', order: input, repeatOf });
    if (sometime(MIX.stuckPending)) return { state, events };

    // dispatch, returns, re-dispatch
    let lead = route(input, rand);
    const co = sometime(MIX.coUnit) ? [units[Math.floor(rand() * units.length)].code].filter((c) => c !== lead) : [];
    if (!step(later(10 * MIN, 3 * HOUR), { action: 'dispatch', to: lead, co })) return { state, events };
    if (sometime(MIX.stuckDispatched)) return { state, events };
    let returns = sometime(MIX.returned) ? (sometime(MIX.returnedTwice) ? 2 : 1) : 0;
    while (returns-- > 0) {
      const until = Date.parse(state.returnUntil);
      const at = Math.min(later(1 * HOUR, 20 * HOUR), until);
      if (!step(at, { action: 'return', reason: '不属于本单位职责' })) return { state, events };
      // 退单审核 (return review, on by default): the office agrees within a few hours.
      if (state.status === 'return_requested' && !step(later(20 * MIN, 3 * HOUR), { action: 'return_approve' })) return { state, events };
      const others = units.filter((u) => u.code !== lead && u.kind !== 'community');
      lead = others[Math.floor(rand() * others.length)].code;
      if (!step(later(30 * MIN, 4 * HOUR), { action: 'dispatch', to: lead })) return { state, events };
    }

    // sign
    const signDue = Date.parse(state.signDueAt);
    const signAt = sometime(MIX.signLate) ? signDue + MIN + Math.floor(rand() * 30 * HOUR) : Math.min(later(10 * MIN, 6 * HOUR), signDue);
    if (!step(Math.max(signAt, t + MIN), { action: 'sign' })) return { state, events };
    if (sometime(MIX.stuckHandling)) return { state, events };

    // extension
    if (sometime(MIX.extension) && dueMs() > t + 2 * HOUR) {
      const at = t + Math.floor(rand() * (dueMs() - t - HOUR));
      if (step(at, { action: 'extend_request', days: 3 + Math.floor(rand() * 3), reason: '需协调多个部门现场核查' })) {
        if (!step(later(1 * HOUR, 8 * HOUR), { action: rand() < 0.8 ? 'extend_approve' : 'extend_deny' })) return { state, events };
      }
    }

    // the answer: a closure request, or the reply → review → feedback (→ rework)
    const replyAt = (late) => {
      const due = dueMs();
      if (late || due <= t + MIN) return Math.max(due, t) + HOUR + Math.floor(rand() * 5 * 24 * HOUR);
      return t + MIN + Math.floor(rand() * (due - t - MIN));
    };
    if (sometime(MIX.closure)) {
      if (!step(replyAt(false), { action: 'closure_request', reason: rand() < 0.5 ? 'duplicate' : 'out_of_scope', explanation: '经核实，该诉求已由市级部门统一办理' })) return { state, events };
      if (rand() < 0.9) {
        step(later(2 * HOUR, 24 * HOUR), { action: 'closure_approve' });
        return { state, events };
      }
      if (!step(later(2 * HOUR, 24 * HOUR), { action: 'closure_deny', reason: '请按正常流程答复' })) return { state, events };
    }
    for (let round = 0; round < 3; round++) {
      const reply = { action: 'reply', content: '已联系市民并现场核实处理，问题已解决。', result: rand() < 0.8 ? 'solved' : 'explained', handler: '经办人', signedBy: '分管领导' };
      const at = replyAt(sometime(MIX.replyLate));
      // Chasing happens between the last change and the reply: a reminder, and supervision of late ones.
      const due = dueMs();
      if (sometime(MIX.remind) && at - t > 2 * HOUR) step(t + Math.floor(rand() * (at - t)), { action: 'remind', kind: 'due_soon' });
      const from = Math.max(due, t);
      if (at > from + 24 * HOUR && sometime(MIX.supervise * 15)) step(from + Math.floor(rand() * (at - from)), { action: 'supervise', level: rand() < 0.3 ? 'key' : 'normal' });
      if (!step(at, reply)) return { state, events };
      if (sometime(MIX.reviewReject)) {
        if (!step(later(1 * HOUR, 24 * HOUR), { action: 'review_reject', reason: '答复内容不完整' })) return { state, events };
        if (!step(replyAt(false), reply)) return { state, events };
      }
      if (!step(later(1 * HOUR, 24 * HOUR), { action: 'review_accept' })) return { state, events };
      if (sometime(MIX.noFeedback)) return { state, events };
      const r = rand();
      const satisfaction = round < 2 && r < MIX.unsatisfied ? 'unsatisfied' : r < MIX.unsatisfied + MIX.basic ? 'basic' : 'satisfied';
      if (!step(later(1 * HOUR, 72 * HOUR, false), { action: 'feedback', satisfaction })) return { state, events };
      if (satisfaction !== 'unsatisfied') break;
    }
    return { state, events };
  };

  const days = perDay(n, cal);
  let index = 0;
  for (const [day, count] of days) {
    const orderRows = [];
    const eventRows = [];
    const factRows = [];
    const secs = Array.from({ length: count }, () => secondsOfDay(rand, day === NOW_DAY)).sort((a, b) => a - b);
    for (let seq = 1; seq <= count; seq++) {
      const g = content.next().value;
      const receivedMs = dayMs(day) + secs[seq - 1] * 1000;
      // The city deadline, when the generated row had one, keeps its distance from the time received.
      let deadline = null;
      if (g.deadline) {
        const shift = Math.round((dayMs(day) - dayMs(g.received_at.slice(0, 10))) / 86_400_000);
        const d = addDay(g.deadline.slice(0, 10), shift);
        deadline = g.deadline.length > 10 ? `${d}T${g.deadline.slice(11)}+08:00` : d;
      }
      const input = {
        no: `YX${day.replaceAll('-', '')}${String(seq).padStart(5, '0')}`,
        receivedAt: isoOf(receivedMs),
        channel: g.channel || null,
        type: g.type,
        category: g.category || null,
        urgency: g.urgency,
        citizen: g.citizen || null,
        phone: normalizePhone(g.phone) ?? (g.phone || null),
        address: g.address || null,
        town: g.town || null,
        title: g.title || null,
        content: g.content || null,
        deadline,
        instructions: g.instructions || null,
      };
      const { state, events } = simulate(input, index);
      const first = events[0];
      const last = events[events.length - 1];
      const lastAt = events.reduce((m, e) => (e.occurredAt > m ? e.occurredAt : m), '');
      orderRows.push([
        input.no, input.channel, input.type, input.category, input.urgency, input.citizen, input.phone, input.address, input.town,
        input.title, input.content, input.deadline, input.instructions, input.receivedAt, state.dueAt, state.status, state.leadUnit,
        JSON.stringify(state.coUnits), state.returnCount, state.reworkCount, state.extensionDays, state.satisfaction, state.repeatOf,
        state.firstDispatchedAt, JSON.stringify(state), sourceHash(input), lastAt, first.recordedAt, last.recordedAt,
      ]);
      for (const e of events) eventRows.push([e.orderNo, e.action, e.fromStatus, e.toStatus, e.unit, e.actor, e.occurredAt, e.recordedAt, e.note, JSON.stringify(e.data)]);
      // As store/facts.ts's factRows writes them: no unit is '' (a key column cannot hold null).
      for (const f of figureFacts(state, { category: input.category, town: input.town })) factRows.push([input.no, ...FACT_COLUMNS.map((c) => (c === 'unit' ? (f.unit ?? '') : (f[c] ?? null)))]);
      stats.events += events.length;
      stats.status[state.status] = (stats.status[state.status] ?? 0) + 1;
      recent.push(input.no);
      if (recent.length > 50) recent.shift();
      index++;
      stats.orders++;
    }
    emit(day, orderRows, eventRows, factRows);
  }
  return stats;
}

/** Days the simulation may run ahead of the writer (bounds memory). */
const AHEAD = 8;

/** Run simulateOrders in a worker thread; `onDay` gets each day's rows on this thread. */
function inWorker(data, onDay) {
  const counters = new Int32Array(new SharedArrayBuffer(8)); // [days sent, days written]
  const worker = new Worker(new URL(import.meta.url), { workerData: { ...data, counters } });
  return new Promise((resolve, reject) => {
    worker.on('message', (m) => {
      if (m.type === 'day') {
        try {
          onDay(m.day, m.orders, m.events, m.facts);
        } catch (e) {
          worker.terminate();
          reject(e);
          return;
        }
        Atomics.add(counters, 1, 1);
        Atomics.notify(counters, 1);
      } else if (m.type === 'end') resolve(m.stats);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`simulation worker exited with ${code}`)));
  });
}

if (!isMainThread && workerData?.counters) {
  const { counters } = workerData;
  const stats = await simulateOrders(workerData, (day, orders, events, facts) => {
    parentPort.postMessage({ type: 'day', day, orders, events, facts });
    const sent = Atomics.add(counters, 0, 1) + 1;
    for (let written = Atomics.load(counters, 1); sent - written > AHEAD; written = Atomics.load(counters, 1)) Atomics.wait(counters, 1, written, 1000);
  });
  parentPort.postMessage({ type: 'end', stats });
}

/**
 * Build the database: `hotline init --db file`, then orders and events straight into SQLite.
 * Returns counts and timings. `log` gets progress lines.
 */
export async function buildDb({ orders: n, file, seed = 20261120, log = () => {} }) {
  const t0 = performance.now();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const init = spawnSync(process.execPath, [path.join(ROOT, 'bin/hotline'), 'init', '--db', file], {
    env: { ...process.env, HOTLINE_NOW: NOW, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  if (init.status !== 0) throw new Error(`hotline init failed: ${init.stderr}`);

  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144'); // 256 MB
  const units = db.prepare('select code, name, kind, parent from units').all();
  const categories = db.prepare('select name, department from categories').all();

  // Indexes are dropped for the load and rebuilt after it, exactly as the migration made them.
  // (figure_facts keeps its primary key: WITHOUT ROWID, the key is the table itself.)
  const indexes = db
    .prepare("select name, sql from sqlite_master where type = 'index' and tbl_name in ('orders', 'events', 'figure_facts') and sql is not null")
    .all();
  for (const i of indexes) db.exec(`drop index ${i.name}`);

  const insOrder = db.prepare(
    `insert into orders (no, channel, type, category, urgency, citizen, phone, address, town, title, content, deadline, instructions,
       received_at, due_at, status, lead_unit, co_units, return_count, rework_count, extension_days, satisfaction, repeat_of,
       first_dispatched_at, state, source_hash, flagged, last_event_at, created_at, updated_at)
     values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,?)`,
  );
  const insEvent = db.prepare(
    'insert into events (id, order_no, action, from_status, to_status, unit, actor, occurred_at, recorded_at, note, data, hash) values (?,?,?,?,?,?,?,?,?,?,?,?)',
  );
  // Each event with its link in the hash chain (dist/store/chain.js), as hotline appends them.
  const { eventHash, GENESIS } = await dist('store/chain.js');
  let eventId = 0;
  let prevHash = GENESIS;
  const chained = (r) => {
    const [order_no, action, from_status, to_status, unit, actor, occurred_at, recorded_at, note, data] = r;
    const id = ++eventId;
    prevHash = eventHash(prevHash, { id, order_no, action, from_status, to_status, unit, actor, occurred_at, recorded_at, note, data });
    return [id, ...r, prevHash];
  };
  const insFact = db.prepare(`insert into figure_facts (order_no, ${FACT_COLUMNS.join(', ')}) values (${['order_no', ...FACT_COLUMNS].map(() => '?').join(',')})`);

  // Events go in when no later order can add to their day: ids rise with the time they happened.
  const buckets = new Map();
  const flushBefore = (day) => {
    for (const d of [...buckets.keys()].sort()) {
      if (day !== null && d >= day) break;
      const rows = buckets.get(d);
      rows.sort((a, b) => (a[6] < b[6] ? -1 : a[6] > b[6] ? 1 : 0)); // occurred_at; stable keeps each log's order
      for (const r of rows) insEvent.run(chained(r));
      buckets.delete(d);
    }
  };

  const tLoad = performance.now();
  db.exec('begin');
  let done = 0;
  const stats = await inWorker({ n, seed, units, categories }, (day, orderRows, eventRows, factRows) => {
    flushBefore(day);
    for (const r of orderRows) insOrder.run(r);
    for (const r of factRows) insFact.run(r);
    for (const r of eventRows) {
      const d = r[6].slice(0, 10);
      let b = buckets.get(d);
      if (!b) buckets.set(d, (b = []));
      b.push(r);
    }
    const before = done;
    done += orderRows.length;
    if (Math.floor(done / 100_000) > Math.floor(before / 100_000)) log(`  ${(Math.floor(done / 100_000) * 100_000).toLocaleString('en')} orders…`);
  });
  flushBefore(null);
  db.exec('commit');
  const tIndex = performance.now();
  for (const i of indexes) db.exec(i.sql);
  // No ANALYZE: hotline never runs it, so the query plans are those of a real database.
  db.close();
  // Back to what hotline uses (WAL); a first open by hotline would do it too.
  const wal = new Database(file);
  wal.pragma('journal_mode = WAL');
  wal.close();
  const t1 = performance.now();
  return {
    ...stats,
    bytes: fs.statSync(file).size,
    seconds: { init: (tLoad - t0) / 1000, load: (tIndex - tLoad) / 1000, index: (t1 - tIndex) / 1000, total: (t1 - t0) / 1000 },
  };
}

if (isMainThread && process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [orders, file, seed] = process.argv.slice(2);
  const whole = (v) => /^[0-9]+$/.test(v ?? '') && Number(v) >= 1;
  if (!whole(orders) || !file || (seed !== undefined && !/^[0-9]+$/.test(seed))) {
    process.stderr.write('usage: node bench/make-db.mjs <orders> <file> [seed]   (orders: a whole number ≥ 1; seed: a whole number)\n');
    process.exit(2);
  }
  const r = await buildDb({ orders: Number(orders), file, seed: seed ? Number(seed) : undefined, log: (s) => process.stderr.write(`${s}\n`) });
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
