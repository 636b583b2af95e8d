// The circular as a document through the CLI, on a small hand-made district (zh):
//
//  order  received            type  town    title             content
//  P1     11-10 09:00 (prev.)  投诉  青石镇  夜间施工噪音扰民   工地夜间施工
//  C1     11-16 09:00          投诉  青石镇  夜间施工噪音扰民   工地夜间施工
//  C2     11-17 09:00          投诉  望江镇  夜间施工噪音扰民   打桩机夜间施工
//  C3     11-18 09:00          求助  白沙镇  物业服务差         电梯故障
//  C4     11-19 09:00          表扬  白沙镇  表扬社区工作人员   耐心细致
//  K1     11-20 09:00          咨询  城关街道 社保缴费基数咨询   灵活就业人员社保怎么交
//
// Theme "夜间施工噪音扰民" (2026-11, keyword 夜间施工, lead zjj): 2 orders this week (C1 C2), 1 the
// week before (P1) → up 100.00 %. Accountability: 约谈 of zjj on 11-20 (in the period), 通报批评 of
// mlz on 11-25 (not). Nobody evaluated: no "all units above the floor" sentence.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';
import { directAnswer, kbSuggest } from '../../src/service/kb.js';
import { parseTime } from '../../src/domain/time.js';
import { cli, json, ok, sandbox, type Sandbox } from './helpers.js';

let sb: Sandbox;
const PERIOD = ['--from', '2026-11-16', '--to', '2026-11-23'];

async function add(no: string, at: string, type: string, town: string, title: string, content: string): Promise<void> {
  await ok(sb, ['add', '--no', no, '--received-at', at, '--type', type, '--category', type === '咨询' ? '人社' : '城乡建设', '--town', town, '--title', title, '--content', content]);
}

beforeAll(async () => {
  sb = await sandbox({ now: '2026-11-24 10:00', lang: 'zh' });
  await add('P1', '2026-11-10 09:00', '投诉', '青石镇', '夜间施工噪音扰民', '工地夜间施工');
  await add('C1', '2026-11-16 09:00', '投诉', '青石镇', '夜间施工噪音扰民', '工地夜间施工');
  await add('C2', '2026-11-17 09:00', '投诉', '望江镇', '夜间施工噪音扰民', '打桩机夜间施工');
  await add('C3', '2026-11-18 09:00', '求助', '白沙镇', '物业服务差', '电梯故障');
  await add('C4', '2026-11-19 09:00', '表扬', '白沙镇', '表扬社区工作人员', '耐心细致');
  await add('K1', '2026-11-20 09:00', '咨询', '城关街道', '社保缴费基数咨询', '灵活就业人员社保怎么交');
  await ok(sb, ['theme', 'add', '--month', '2026-11', '--title', '夜间施工噪音扰民', '--keywords', '夜间施工', '--lead', 'zjj']);
  await ok(sb, ['accountability', 'add', '--unit', 'zjj', '--measure', '约谈', '--orders', 'C1', '--decided-by', '区政府办公室', '--date', '2026-11-20']);
  await ok(sb, ['accountability', 'add', '--unit', 'mlz', '--measure', '通报批评', '--decided-by', '区信息办', '--date', '2026-11-25']);
}, 60_000);

describe('the document', () => {
  it('文号 from the template, numbered per year; a period issued again keeps its number', async () => {
    await ok(sb, ['config', 'set', 'circular.docNo', '云溪信息办〔{year}〕{n}号']);
    // A draft takes no number: the first issued circular is still number 1.
    const draft = await json<{ document: { docNo: string; n: number } }>(sb, ['report', 'circular', ...PERIOD, '--draft']);
    expect(draft.document).toMatchObject({ docNo: '云溪信息办〔2026〕　　号', n: 0 });
    const a = await json<{ document: { docNo: string; n: number } }>(sb, ['report', 'circular', ...PERIOD]);
    const b = await json<{ document: { docNo: string } }>(sb, ['report', 'circular', '--from', '2026-11-09', '--to', '2026-11-16']);
    const again = await json<{ document: { docNo: string } }>(sb, ['report', 'circular', ...PERIOD]);
    expect(a.document.docNo).toBe('云溪信息办〔2026〕1号');
    expect(b.document.docNo).toBe('云溪信息办〔2026〕2号');
    expect(again.document.docNo).toBe('云溪信息办〔2026〕1号');
  });

  it('a template without {n} and an empty addressee are refused, nothing changed', async () => {
    const r = await cli(sb, ['config', 'set', 'circular.docNo', '云溪信息办〔{year}〕号']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('{n}');
    expect((await cli(sb, ['config', 'set', 'circular.to', '  '])).code).toBe(1);
    expect((await ok(sb, ['config', 'get', 'circular.docNo'])).stdout.trim()).toBe('云溪信息办〔{year}〕{n}号');
  });

  it('Markdown: title, 文号, 主送, opening, 一 to 七, issuer, Chinese date, 抄送; units by name', async () => {
    await ok(sb, ['config', 'set', 'circular.to', '各街道办事处、镇人民政府，区直有关单位']);
    const md = (await ok(sb, ['report', 'circular', ...PERIOD, '--format', 'md'])).stdout;
    const lines = md.split('\n').filter(Boolean);
    expect(lines[0]).toBe('# 关于2026年11月16日至22日12345热线工单办理情况的通报');
    expect(lines[1]).toBe('云溪信息办〔2026〕1号');
    expect(lines[2]).toBe('各街道办事处、镇人民政府，区直有关单位：');
    expect(lines[3]).toMatch(/^为深入贯彻“接诉即办”工作要求.*现将2026年11月16日至22日全区12345热线工单办理情况通报如下/);
    expect(lines.filter((l) => /^## [一二三四五六七]、/.test(l))).toHaveLength(7);
    expect(md).toContain('云溪区信息办公室  \n2026年11月24日');
    expect(md).toContain('抄送：区委办公室，区人大常委会办公室，区政府办公室，区政协办公室。');
    expect(md).not.toMatch(/\bzjj\b|\bmlz\b|\bcgjd\b/);
  });

  it('statements only when true: nobody evaluated → no "every unit above the floor"', async () => {
    const md = (await ok(sb, ['report', 'circular', ...PERIOD, '--format', 'md'])).stdout;
    expect(md).toContain('期内无回访评价，暂不作满意率排名和通报。');
    expect(md).not.toContain('均不低于');
  });

  it('section 三: the theme added for the month with its volume and trend; hot words counted by orders', async () => {
    const j = await json<{ themes: { title: string; count: number; previous: number; change: number; leadName: string }[]; hotTopics: { terms: { term: string; count: number; previous: number }[] } }>(sb, ['report', 'circular', ...PERIOD]);
    expect(j.themes).toEqual([expect.objectContaining({ title: '夜间施工噪音扰民', count: 2, previous: 1, change: 1, leadName: '区住房和城乡建设局' })]);
    // 夜间施工 and 噪音扰民 in C1 and C2 (the content's 夜间施工 counts once per order); P1 the week before.
    expect(j.hotTopics.terms).toEqual([
      { term: '噪音扰民', count: 2, previous: 1, change: 1 },
      { term: '夜间施工', count: 2, previous: 1, change: 1 },
    ]);
    const md = (await ok(sb, ['report', 'circular', ...PERIOD, '--format', 'md'])).stdout;
    const hot = md.split('## 三、热点问题')[1]!.split('\n## ')[0]!;
    expect(hot).toContain('“夜间施工噪音扰民”（2026-11确定，牵头单位区住房和城乡建设局）：本期相关工单2件，上期1件，环比上升100.00%');
    expect(hot).toContain('噪音扰民（2件，较上期增加1件）');
  });

  it('section 六: the measure dated in the period, not the later one; the citizens\' 表扬 order', async () => {
    const md = (await ok(sb, ['report', 'circular', ...PERIOD, '--format', 'md'])).stdout;
    const six = md.split('## 六、表扬与问责')[1]!.split('\n## ')[0]!;
    expect(six).toContain('期内对办理不力的单位采取问责措施1项：2026年11月20日，区政府办公室对区住房和城乡建设局约谈。');
    expect(six).not.toContain('通报批评');
    expect(six).toContain('期内收到群众表扬类工单1件');
    expect(six).toContain('| C4 | 表扬社区工作人员 | 白沙镇 |');
    const j = await json<{ accountability: { unit: string; measure: string; date: string }[] }>(sb, ['report', 'circular', ...PERIOD]);
    expect(j.accountability).toEqual([expect.objectContaining({ unit: 'zjj', measure: '约谈', date: '2026-11-20' })]);
  });
});

describe('the hot topics\' kept words (order_words)', () => {
  type Hot = { hotTopics: { terms: { term: string }[] } };
  const words = (): { no: string; dict: string }[] => {
    const d = new Database(sb.db, { readonly: true });
    const rows = d.prepare('select no, dict from order_words order by no').all() as { no: string; dict: string }[];
    d.close();
    return rows;
  };
  const write = (sqlText: string): void => {
    const d = new Database(sb.db);
    d.prepare(sqlText).run();
    d.close();
  };

  it('are read instead of segmenting again, and only while the dictionary and the order\'s text are the ones they were found with', async () => {
    const first = await json<Hot>(sb, ['report', 'circular', ...PERIOD]);
    // The period's orders and the week before: P1, C1–C4, K1.
    expect(words().map((w) => w.no)).toEqual(['C1', 'C2', 'C3', 'C4', 'K1', 'P1']);
    // Kept words are what the next circular reads: planted ones show up.
    write(`update order_words set title_words = '伪造词语', words = '伪造词语' where no in ('C1', 'C2', 'C3')`);
    const planted = await json<Hot>(sb, ['report', 'circular', ...PERIOD]);
    expect(planted.hotTopics.terms.map((t) => t.term)).toContain('伪造词语');
    // Another dictionary: segmented again.
    write(`update order_words set dict = 'another dictionary' where no in ('C1', 'C2')`);
    // C3's text changes (the city re-sends it): its kept words are forgotten, it is segmented again.
    const csv = path.join(sb.dir, 'c3.csv');
    fs.writeFileSync(
      csv,
      '工单编号,受理时间,来源渠道,诉求类型,业务分类,紧急程度,诉求人,联系电话,事发地址,所属街镇,诉求标题,诉求内容,办理时限,交办意见\n' +
        'C3,2026-11-18 09:00,12345热线,求助,城乡建设,一般,,,,白沙镇,物业服务差,电梯故障,,\n',
    );
    expect(await json(sb, ['import', csv, '--json'])).toMatchObject({ updated: 1 });
    expect(words().map((w) => w.no)).not.toContain('C3');
    expect(await json<Hot>(sb, ['report', 'circular', ...PERIOD])).toEqual(first);
    expect(new Set(words().map((w) => w.dict)).size).toBe(1);
  });
});

describe('records', () => {
  it('accountability: an unknown measure or unit is refused naming the allowed ones; list --json', async () => {
    const r = await cli(sb, ['accountability', 'add', '--unit', 'zjj', '--measure', '批评', '--decided-by', 'x', '--date', '2026-11-20']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('约谈|通报批评|责令整改');
    expect((await cli(sb, ['accountability', 'add', '--unit', 'nope', '--measure', '约谈', '--decided-by', 'x', '--date', '2026-11-20'])).code).toBe(1);
    const rows = await json<{ unit: string }[]>(sb, ['accountability', 'list']);
    expect(rows.map((x) => x.unit)).toEqual(['zjj', 'mlz']);
  });

  it('theme: a bad month is refused; list and show --json', async () => {
    expect((await cli(sb, ['theme', 'add', '--month', '2026-13', '--title', 't', '--keywords', 'k', '--lead', 'zjj'])).code).toBe(1);
    const [t] = await json<{ id: number; month: string }[]>(sb, ['theme', 'list']);
    expect(t).toMatchObject({ id: 1, month: '2026-11' });
    const show = await json<{ months: { month: string; count: number }[] }>(sb, ['theme', 'show', '1']);
    expect(show.months).toEqual([{ month: '2026-11', count: 3 }]);
    // A closed theme leaves the circular; closing it twice is refused.
    await ok(sb, ['theme', 'add', '--month', '2026-11', '--title', '物业服务', '--keywords', '物业', '--lead', 'zjj']);
    await ok(sb, ['theme', 'close', '2']);
    expect((await cli(sb, ['theme', 'close', '2'])).code).toBe(1);
    const j = await json<{ themes: { title: string }[] }>(sb, ['report', 'circular', ...PERIOD]);
    expect(j.themes.map((t) => t.title)).toEqual(['夜间施工噪音扰民']);
  });

  it('kb: add, list --json with id/title/category, search by segmented words, direct answer only of a pending 咨询', async () => {
    await ok(sb, ['kb', 'add', '--title', '灵活就业人员社保缴费基数', '--category', '人社', '--keywords', '社保,缴费基数', '--answer', '可在线上平台自主选择缴费档次。', '--approved-by', '区人社局', '--valid-until', '2026-12-31']);
    await ok(sb, ['kb', 'add', '--title', '最低生活保障申请条件', '--category', '民政', '--keywords', '低保', '--answer', '向户籍所在街道申请。', '--approved-by', '区民政局']);
    expect(await json(sb, ['kb', 'list'])).toEqual([
      expect.objectContaining({ id: 1, title: '灵活就业人员社保缴费基数', category: '人社' }),
      expect.objectContaining({ id: 2, title: '最低生活保障申请条件', category: '民政' }),
    ]);
    const hits = await json<{ id: number; score: number }[]>(sb, ['kb', 'search', '灵活就业的社保怎么交']);
    expect(hits.map((h) => h.id)).toEqual([1]);
    expect((await cli(sb, ['kb', 'add', '--title', 't', '--category', 'c', '--keywords', 'k', '--answer', 'a', '--approved-by', 'x', '--valid-until', '2026-11-01'])).code).toBe(1);
    // 直接答复: only a pending 咨询; the answer comes from the entry, the figure counts it.
    expect((await cli(sb, ['reply', 'C1', '--by-office', '--kb', '1', '--at', '2026-11-21 10:00'])).code).toBe(1);
    expect((await cli(sb, ['reply', 'K1', '--by-office', '--at', '2026-11-21 10:00'])).code).toBe(1);
    expect((await cli(sb, ['reply', 'K1', '--by-office', '--kb', '1', '--content', 'x', '--at', '2026-11-21 10:00'])).code).toBe(1);
    await ok(sb, ['reply', 'K1', '--by-office', '--kb', '1', '--at', '2026-11-21 10:00']);
    expect((await json<{ status: string }>(sb, ['show', 'K1'])).status).toBe('replied');
    const log = await json<{ action: string; data: Record<string, unknown> }[]>(sb, ['history', 'K1']);
    expect(log.at(-1)).toMatchObject({ action: 'reply', data: { content: '可在线上平台自主选择缴费档次。', result: 'explained', signedBy: '区人社局', byOffice: true, kbId: 1 } });
    const md = (await ok(sb, ['report', 'circular', ...PERIOD, '--format', 'md'])).stdout;
    expect(md).toContain('期内依据知识库直接答复咨询类工单1件，占期内受理咨询类工单1件的100.00%。');
    const store = await openStore(sb.db);
    try {
      await expect(directAnswer(store.db, { kbId: '9', at: parseTime('2026-11-24 10:00')!, actor: 'clerk' })).rejects.toMatchObject({ code: 'kb.unknown' });
      // What `reply` shows on a terminal before the clerk types: the entries matching the order.
      expect((await kbSuggest(store.db, 'K1', '2026-11-24')).map((h) => h.entry.id)).toEqual([1]);
      expect(await kbSuggest(store.db, 'C3', '2026-11-24')).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('the same document as data', () => {
  it('CSV and XLSX carry the document, hot words, themes, praise and accountability next to the figures', async () => {
    const csv = (await ok(sb, ['report', 'circular', ...PERIOD, '--format', 'csv'])).stdout;
    expect(csv).toContain('文号,云溪信息办〔2026〕1号');
    expect(csv).toContain('主送,各街道办事处、镇人民政府，区直有关单位');
    expect(csv).toContain('夜间施工噪音扰民,区住房和城乡建设局,2,1,100.00%');
    expect(csv).toContain('2026-11-20,区住房和城乡建设局,约谈,区政府办公室,C1');
    const file = `${sb.dir}/c.xlsx`;
    await ok(sb, ['report', 'circular', ...PERIOD, '--output', file]);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['通报信息', '热点词语及词组', '每月一题', '表扬单位', '群众表扬工单', '问责']));
    expect(wb.getWorksheet('通报信息')!.getRow(3).values).toEqual([undefined, '文号', '云溪信息办〔2026〕1号']);
  });
});
