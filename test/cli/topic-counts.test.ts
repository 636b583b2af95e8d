// The hot topics' kept counts (topic_counts, migration 090): a circular reads a period's counts
// instead of its orders' words while they are the counts of those words, and counts afresh as soon
// as an order's text changes or an order is added. No theme is open here, so the circular reads no
// order's text unless it has to (the path of a big district's weekly circular).
//
//  order  received            town    title             content
//  P1     11-10 09:00 (prev.)  青石镇  夜间施工噪音扰民   工地夜间施工
//  C1     11-16 09:00          青石镇  夜间施工噪音扰民   工地夜间施工
//  C2     11-17 09:00          望江镇  夜间施工噪音扰民   打桩机夜间施工
//  C3     11-18 09:00          白沙镇  物业服务差         电梯故障
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { countTopics } from '../../src/domain/hot-topics.js';
import { keepCounts, keptCounts, wordsMark } from '../../src/store/words.js';
import { json, ok, sandbox, type Sandbox } from './helpers.js';

let sb: Sandbox;
const PERIOD = ['--from', '2026-11-16', '--to', '2026-11-23'];
const CURRENT = { from: '2026-11-16T00:00:00+08:00', to: '2026-11-23T00:00:00+08:00' };

interface Hot {
  hotTopics: { orders: number; previousOrders: number; terms: { term: string; count: number; previous: number }[]; pairs: { term: string }[] };
}

async function add(no: string, at: string, town: string, title: string, content: string): Promise<void> {
  await ok(sb, ['add', '--no', no, '--received-at', at, '--type', '投诉', '--category', '城乡建设', '--town', town, '--title', title, '--content', content]);
}

const rows = <T>(sqlText: string): T[] => {
  const d = new Database(sb.db, { readonly: true });
  const r = d.prepare(sqlText).all() as T[];
  d.close();
  return r;
};
const write = (sqlText: string): void => {
  const d = new Database(sb.db);
  d.prepare(sqlText).run();
  d.close();
};
const counts = (): { period_from: string; orders: number }[] => rows('select period_from, orders from topic_counts order by period_from');
const terms = (h: Hot): string[] => h.hotTopics.terms.map((t) => t.term);
/** Plant a word in the kept counts of the current week: it shows only while those counts are read. */
const plant = (): void => write(`update topic_counts set counts = json_set(counts, '$.words', json('[["伪造词语", 9]]')) where period_from = '${CURRENT.from}'`);

beforeAll(async () => {
  sb = await sandbox({ now: '2026-11-24 10:00', lang: 'zh' });
  await add('P1', '2026-11-10 09:00', '青石镇', '夜间施工噪音扰民', '工地夜间施工');
  await add('C1', '2026-11-16 09:00', '青石镇', '夜间施工噪音扰民', '工地夜间施工');
  await add('C2', '2026-11-17 09:00', '望江镇', '夜间施工噪音扰民', '打桩机夜间施工');
  await add('C3', '2026-11-18 09:00', '白沙镇', '物业服务差', '电梯故障');
}, 60_000);

describe('the hot topics\' kept counts (topic_counts)', () => {
  it('are kept per period by the first circular and read by the next ones instead of the words', async () => {
    const first = await json<Hot>(sb, ['report', 'circular', ...PERIOD]);
    expect(first.hotTopics).toMatchObject({ orders: 3, previousOrders: 1 });
    expect(terms(first)).toContain('夜间施工');
    expect(counts()).toEqual([
      { period_from: '2026-11-09T00:00:00+08:00', orders: 1 },
      { period_from: CURRENT.from, orders: 3 },
    ]);
    // Same dictionary as the words they were counted from.
    expect(rows<{ d: number }>('select count(distinct dict) as d from (select dict from order_words union all select dict from topic_counts)')).toEqual([{ d: 1 }]);
    expect(await json<Hot>(sb, ['report', 'circular', ...PERIOD])).toEqual(first);
    plant();
    expect(terms(await json<Hot>(sb, ['report', 'circular', ...PERIOD]))).toEqual(['伪造词语']);
  });

  it('an order\'s text changed (the city re-sends it): its words are found again and the counts made afresh', async () => {
    plant();
    const csv = path.join(sb.dir, 'c3.csv');
    fs.writeFileSync(
      csv,
      '工单编号,受理时间,来源渠道,诉求类型,业务分类,紧急程度,诉求人,联系电话,事发地址,所属街镇,诉求标题,诉求内容,办理时限,交办意见\n' +
        'C3,2026-11-18 09:00,12345热线,投诉,城乡建设,一般,,,,白沙镇,夜间施工噪音扰民,打桩机夜间施工,,\n',
    );
    expect(await json(sb, ['import', csv, '--json'])).toMatchObject({ updated: 1 });
    // The import forgot C3's words, and with them every kept count.
    expect(counts()).toEqual([]);
    const changed = await json<Hot>(sb, ['report', 'circular', ...PERIOD]);
    expect(terms(changed)).not.toContain('伪造词语');
    expect(changed.hotTopics.terms.find((t) => t.term === '夜间施工')).toMatchObject({ count: 3, previous: 1 });
    expect(counts().map((c) => c.orders)).toEqual([1, 3]);
    // The same as counting every order's words from scratch.
    write('delete from order_words');
    expect(counts()).toEqual([]);
    expect(await json<Hot>(sb, ['report', 'circular', ...PERIOD])).toEqual(changed);
  });

  it('an order added to the period is counted: counts of fewer orders are not read', async () => {
    const before = await json<Hot>(sb, ['report', 'circular', ...PERIOD]);
    plant();
    await add('C5', '2026-11-19 09:00', '白沙镇', '物业服务差', '电梯故障');
    const after = await json<Hot>(sb, ['report', 'circular', ...PERIOD]);
    expect(terms(after)).not.toContain('伪造词语');
    expect(after.hotTopics.orders).toBe(before.hotTopics.orders + 1);
    expect(counts().map((c) => c.orders)).toEqual([1, 4]);
  });

  it('a hand-made change to the kept words drops the counts too', async () => {
    await json<Hot>(sb, ['report', 'circular', ...PERIOD]);
    expect(counts()).toHaveLength(2);
    write(`update order_words set words = title_words where no = 'C1'`);
    expect(counts()).toEqual([]);
  });

  it('are only a cache: not kept when another connection wrote since the words were read, nor on a read-only database', async () => {
    await json<Hot>(sb, ['report', 'circular', ...PERIOD]);
    const dict = rows<{ dict: string }>('select dict from topic_counts limit 1')[0]!.dict;
    const made = countTopics([{ town: '白沙镇', category: '城乡建设', titleWords: ['伪造词语'], words: ['伪造词语'] }]);
    write('delete from topic_counts');
    const store = await openStore(sb.db);
    try {
      const mark = wordsMark(store.db);
      // Another connection writes (anything: the mark cannot tell a word from another row).
      write(`insert into circulars (year, n, period_from, period_to, issued_at, issued_by) values (2099, 1, '2099-01-05', '2099-01-12', '2026-11-24T10:00:00+08:00', 'x')`);
      await keepCounts(store.db, dict, mark, [{ ...CURRENT, counts: made }]);
      expect(counts()).toEqual([]);
      // With a fresh mark they are kept (and read while the period still has that many orders: it has 4, not 1).
      await keepCounts(store.db, dict, wordsMark(store.db), [{ ...CURRENT, counts: made }]);
      expect(counts()).toEqual([{ period_from: CURRENT.from, orders: 1 }]);
      expect(await keptCounts(store.db, { ...CURRENT, dict })).toBeUndefined();
    } finally {
      await store.close();
    }
    write('delete from topic_counts');
    const ro = await openStore(sb.db, { readonly: true });
    try {
      await keepCounts(ro.db, dict, wordsMark(ro.db), [{ ...CURRENT, counts: made }]);
      expect(counts()).toEqual([]);
    } finally {
      await ro.close();
    }
  });
});
