// The HTML circular of the sample district (data/samples, with demo.mjs's four weeks of handling)
// as a reader sees it in headless Chromium: the 文号 line, 主送, the seven numbered sections, no
// unit code anywhere in the body, the annex on landscape A4, and every percentage of the text
// equal to its chart label. CI installs chromium (.ci/run), so there it always runs.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ok, sandbox, type Sandbox } from '../cli/helpers.js';
import { displayWidth } from '../../src/io/render/table.js';

const run = promisify(execFile);
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p)) ?? null;
// In CI a missing chromium is a failure, not a skip.
const mustRun = Boolean(process.env.CI);

let sb: Sandbox;
let html = '';
let text = '';
let codes: string[] = [];

async function chrome(...args: string[]): Promise<string> {
  const profile = fs.mkdtempSync(path.join(sb.dir, 'profile-'));
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`];
  const { stdout } = await run(CHROMIUM!, [...flags, ...args], { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

// Reads the laid-out page: the body text of the document sheets, chart labels, and the annex's page.
const PROBE = `<script>
window.addEventListener('load', () => {
  const sheets = [...document.querySelectorAll('.sheet')];
  const body = sheets.map((s) => [...s.querySelectorAll('h1, h2, h3, p, td, th, li')].map((e) => e.innerText).join('\\n')).join('\\n');
  const labels = [...document.querySelectorAll('svg text')].map((t) => t.textContent);
  const annex = document.querySelector('.sheet.annex');
  const out = { body, labels, annexPage: annex ? getComputedStyle(annex).page : null };
  document.body.setAttribute('data-probe', encodeURIComponent(JSON.stringify(out)));
});
</script>`;

let table = '';
let markdown = '';

beforeAll(async () => {
  sb = await sandbox({ now: '2026-11-24 10:00', lang: 'zh' });
  await ok(sb, ['import', 'data/samples/orders.csv']);
  await run(process.execPath, ['data/samples/demo.mjs', '--db', sb.db], { env: { ...process.env, HOTLINE_DB: sb.db }, timeout: 120_000 });
  const file = path.join(sb.dir, 'c.html');
  await ok(sb, ['report', 'circular', '--from', '2026-11-16', '--to', '2026-11-23', '--output', file]);
  html = fs.readFileSync(file, 'utf8');
  table = (await ok(sb, ['report', 'circular', '--from', '2026-11-16', '--to', '2026-11-23'])).stdout;
  markdown = (await ok(sb, ['report', 'circular', '--from', '2026-11-16', '--to', '2026-11-23', '--format', 'md'])).stdout;
  codes = (JSON.parse((await cli(sb, ['units', 'list', '--json'])).stdout) as { code: string }[]).map((u) => u.code);
  if (!CHROMIUM) return;
  fs.writeFileSync(path.join(sb.dir, 'probe.html'), html.replace('</body>', `${PROBE}</body>`));
  const dom = await chrome('--window-size=1240,1754', '--virtual-time-budget=3000', '--dump-dom', `file://${path.join(sb.dir, 'probe.html')}`);
  const m = /data-probe="([^"]*)"/.exec(dom);
  const probe = JSON.parse(decodeURIComponent(m![1]!)) as { body: string; labels: string[]; annexPage: string };
  text = probe.body;
  (globalThis as { labels?: string[] }).labels = probe.labels;
  (globalThis as { annexPage?: string }).annexPage = probe.annexPage;
}, 240_000);

describe('the sample district\'s circular on a terminal and in Markdown', () => {
  it('at 80 columns (the width when not a terminal) no line is wider than 80 display cells', () => {
    expect(table).toContain('七、下步工作要求');
    const wide = table.split('\n').filter((l) => displayWidth(l) > 80);
    expect(wide).toEqual([]);
    expect(table).toMatch(/省略了\d+列：.*加 --wide 显示完整表格/);
  });

  it('--wide keeps every column of the annex', async () => {
    const full = (await ok(sb, ['report', 'circular', '--from', '2026-11-16', '--to', '2026-11-23', '--wide'])).stdout;
    expect(full).not.toContain('省略了');
    expect(full.split('附件')[1]).toContain('严重超期');
  });

  it('Markdown: the same numbered sections and prose as the HTML, no unit code', () => {
    const heads = markdown.split('\n').filter((l) => /^## [一二三四五六七]、/.test(l)).map((l) => l.slice(3));
    expect(heads).toEqual(['一、基本情况', '二、办理情况', '三、热点问题', '四、超期及推诿情况', '五、考核排名', '六、表扬与问责', '七、下步工作要求']);
    for (const p of [...html.matchAll(/<p>([^<]+)<\/p>/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'))) expect(markdown).toContain(p);
    const words = new Set(markdown.match(/[a-z][a-z0-9_-]*/g) ?? []);
    expect(codes.filter((c) => words.has(c))).toEqual([]);
    // No 17-column table: wide tables come in parts of at most 10 columns.
    const widest = Math.max(...markdown.split('\n').filter((l) => l.startsWith('| ')).map((l) => l.replace(/\\\|/g, '').split('|').length - 2));
    expect(widest).toBeLessThanOrEqual(10);
  });

  it('section 四 lists every overdue order the prose counts, serious ones marked', () => {
    const four = markdown.split('## 四、超期及推诿情况')[1]!.split('\n## ')[0]!;
    const count = Number(/全区超期工单(\d+)件/.exec(four)![1]);
    const rows = four.split('\n').filter((l) => /^\| YX\d+ .*\| (超期|严重超期) \|$/.test(l));
    expect(count).toBeGreaterThan(0);
    expect(rows).toHaveLength(count);
    expect(rows.filter((l) => l.endsWith('| 严重超期 |'))).toHaveLength(Number(/其中严重超期（超期\d+个工作日及以上）(\d+)件/.exec(four)![1]));
  });

  it('hot topics list real words and phrases (no split words)', () => {
    const hot = markdown.split('（一）热点诉求')[1]!.split('（二）重复诉求')[0]!;
    const terms = [...hot.matchAll(/^\| ([^|]+?) \| \d+ \|/gm)].map((m) => m[1]!).filter((t) => t !== '词语或词组');
    expect(terms.length).toBeGreaterThanOrEqual(5);
    // Every word is at least two characters and none is a fragment of a place name or a split term.
    for (const t of terms.flatMap((x) => x.split(' + '))) {
      expect([...t].length).toBeGreaterThanOrEqual(2);
      expect(['卡余', '拒不', '预付', '噪音扰', '音扰']).not.toContain(t);
    }
    expect(terms).toEqual(expect.arrayContaining(['噪音扰民', '预付卡']));
  });
});

describe.skipIf(!CHROMIUM && !mustRun)('the sample district\'s HTML circular in Chromium', () => {
  it('chromium is installed (CI installs it)', () => {
    expect(CHROMIUM).not.toBeNull();
  });

  it('shows the 文号 line, 主送 and the seven numbered sections in order', () => {
    expect(text).toContain('关于2026年11月16日至22日12345热线工单办理情况的通报');
    expect(text).toMatch(/云溪信息办〔2026〕\d+号/);
    expect(text).toContain('各街道办事处、镇人民政府，区直有关单位，各公用事业单位：');
    const at = ['一、基本情况', '二、办理情况', '三、热点问题', '四、超期及推诿情况', '五、考核排名', '六、表扬与问责', '七、下步工作要求'].map((h) => text.indexOf(`\n${h}`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('2026年11月24日');
  });

  it('no unit code anywhere in the body', () => {
    expect(codes.length).toBeGreaterThan(30);
    const words = new Set(text.match(/[a-z][a-z0-9_-]*/g) ?? []);
    expect(codes.filter((c) => words.has(c))).toEqual([]);
  });

  it('the annex is on landscape A4 pages', async () => {
    expect((globalThis as { annexPage?: string }).annexPage).toBe('annex');
    expect(html).toMatch(/@page annex\s*{\s*size:\s*A4 landscape;/);
    const pdf = path.join(sb.dir, 'c.pdf');
    await chrome('--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${path.join(sb.dir, 'c.html')}`);
    const boxes = [...fs.readFileSync(pdf, 'latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    // A4 is 595 × 842 points: portrait first, the annex's last page landscape.
    const [w0, h0] = boxes[0]!;
    const [w1, h1] = boxes[boxes.length - 1]!;
    expect([Math.round(w0), Math.round(h0)]).toEqual([595, 842]);
    expect([Math.round(w1), Math.round(h1)]).toEqual([842, 595]);
  }, 90_000);

  it('every percentage in the text equals its chart label', () => {
    const labels = (globalThis as { labels?: string[] }).labels!;
    // Types: "咨询8件（占13.33%）" in the text ↔ the pie's "咨询 8 (13.33%)".
    const types = [...text.matchAll(/(咨询|求助|投诉|举报|建议|表扬|其他)(\d+)件（占([\d.]+%)）/g)];
    expect(types.length).toBeGreaterThan(2);
    for (const [, type, count, share] of types) expect(labels).toContain(`${type} ${count} (${share})`);
    // Units below the floor: "金港镇（50.00%）" ↔ a label "50.00%" of the units chart.
    const below = text.split('满意率低于')[1]?.split('。')[0] ?? '';
    const pcts = [...below.matchAll(/（([\d.]+%)）/g)].map((m) => m[1]!);
    expect(pcts.length).toBeGreaterThan(0);
    for (const p of pcts) expect(labels).toContain(p);
  });
});
