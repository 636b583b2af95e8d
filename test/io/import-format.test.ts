import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { detectFormat } from '../../src/io/import/format.js';
import { detectEncoding, checkEncoding, SNIFF_BYTES } from '../../src/io/import/encoding.js';
import { SAMPLES } from '../fixtures/import/helpers.js';

const head = (name: string): Buffer => fs.readFileSync(path.join(SAMPLES, name)).subarray(0, 4096);

describe('detectFormat', () => {
  it('goes by extension first', () => {
    expect(detectFormat('x.csv', Buffer.from('{}'))).toBe('csv');
    expect(detectFormat('x.XLSX', Buffer.from('abc'))).toBe('xlsx');
    expect(detectFormat('x.json', Buffer.from('[{"no":"1"}]'))).toBe('json');
    expect(detectFormat('requests.json', Buffer.from('[{"service_request_id":"1"}]'))).toBe('open311');
    expect(detectFormat('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))).toBeNull();
  });

  it('goes by content for stdin or an unknown extension', () => {
    expect(detectFormat('-', head('orders.xlsx'))).toBe('xlsx');
    expect(detectFormat('-', head('orders.csv'))).toBe('csv');
    expect(detectFormat('', head('orders-gb18030.csv'))).toBe('csv');
    expect(detectFormat('-', head('orders.json'))).toBe('json');
    expect(detectFormat('export.dat', head('open311-requests.json'))).toBe('open311');
    expect(detectFormat('-', Buffer.alloc(0))).toBeNull();
    expect(detectFormat('-', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toBeNull();
    expect(detectFormat('-', Buffer.from([1, 2, 0, 4]))).toBeNull();
  });
});

describe('detectEncoding', () => {
  it('takes a BOM at its word', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0xd6, 0xd0]), true)).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0]), true)).toBe('utf-16le');
  });

  it('tells GB18030 from UTF-8 without a flag', () => {
    expect(detectEncoding(iconv.encode('工单编号,受理时间\n', 'gb18030'), true)).toBe('gb18030');
    expect(detectEncoding(iconv.encode('工单编号,受理时间\n', 'gbk'), true)).toBe('gb18030');
    expect(detectEncoding(Buffer.from('工单编号,受理时间\n'), true)).toBe('utf-8');
    expect(detectEncoding(Buffer.from('no,received_at\n'), true)).toBe('utf-8');
    expect(detectEncoding(fs.readFileSync(path.join(SAMPLES, 'orders-gb18030.csv')), true)).toBe('gb18030');
  });

  it('does not hold a character cut at the 64 KiB mark against UTF-8', () => {
    // '中' is 3 bytes in UTF-8: put its first byte at the last position of the sniffed window.
    const prefix = 'a'.repeat(SNIFF_BYTES - 1);
    const buf = Buffer.from(`${prefix}中文内容\n`);
    expect(buf[SNIFF_BYTES - 1]).toBe(0xe4); // the cut is real
    expect(detectEncoding(buf, true)).toBe('utf-8');
    // A file that ends mid-character is not UTF-8, though.
    expect(detectEncoding(Buffer.from('工单').subarray(0, 4), true)).toBe('gb18030');
    // …unless more is still to come.
    expect(detectEncoding(Buffer.from('工单').subarray(0, 4), false)).toBe('utf-8');
  });

  it('checks an encoding the user names', () => {
    expect(checkEncoding('GBK')).toBe('gbk');
    expect(checkEncoding(' utf-8 ')).toBe('utf-8');
    expect(checkEncoding('klingon')).toBeNull();
  });
});
