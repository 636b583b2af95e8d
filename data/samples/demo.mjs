// A realistic demo history for the sample orders: four weeks (2026-10-23 .. 2026-11-20) of the
// office and the units handling the 300 orders of orders.csv, as seen on 2026-11-24 10:00 Beijing
// time, so that the overdue watch, the daily report, the circular and the assessment all have
// something to show. Deterministic (seeded PRNG: same history every run), through the library in
// dist/ (the same service the CLI calls: every action passes the state machine's rules).
//
//   npm run build
//   bin/hotline init && bin/hotline import data/samples/orders.csv
//   node data/samples/demo.mjs [--db <path>]
//   HOTLINE_NOW='2026-11-24 10:00' bin/hotline report circular --from 2026-11-16 --to 2026-11-23
//
// Each order lives as a small story (a generator that yields its next action and gets the order's
// new state back); a scheduler plays every story's actions in time order, and an action dated
// after "now" ends its story there: that is why the most recent orders are still open.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.join(ROOT, 'dist');

/** The "now" of the demo: every action is recorded at this time, none happens after it. */
export const DEMO_NOW = '2026-11-24 10:00';
const SEED = 20261124;

function usage() {
  process.stderr.write('usage: node data/samples/demo.mjs [--db <path>]\n');
  process.exit(2);
}

function argDb(argv) {
  let db;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--db') {
      db = argv[++i];
      if (!db) usage();
    } else if (a.startsWith('--db=')) db = a.slice(5);
    else if (a === '-h' || a === '--help') {
      process.stdout.write(
        'Simulates four weeks of handling the sample orders (run after hotline init and hotline import data/samples/orders.csv).\n' +
          'usage: node data/samples/demo.mjs [--db <path>]   (default: $HOTLINE_DB, else the user data directory, as the CLI)\n',
      );
      process.exit(0);
    } else usage();
  }
  return db;
}

async function lib() {
  const load = (p) => import(path.join(DIST, p));
  try {
    const [db, act, config, directory, orders, rules, calendar, holidays, settings, time, due] = await Promise.all([
      load('store/db.js'),
      load('service/act.js'),
      load('store/config.js'),
      load('store/directory.js'),
      load('store/orders.js'),
      load('store/rules.js'),
      load('domain/calendar.js'),
      load('domain/holidays.js'),
      load('domain/settings.js'),
      load('domain/time.js'),
      load('domain/due.js'),
    ]);
    return { ...db, ...act, ...config, ...directory, ...orders, ...rules, ...calendar, ...holidays, ...settings, ...time, ...due };
  } catch (e) {
    process.stderr.write(`demo: cannot load the library from ${DIST} (run npm run build first): ${e.message}\n`);
    process.exit(1);
  }
}

// ---- randomness ---------------------------------------------------------------------------------

/** mulberry32 (as generate.mjs). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One generator per order, seeded by its number: an order's story does not depend on the others. */
function orderRand(no) {
  let h = SEED;
  for (const ch of no) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const r = prng(h);
  r();
  return r;
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const between = (r, lo, hi) => lo + r() * (hi - lo);
const intBetween = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));

// ---- the directory: who should handle what ------------------------------------------------------

const UTILITY_BY_WORD = [
  [/电/, 'gdgs'],
  [/燃气|煤气/, 'rqgs'],
  [/暖|供热/, 'rlgs'],
  [/水/, 'zlsgs'],
];

/**
 * How well each unit works this month. Most are ordinary; a few are weak (late, sloppy answers,
 * unhappy citizens) and a few exemplary, so the ranking and the satisfaction floor mean something.
 */
const QUALITY = {
  ordinary: { lateSign: 0.06, lateReply: 0.07, reject: 0.05, unsatisfied: 0.06, stuck: 0.015 },
  weak: { lateSign: 0.2, lateReply: 0.25, reject: 0.15, unsatisfied: 0.2, stuck: 0.08 },
  good: { lateSign: 0.02, lateReply: 0.02, reject: 0.02, unsatisfied: 0.02, stuck: 0 },
};
const WEAK = new Set(['bsz', 'zjj', 'zlsgs', 'lhz']);
const GOOD = new Set(['dhjd', 'jyj', 'scjgj', 'gdgs']);
const quality = (code) => QUALITY[WEAK.has(code) ? 'weak' : GOOD.has(code) ? 'good' : 'ordinary'];

const CLERKS = ['张敏', '李娜', '王芳'];
const HANDLERS = ['王建国', '李敏', '陈志强', '刘洋', '赵磊', '孙丽', '周杰', '吴芳', '郑伟', '黄婷', '何涛', '林静'];

// ---- main ---------------------------------------------------------------------------------------

async function main() {
  const L = await lib();
  const dbPath = L.resolveDbPath(argDb(process.argv.slice(2)), process.env);
  const NOW = L.parseTime(DEMO_NOW);
  if (!fs.existsSync(dbPath)) {
    process.stderr.write(`demo: no database at ${dbPath}\n  first: hotline init && hotline import data/samples/orders.csv\n`);
    process.exit(1);
  }
  const store = await L.openStore(dbPath);
  try {
    await run(L, store.db, dbPath, NOW);
  } finally {
    await store.close();
  }
}

async function run(L, db, dbPath, NOW) {
  const settings = L.buildSettings(await L.settingOverrides(db));
  const cal = new L.WorkCalendar(L.officialCalendar(), await L.officeCalendar(db));
  const units = new Map((await L.listUnits(db)).map((u) => [u.code, u]));
  const towns = await L.townNames(db); // town name → code
  const departments = new Map((await L.listCategories(db)).map((c) => [c.name, c.department]));

  const all = (await L.listOrders(db, {})).sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || (a.no < b.no ? -1 : 1));
  if (all.length === 0) {
    process.stderr.write(`demo: no orders in ${dbPath}\n  first: hotline import data/samples/orders.csv\n`);
    process.exit(1);
  }
  // Idempotent-safe: a history is written once, on orders that have nothing but their registration.
  let touched = 0;
  let example = '';
  for (const o of all) {
    const evs = await L.listEvents(db, o.no);
    const other = evs.filter((e) => e.action !== 'register');
    if (other.length > 0) {
      touched++;
      if (!example) example = `${o.no} (${other[0].action} ${other[0].occurredAt})`;
    }
  }
  if (touched > 0) {
    process.stderr.write(
      `demo: refused: ${touched} of ${all.length} orders in ${dbPath} already have events besides their registration, e.g. ${example}.\n` +
        '  The demo writes a history once, on freshly imported orders: use a new database\n' +
        '  (hotline --db /tmp/demo.db init && hotline --db /tmp/demo.db import data/samples/orders.csv).\n',
    );
    process.exit(1);
  }

  // ---- time helpers (Beijing time, the office's working days) -----------------------------------
  const at = (day, hours) => new Date(L.atBeijing(day, 0, 0, 0).getTime() + Math.round(hours * 3600) * 1000);
  const plusMin = (t, min) => new Date(t.getTime() + Math.round(min * 60) * 1000);
  const hourOf = (t) => (t.getTime() - L.atBeijing(L.dayOf(t), 0, 0, 0).getTime()) / 3_600_000;
  const OPEN_H = 8.5;
  const CLOSE_H = 17.5;
  /** A random office time on a working day (between from and to o'clock). */
  const officeTime = (r, day, from = 8.75, to = 17.25) => at(day, between(r, from, to));
  /** t itself during office hours, else the next opening (plus a little). */
  const nextOffice = (r, t) => {
    const day = L.dayOf(t);
    const h = hourOf(t);
    if (cal.isWorkday(day) && h >= OPEN_H && h < CLOSE_H - 0.25) return t;
    if (cal.isWorkday(day) && h < OPEN_H) return at(day, between(r, OPEN_H, OPEN_H + 0.75));
    return at(cal.nextWorkday(day), between(r, OPEN_H, OPEN_H + 0.75));
  };
  /** Some office time `n` working days after t's day (n = 0: later the same day if there is time). */
  const workdayLater = (r, t, n, from = 8.75, to = 17.25) => {
    if (n === 0) {
      const day = L.dayOf(t);
      const h = hourOf(t);
      if (cal.isWorkday(day) && h < to - 0.5) return at(day, between(r, Math.max(from, h + 0.25), to));
      n = 1;
    }
    return officeTime(r, cal.addWorkdays(L.dayOf(t), n), from, to);
  };
  /** Working days from t's day to u's day. */
  const wdBetween = (t, u) => cal.workdaysBetween(L.dayOf(t), L.dayOf(u));
  const ms = (iso) => Date.parse(iso);

  // ---- routing -----------------------------------------------------------------------------------
  const name = (code) => units.get(code)?.name ?? code;
  const rightUnit = (o) => {
    const town = o.town ? towns.get(o.town) : undefined;
    if (o.category === '水电气暖') {
      const text = `${o.title ?? ''}${o.content ?? ''}`;
      for (const [re, code] of UTILITY_BY_WORD) if (re.test(text) && units.has(code)) return code;
      return units.has('swj') ? 'swj' : (town ?? 'cgj');
    }
    const dept = o.category ? departments.get(o.category) : null;
    if (dept && units.has(dept)) return dept;
    // Street-level matters (城市管理, 其他): the town of the address; a place the directory does not
    // know (the development zone) goes to the district's city-management bureau.
    return town ?? (units.has('cgj') ? 'cgj' : [...units.keys()][0]);
  };
  /** The unit a hurried clerk might wrongly pick first. */
  const wrongUnit = (o, right) => {
    const town = o.town ? towns.get(o.town) : undefined;
    const kind = units.get(right)?.kind;
    if (kind === 'town') return o.category === '城市管理' ? 'cgj' : 'zjj';
    if (town && town !== right) return town;
    return right === 'cgj' ? 'zjj' : 'cgj';
  };

  // ---- texts -------------------------------------------------------------------------------------
  const leaderOf = (code) => units.get(code)?.leader ?? units.get(code)?.deputy ?? '负责人';
  const contactOf = (code) => units.get(code)?.contact ?? code;
  const quote = (o) => `“${o.title ?? o.no}”`;
  const replyText = (o, result, r) => {
    if (o.type === '表扬') return `已将市民对${quote(o)}的表扬转达相关工作人员，并已电话感谢市民的肯定与支持。`;
    if (result === 'solved')
      return pick(r, [
        `经现场核实，市民反映的${quote(o)}问题属实。我单位已安排专人处置，问题已整改到位，并已电话告知诉求人。`,
        `接单后我单位立即组织人员核查，${quote(o)}问题已于近日处理完毕，诉求人已知悉办理结果。`,
        `经调查，市民反映情况基本属实，已责成相关责任方限期整改，目前${quote(o)}问题已解决，已回复诉求人。`,
      ]);
    if (result === 'explained')
      return pick(r, [
        `经核实，就市民反映的${quote(o)}问题，已向诉求人详细解释相关政策规定和办理流程，诉求人表示理解。`,
        `我单位已与诉求人电话沟通，就${quote(o)}的有关情况作了说明，并告知后续办理渠道。`,
      ]);
    return `经核实，市民反映的${quote(o)}问题涉及历史遗留及规划调整，现阶段暂不具备解决条件，已向诉求人说明情况并纳入下一步工作计划。`;
  };
  const returnText = (right) => `经核实，该事项属于${name(right)}职责范围，不属本单位职责，请改派${name(right)}办理。`;
  const disputeText = (other) => `事发地点管理权属不清，根据职责分工应由${name(other)}负责，本单位不是责任主体。`;
  const rejectText = (r) =>
    pick(r, ['答复内容过于简单，未说明具体处理结果，请补充核实后重新答复。', '答复未针对市民诉求，请实地核查后重新答复。', '缺少处理时间和责任人，请补充完善。']);
  const extendText = (r) =>
    pick(r, ['涉及多个部门协调，需进一步现场勘查。', '需等待第三方检测结果。', '整改工程需办理审批手续，短期内无法完成。', '需协调供电公司迁移线路。']);
  const closureFor = (o, r) => {
    if (o.repeatOf) return { reason: 'duplicate', explanation: `与工单${o.repeatOf}为同一诉求，已在该工单中办理答复。` };
    return pick(r, [
      { reason: 'out_of_scope', explanation: '诉求属于民事纠纷，应通过司法途径解决，已告知诉求人。' },
      { reason: 'unreasonable', explanation: '诉求人要求超出现行政策规定，已多次解释，诉求人仍坚持原诉求。' },
      { reason: 'handled_elsewhere', explanation: '该问题已通过信访渠道受理办理，已告知诉求人。' },
    ]);
  };

  // ---- one order's story -------------------------------------------------------------------------
  // yield { at, actor, cmd, meeting? } → receives the order's new state.
  const tuiWindow = (o) => ms(o.receivedAt) >= ms('2026-11-11T00:00:00+08:00') && ms(o.receivedAt) < ms('2026-11-19T00:00:00+08:00');

  function* story(o) {
    const r = orderRand(o.no);
    const urgent = o.urgency !== '一般';
    const clerk = () => pick(r, CLERKS);
    const right = rightUnit(o);
    const q = quality(right);
    const received = new Date(ms(o.receivedAt));
    const old = received.getTime() < ms('2026-11-13T00:00:00+08:00');

    // Fates, drawn once up front (in this order, so a story does not shift when another changes).
    const fate = {
      tui: !urgent && r() < (tuiWindow(o) ? 0.05 : 0.012),
      wrong: !urgent && r() < 0.06,
      lateDispatch: !urgent && r() < 0.05,
      co: !urgent && ['城乡建设', '生态环境', '住房', '交通运输'].includes(o.category ?? '') && r() < 0.15,
      lateSign: r() < q.lateSign,
      stuck: old && !urgent && r() < q.stuck,
      closure: !urgent && (o.repeatOf ? r() < 0.3 : r() < 0.025),
      closureDenied: r() < 0.2,
      returnDenied: r() < 0.25,
      contact: r() < 0.9,
      lateContact: r() < 0.15,
      extension: !urgent && settings.replyWorkdays[o.type] >= 5 && r() < 0.07,
      extensionDenied: r() < 0.25,
      lateReply: r() < q.lateReply,
      reject: r() < q.reject,
      sat: r(),
    };

    // 1. Dispatch (当日工单当日转接): the duty officer sends urgent orders at once, any hour.
    let t;
    if (urgent) t = plusMin(received, between(r, 6, 25));
    else {
      t = nextOffice(r, plusMin(received, between(r, 10, 90)));
      // Received on a working day before closing: the clerk sends it before going home.
      const sameDay = cal.isWorkday(L.dayOf(received)) && hourOf(received) < CLOSE_H;
      if (sameDay && L.dayOf(t) !== L.dayOf(received)) t = plusMin(received, between(r, 2, 6));
      if (fate.lateDispatch) t = workdayLater(r, t, 1, 9, 16);
    }
    let lead = right;
    let st;
    if (fate.tui) {
      // 推诿: the first unit says it is not theirs, so does the second; the joint meeting names the lead.
      const a = wrongUnit(o, right);
      st = yield { at: t, actor: clerk(), cmd: { action: 'dispatch', to: a } };
      t = workdayLater(r, t, intBetween(r, 0, 1));
      st = yield { at: t, actor: contactOf(a), cmd: { action: 'return', reason: returnText(right) } };
      // 退单审核: the office agrees the first unit was wrong.
      t = nextOffice(r, plusMin(t, between(r, 10, 60)));
      st = yield { at: t, actor: clerk(), cmd: { action: 'return_approve' } };
      t = nextOffice(r, plusMin(t, between(r, 10, 60)));
      st = yield { at: t, actor: clerk(), cmd: { action: 'dispatch', to: right } };
      t = workdayLater(r, t, intBetween(r, 1, 2));
      st = yield { at: t, actor: contactOf(right), cmd: { action: 'return', reason: disputeText(a) } };
      // The dispute goes to the joint meeting: the office lets the return stand until it decides.
      t = nextOffice(r, plusMin(t, between(r, 10, 60)));
      st = yield { at: t, actor: clerk(), cmd: { action: 'return_approve', reason: '提交联席会议研究' } };
      lead = r() < 0.7 ? right : a;
      const other = lead === right ? a : right;
      t = workdayLater(r, t, 1, 9, 11.5);
      const meeting = {
        date: L.dayOf(t),
        attendees: `区信息办、${name(a)}、${name(right)}`,
        decision: `经联席会议研究，明确由${name(lead)}牵头办理，${name(other)}配合。`,
        leadUnit: lead,
      };
      // The meeting's lead gets the order by the meeting's own dispatch.
      st = yield { at: t, actor: clerk(), cmd: { action: 'meeting', ...meeting }, meeting };
    } else if (fate.wrong) {
      const a = wrongUnit(o, right);
      st = yield { at: t, actor: clerk(), cmd: { action: 'dispatch', to: a } };
      t = workdayLater(r, t, intBetween(r, 0, 1));
      st = yield { at: t, actor: contactOf(a), cmd: { action: 'return', reason: returnText(right) } };
      t = nextOffice(r, plusMin(t, between(r, 15, 90)));
      if (fate.returnDenied) {
        // 退单审核 denied: the matter is the first unit's after all; it keeps the order.
        st = yield { at: t, actor: clerk(), cmd: { action: 'return_deny', reason: `经核实属${name(a)}职责范围，请继续办理。` } };
        lead = a;
      } else {
        st = yield { at: t, actor: clerk(), cmd: { action: 'return_approve' } };
        t = nextOffice(r, plusMin(t, between(r, 5, 30)));
        st = yield { at: t, actor: clerk(), cmd: { action: 'dispatch', to: right } };
      }
    } else {
      const town = o.town ? towns.get(o.town) : undefined;
      const co = fate.co && town && town !== right ? [town] : [];
      st = yield { at: t, actor: clerk(), cmd: { action: 'dispatch', to: right, co } };
    }
    const unit = contactOf(lead);
    const lq = quality(lead);

    // 2. Sign: usually the same or the next working day (urgent: within the hour).
    if (urgent) t = plusMin(t, fate.lateSign ? between(r, 65, 150) : between(r, 8, 50));
    else if (fate.lateSign) t = workdayLater(r, t, 2);
    else t = r() < 0.45 ? workdayLater(r, t, 0) : workdayLater(r, t, 1, 8.6, 12);
    if (st.status === 'dispatched') st = yield { at: t, actor: unit, cmd: { action: 'sign' } };
    // 先行联系: the unit phones the citizen soon after signing (sometimes late, sometimes never).
    let contacted = false;
    if (fate.contact) {
      t = urgent ? plusMin(t, fate.lateContact ? between(r, 130, 300) : between(r, 5, 90)) : fate.lateContact ? workdayLater(r, t, 2) : plusMin(t, between(r, 20, 180));
      if (t.getTime() <= NOW.getTime()) {
        st = yield { at: t, actor: unit, cmd: { action: 'contact' } };
        contacted = true;
      }
    }

    // 3. Handling: reminders as the office's morning cron would send them, until the answer.
    const reminded = { dueSoon: false, supervised: 0 };
    function* chase(until) {
      // Working-day mornings from the day after t to the answer (or now): due soon → 催办 once;
      // overdue → 催办 every third working day; 3 working days over → 督办; 6 → 重点督办.
      let day = L.dayOf(t);
      for (;;) {
        day = cal.nextWorkday(day);
        const m = at(day, between(r, 8.5, 8.9));
        if (m.getTime() >= until.getTime() || m.getTime() > NOW.getTime()) return;
        const k = L.classifyDue(new Date(ms(st.dueAt)), m, settings, cal);
        if (k.level === 'due_soon' && !reminded.dueSoon) {
          reminded.dueSoon = true;
          st = yield { at: m, actor: 'cron', cmd: { action: 'remind', kind: 'due_soon' } };
        } else if (k.level === 'overdue' || k.level === 'serious') {
          const over = k.overdueWorkdays;
          if (over === 1 || over % 3 === 1) st = yield { at: m, actor: 'cron', cmd: { action: 'remind', kind: 'overdue' } };
          const s = plusMin(m, between(r, 30, 200));
          if (s.getTime() >= until.getTime() || s.getTime() > NOW.getTime()) continue;
          if (over >= 3 && reminded.supervised === 0) {
            reminded.supervised = 1;
            st = yield { at: s, actor: clerk(), cmd: { action: 'supervise', level: 'normal' } };
          } else if (over >= 6 && reminded.supervised === 1) {
            reminded.supervised = 2;
            st = yield { at: s, actor: clerk(), cmd: { action: 'supervise', level: 'key' } };
          }
        }
      }
    }
    const due = () => new Date(ms(st.dueAt));
    const signedAt = t;
    /** When the unit answers: within the limit (later rather than sooner), or some working days late. */
    const answerTime = (late) => {
      const d = due();
      if (urgent) {
        const span = Math.max(d.getTime() - t.getTime(), 20 * 60_000);
        return late ? plusMin(d, between(r, 30, 300)) : new Date(t.getTime() + span * between(r, 0.35, 0.9));
      }
      if (late || d.getTime() <= t.getTime()) return workdayLater(r, d.getTime() > t.getTime() ? d : t, intBetween(r, 1, 4));
      const span = wdBetween(t, d);
      const n = span <= 0 ? 0 : Math.min(span, Math.max(1, Math.round(span * between(r, 0.15, 0.95))));
      return n === span ? workdayLater(r, t, n, 8.75, 16.5) : workdayLater(r, t, n);
    };

    if (fate.stuck) {
      // Never answers: the overdue watch and the circular's criticism are for it.
      yield* chase(new Date(NOW.getTime() + 1));
      return;
    }

    // An extension asked a few working days in, before the deadline.
    if (fate.extension) {
      const ask = workdayLater(r, t, intBetween(r, 1, Math.max(1, Math.min(3, wdBetween(t, due()) - 1))));
      if (ask.getTime() < due().getTime()) {
        yield* chase(ask);
        t = ask;
        const days = pick(r, [3, 5, 5, 7, 10]);
        st = yield { at: t, actor: unit, cmd: { action: 'extend_request', days, reason: extendText(r) } };
        t = workdayLater(r, t, intBetween(r, 0, 1));
        st = yield fate.extensionDenied
          ? { at: t, actor: clerk(), cmd: { action: 'extend_deny', reason: '理由不充分，请在原时限内办结。' } }
          : { at: t, actor: clerk(), cmd: { action: 'extend_approve' } };
      }
    }

    // A closure request instead of an answer (duplicate, out of scope, unreasonable).
    if (fate.closure) {
      const when = workdayLater(r, t, intBetween(r, 1, 2));
      yield* chase(when);
      t = when;
      const c = closureFor(o, r);
      st = yield { at: t, actor: unit, cmd: { action: 'closure_request', reason: c.reason, explanation: c.explanation } };
      t = workdayLater(r, t, intBetween(r, 0, 1));
      if (!fate.closureDenied) {
        st = yield { at: t, actor: clerk(), cmd: { action: 'closure_approve' } };
        return;
      }
      st = yield { at: t, actor: clerk(), cmd: { action: 'closure_deny', reason: '诉求属于本单位职责范围，请继续办理并答复市民。' } };
    }

    // The answer, the office's review (sometimes sent back), the citizen's evaluation (sometimes
    // unsatisfied: rework with a new deadline), until closed or "now".
    let late = fate.lateReply || (fate.extension && fate.extensionDenied && r() < 0.5);
    for (let round = 0; ; round++) {
      let when = answerTime(late);
      if (when.getTime() <= t.getTime()) when = plusMin(t, between(r, 30, 240));
      yield* chase(when);
      const coUnits = round === 0 ? (st.coUnits ?? []) : [];
      for (const c of coUnits) {
        const coAt = new Date(Math.max(t.getTime() + 60_000, when.getTime() - between(r, 2, 26) * 3_600_000));
        if (coAt.getTime() < when.getTime())
          st = yield {
            at: coAt,
            actor: contactOf(c),
            cmd: { action: 'reply', unit: c, result: 'solved', content: `${name(c)}已配合${name(lead)}开展现场核查，提供相关情况。`, handler: pick(r, HANDLERS), signedBy: leaderOf(c) },
          };
      }
      t = when;
      const result = o.type === '表扬' ? 'explained' : r() < 0.7 ? 'solved' : r() < 0.85 ? 'explained' : 'unsolvable';
      const reply = () => ({ action: 'reply', content: replyText(o, result, r), result, handler: pick(r, HANDLERS), signedBy: leaderOf(lead) });
      st = yield { at: t, actor: unit, cmd: reply() };
      t = urgent ? plusMin(t, between(r, 20, 120)) : nextOffice(r, plusMin(t, between(r, 40, 300)));
      if (round === 0 && fate.reject) {
        st = yield { at: t, actor: clerk(), cmd: { action: 'review_reject', reason: rejectText(r) } };
        t = urgent ? plusMin(t, between(r, 30, 90)) : workdayLater(r, t, intBetween(r, 0, 2));
        yield* chase(t);
        st = yield { at: t, actor: unit, cmd: reply() };
        t = urgent ? plusMin(t, between(r, 20, 120)) : nextOffice(r, plusMin(t, between(r, 40, 300)));
      }
      st = yield { at: t, actor: clerk(), cmd: { action: 'review_accept' } };
      // 回访: one or two working days later.
      t = workdayLater(r, t, intBetween(r, 1, 2), 9, 17);
      let satisfaction;
      const x = round === 0 ? fate.sat : r();
      const unhappy = (lq.unsatisfied + (result === 'unsolvable' ? 0.25 : 0) + (late ? 0.08 : 0)) * (round === 0 ? 1 : 0.5);
      if (o.type === '表扬') satisfaction = 'satisfied';
      else if (x < unhappy && round < 2) satisfaction = 'unsatisfied';
      else satisfaction = x < unhappy + (1 - unhappy) * 0.25 ? 'basic' : 'satisfied';
      // The callback also asks whether the unit got in touch and whether it was solved (the three rates).
      const said = r() < 0.92;
      const fb = { action: 'feedback', satisfaction };
      if (said) {
        fb.contacted = contacted ? r() < 0.97 : r() < 0.3;
        fb.solved = result === 'solved' ? satisfaction !== 'unsatisfied' || r() < 0.2 : r() < 0.15;
      }
      st = yield { at: t, actor: clerk(), cmd: fb };
      if (satisfaction !== 'unsatisfied') return;
      late = r() < lq.lateReply;
    }
  }

  // ---- the scheduler -----------------------------------------------------------------------------
  const stories = all
    .filter((o) => ms(o.receivedAt) <= NOW.getTime())
    .map((o) => ({ o, it: story(o), next: null }));
  for (const s of stories) s.next = s.it.next().value ?? null;
  const counts = new Map();
  let lastAt = 0;
  let ended = 0;
  for (;;) {
    let best = null;
    for (const s of stories) {
      if (!s.next) continue;
      if (!best || s.next.at.getTime() < best.next.at.getTime() || (s.next.at.getTime() === best.next.at.getTime() && s.o.no < best.o.no)) best = s;
    }
    if (!best) break;
    const step = best.next;
    if (step.at.getTime() > NOW.getTime()) {
      // This and every later action of the story lie after "now": the order stays as it is.
      best.next = null;
      ended++;
      continue;
    }
    const ctx = { db, settings, calendar: cal, actor: step.actor, at: step.at, now: NOW };
    let results;
    if (step.meeting) {
      const m = step.meeting;
      results = await L.act(
        ctx,
        [best.o.no],
        (_o, meetingId) => ({ ...step.cmd, meetingId }),
        (trx) => L.insertMeeting(trx, { ...m, orders: [best.o.no] }, L.formatTime(NOW), step.actor),
      );
    } else results = await L.act(ctx, [best.o.no], () => step.cmd);
    const res = results[0];
    const key = res.event.action === 'feedback' ? `feedback ${res.event.data.satisfaction}` : res.event.action;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    lastAt = Math.max(lastAt, step.at.getTime());
    best.next = best.it.next(res.state).value ?? null;
  }

  // ---- summary -----------------------------------------------------------------------------------
  const after = await L.listOrders(db, {});
  const byStatus = new Map();
  let overdue = 0;
  let serious = 0;
  let tui = 0;
  for (const o of after) {
    byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
    const k = ['pending', 'dispatched', 'handling'].includes(o.status) ? L.classifyDue(new Date(ms(o.dueAt)), NOW, settings, cal) : { level: null };
    if (k.level === 'overdue' || k.level === 'serious') overdue++;
    if (k.level === 'serious') serious++;
    if (o.state.returnCount >= 2 || o.state.returnUnits.length >= 2) tui++;
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const open = after.length - (byStatus.get('closed') ?? 0);
  const line = (xs) => xs.map(([k, v]) => `${k} ${v}`).join(', ');
  const sat = ['satisfied', 'basic', 'unsatisfied'].map((s) => counts.get(`feedback ${s}`) ?? 0);
  const evaluated = sat[0] + sat[1] + sat[2];
  process.stdout.write(
    [
      `demo: ${total} actions on ${after.length} orders written to ${dbPath}`,
      `  as of ${DEMO_NOW} (Beijing); the last action happened ${L.formatTimeShort(new Date(lastAt))}`,
      `  actions: ${line([...counts].sort((a, b) => b[1] - a[1]))}`,
      `  status now: ${line([...byStatus].sort((a, b) => b[1] - a[1]))}`,
      `  open ${open} (${((open / after.length) * 100).toFixed(1)}%), overdue ${overdue} (seriously ${serious}), returned twice / by two units (推诿) ${tui}`,
      `  satisfaction ${evaluated ? (((sat[0] + sat[1]) / evaluated) * 100).toFixed(1) : '-'}% of ${evaluated} evaluations (${sat[2]} unsatisfied → rework)`,
      'Try (HOTLINE_NOW keeps "now" at the demo\'s time):',
      `  HOTLINE_NOW='${DEMO_NOW}' hotline report circular --from 2026-11-16 --to 2026-11-23`,
      `  HOTLINE_NOW='${DEMO_NOW}' hotline overdue`,
      '',
    ].join('\n'),
  );
}

await main();
