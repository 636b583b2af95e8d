#!/usr/bin/env node
// Writes the sample export files of data/samples/ (committed; run again after changing generate.mjs):
//   node data/samples/make-samples.mjs
// Deterministic: the same bytes every run (seeded PRNG, fixed workbook and zip dates).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { CITY_HEADERS, FIELD_ORDER, csvLine, generateRows, prng } from './generate.mjs';

export { generateRows, csvLines, CITY_HEADERS, FIELD_ORDER } from './generate.mjs';

const DIR = path.dirname(fileURLToPath(import.meta.url));
export const SAMPLE_COUNT = 300;
export const SAMPLE_SEED = 20261120;
const FIXED_DATE = new Date(Date.UTC(2026, 10, 20, 10, 0, 0)); // 2026-11-20 18:00 Beijing

/**
 * The rows of orders-bad.csv that are wrong, by index into the sample rows (0-based), and how.
 * The phone one is only a warning: that row is imported.
 */
export const BAD_ROWS = [
  { index: 9, field: 'no', value: '', kind: 'missingNo' },
  { index: 24, field: 'received_at', value: '2026-11-31 10:00', kind: 'badReceivedAt' },
  { index: 49, field: 'type', value: '求援', kind: 'badType' },
  { index: 99, field: 'urgency', value: '加急', kind: 'badUrgency' },
  { index: 149, field: 'no', value: null, kind: 'duplicateNo' }, // the number of row 148
  { index: 199, field: 'title+content', value: '', kind: 'missingTitleContent' },
  { index: 249, field: 'deadline', value: '五个工作日', kind: 'badDeadline' },
  { index: 279, field: 'phone', value: '12345', kind: 'badPhone (warning)' },
];

function badRows(rows) {
  const out = rows.map((r) => ({ ...r }));
  for (const b of BAD_ROWS) {
    const r = out[b.index];
    if (b.kind === 'duplicateNo') r.no = out[b.index - 1].no;
    else if (b.field === 'title+content') r.title = r.content = '';
    else r[b.field] = b.value;
  }
  return out;
}

function csvText(rows) {
  const lines = [csvLine(FIELD_ORDER.map((f) => CITY_HEADERS[f]))];
  for (const r of rows) lines.push(csvLine(FIELD_ORDER.map((f) => r[f])));
  return lines.join('\r\n') + '\r\n';
}

/** A Beijing wall-clock text as the Date exceljs writes to a date cell (its UTC fields are the wall clock). */
function excelDate(text) {
  const [d, t = '00:00:00'] = text.split(' ');
  const [y, m, day] = d.split('-').map(Number);
  const [hh, mm, ss] = t.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, day, hh, mm, ss));
}

async function xlsxBuffer(rows) {
  const wb = new ExcelJS.Workbook();
  wb.creator = '云溪区12345热线';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const ws = wb.addWorksheet('工单');
  const last = String.fromCharCode(64 + FIELD_ORDER.length);
  ws.mergeCells(`A1:${last}1`);
  ws.getCell('A1').value = '云溪区12345工单导出 2026年11月';
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells(`A2:${last}2`);
  ws.getCell('A2').value = `导出时间：2026-11-20 18:00:00    共 ${rows.length} 条`;
  const header = ws.getRow(3);
  FIELD_ORDER.forEach((f, i) => {
    header.getCell(i + 1).value = CITY_HEADERS[f];
    header.getCell(i + 1).font = { bold: true };
  });
  rows.forEach((r, k) => {
    const row = ws.getRow(4 + k);
    FIELD_ORDER.forEach((f, i) => {
      const cell = row.getCell(i + 1);
      const v = r[f];
      if (f === 'received_at' && v) {
        cell.value = excelDate(v);
        cell.numFmt = 'yyyy-mm-dd hh:mm:ss';
      } else if (f === 'deadline' && v) {
        cell.value = excelDate(v);
        cell.numFmt = v.length === 10 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
      } else {
        cell.value = v === '' ? null : v;
      }
    });
  });
  // Two blank but bordered rows below the data, as exports from the city's platform have.
  for (let k = 0; k < 2; k++) {
    const row = ws.getRow(4 + rows.length + k);
    for (let i = 1; i <= FIELD_ORDER.length; i++) row.getCell(i).border = { top: { style: 'thin' } };
  }
  ws.columns.forEach((c, i) => {
    c.width = [18, 20, 12, 10, 10, 10, 10, 14, 30, 12, 24, 60, 20, 40][i] ?? 12;
  });
  const buf = await wb.xlsx.writeBuffer();
  return stableZip(Buffer.from(buf));
}

/** Re-zip with fixed entry dates so the committed workbook does not change on every run. */
async function stableZip(buf) {
  const zip = await JSZip.loadAsync(buf);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.files[name];
    if (f.dir) continue;
    out.file(name, await f.async('nodebuffer'), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

const SERVICES = [
  ['001', '路灯故障', '{addr}路灯不亮，晚上出行不便，请尽快维修。'],
  ['002', '道路破损', '{addr}路面塌陷出现大坑，车辆经过很危险。'],
  ['003', '垃圾清运', '{addr}垃圾堆放多日无人清运，气味难闻。'],
  ['004', '噪音扰民', '{addr}附近夜间施工噪音很大，影响休息。'],
  ['005', '违章停车', '{addr}人行道上长期停放车辆，行人只能走机动车道。'],
  ['006', '井盖缺失', '{addr}井盖缺失，存在安全隐患。'],
  ['007', '绿化养护', '{addr}行道树枯死倒伏，挡住人行道。'],
  ['008', '投诉建议', '{addr}公共自行车停放点车辆损坏较多，建议及时维护。'],
];

function open311Requests() {
  const rand = prng(311);
  const towns = ['城关街道', '东湖街道', '西苑街道', '南山街道', '北塘街道', '新桥镇'];
  const streets = ['人民路', '东湖路', '西苑路', '南山路', '北塘路', '新桥大街'];
  const out = [];
  for (let i = 0; i < 20; i++) {
    const [code, name, desc] = SERVICES[Math.floor(rand() * SERVICES.length)];
    const t = Math.floor(rand() * towns.length);
    const addr = `云溪区${towns[t]}${streets[t]}${1 + Math.floor(rand() * 200)}号`;
    const day = 16 + Math.floor(i / 4);
    const hh = 8 + Math.floor(rand() * 11);
    const mm = Math.floor(rand() * 60);
    const requested = `2026-11-${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`;
    const closed = i < 6;
    out.push({
      service_request_id: `311${20261100 + day}${String(i + 1).padStart(3, '0')}`,
      status: closed ? 'closed' : 'open',
      status_notes: closed ? '已处理完毕' : null,
      service_name: name,
      service_code: code,
      description: desc.replace('{addr}', addr),
      agency_responsible: '云溪区城市管理局',
      service_notice: null,
      requested_datetime: requested,
      updated_datetime: requested,
      expected_datetime: null,
      address: addr,
      address_id: null,
      zipcode: '311100',
      lat: Number((30.25 + rand() * 0.1).toFixed(6)),
      long: Number((120.1 + rand() * 0.1).toFixed(6)),
      media_url: null,
    });
  }
  return out;
}

async function main() {
  const rows = [...generateRows(SAMPLE_COUNT, SAMPLE_SEED)];
  const csv = csvText(rows);
  const write = (name, data) => {
    fs.writeFileSync(path.join(DIR, name), data);
    console.log(`wrote data/samples/${name}`);
  };
  write('orders.csv', '\uFEFF' + csv);
  write('orders-gb18030.csv', iconv.encode(csv, 'gb18030'));
  write('orders.xlsx', await xlsxBuffer(rows));
  write('orders.json', `[\n${rows.map((r) => '  ' + JSON.stringify(r)).join(',\n')}\n]\n`); // one order a line
  write('open311-requests.json', JSON.stringify(open311Requests(), null, 2) + '\n');
  write('orders-bad.csv', '\uFEFF' + csvText(badRows(rows)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
