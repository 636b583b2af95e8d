// The JSON and Open311 reader: the document is parsed whole (bounded by MAX_JSON_BYTES).
import iconv from 'iconv-lite';
import { Refusal } from '../../domain/errors.js';
import { checkEncoding, detectEncoding, ReplacementCheck, SNIFF_BYTES, Utf8Check } from './encoding.js';
import type { RawRecord } from './types.js';
import { byteSource, toBuffer, type ReadInput, type ImportSource } from './read-common.js';

// ---------------------------------------------------------------------------------------------
// JSON and Open311: the document is parsed whole

/** Keys under which a JSON export may hold its array of rows. */
const ARRAY_KEYS = ['orders', 'records', 'data', 'rows', 'items', 'requests', 'service_requests'];

/**
 * Offsets of the elements of the top-level array (key null) or of the array under a top-level
 * key, in a text JSON.parse accepted. Only positions are found here; JSON.parse does the parsing.
 */
export function arrayElementOffsets(text: string, key: string | null): number[] {
  const starts: number[] = [];
  let depth = 0;
  let target = -1; // depth inside the target array
  let expecting = false;
  let lastString: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\uFEFF') continue;
    if (depth === target && expecting && c !== ']') {
      starts.push(i);
      expecting = false;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1) lastString = JSON.parse(text.slice(i, j + 1)) as string;
      i = j;
    } else if (c === '[' || c === '{') {
      depth++;
      if (target < 0 && c === '[' && ((key === null && depth === 1) || (key !== null && depth === 2 && lastString === key))) {
        target = depth;
        expecting = true;
      }
    } else if (c === ']' || c === '}') {
      if (depth === target) target = -2; // done: only the first matching array
      depth--;
    } else if (c === ',' && depth === target) {
      expecting = true;
    }
  }
  return starts;
}

function jsonText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The columns an Open311 request is mapped onto (our fields' English names). */
export const OPEN311_HEADERS = ['no', 'received_at', 'channel', 'type', 'category', 'title', 'content', 'address', 'citizen', 'phone'];

/**
 * Our type for an Open311 service: a type name in the service's name or code, else a few English
 * words (complaint → 投诉, inquiry/question/information → 咨询, suggestion → 建议), else 其他.
 */
export function open311Type(serviceName: string, serviceCode: string): string {
  const s = `${serviceName} ${serviceCode}`;
  for (const t of ['咨询', '求助', '投诉', '举报', '建议', '表扬']) if (s.includes(t)) return t;
  const l = s.toLowerCase();
  if (/complain/.test(l)) return '投诉';
  if (/inquir|enquir|question|information/.test(l)) return '咨询';
  if (/suggest/.test(l)) return '建议';
  return '其他';
}

/**
 * An Open311 GeoReport v2 service request → our columns: no = service_request_id, received_at =
 * requested_datetime, title = category = service_name, content = description, address, channel
 * 'open311', type by open311Type; citizen/phone when the export carries first_name/last_name/phone.
 * Status, coordinates, agency and expected_datetime are not carried over.
 */
export function open311Values(req: Record<string, unknown>): Record<string, string> {
  const service = jsonText(req['service_name']);
  const citizen = `${jsonText(req['last_name'])}${jsonText(req['first_name'])}`;
  return {
    no: jsonText(req['service_request_id']),
    received_at: jsonText(req['requested_datetime']),
    channel: 'open311',
    type: open311Type(service, jsonText(req['service_code'])),
    category: service,
    title: service,
    content: jsonText(req['description']),
    address: jsonText(req['address']),
    citizen,
    phone: jsonText(req['phone']),
  };
}

/** A JSON document is parsed whole: bigger ones must come as CSV or XLSX (bounded memory). */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

export async function openJson(input: ReadInput): Promise<ImportSource> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of byteSource(input) as AsyncIterable<unknown>) {
      const b = toBuffer(c);
      size += b.length;
      if (size > MAX_JSON_BYTES) throw new Refusal('input.jsonTooLarge', { max: MAX_JSON_BYTES / 1048576 });
      chunks.push(b);
    }
  } catch (e) {
    if (e instanceof Refusal) throw e;
    throw new Refusal('import.read.io', { detail: (e as Error).message });
  }
  const buf = Buffer.concat(chunks);
  // As for CSV: the start of the file decides, and the whole file must decode cleanly in it.
  let enc: string = detectEncoding(buf.subarray(0, SNIFF_BYTES + 1), buf.length <= SNIFF_BYTES);
  if (input.encoding) {
    const e = checkEncoding(input.encoding);
    if (!e) throw new Refusal('import.read.badEncoding', { encoding: input.encoding });
    enc = e;
  } else if (enc === 'utf-8') {
    const check = new Utf8Check();
    const bad = check.write(buf) ?? check.end();
    if (bad !== null) throw new Refusal('input.encodingBroken', { line: bad, encoding: enc });
  }
  const text = iconv.decode(buf, enc).replace(/^\uFEFF/, '');
  if (!input.encoding && enc !== 'utf-8') {
    const bad = new ReplacementCheck().write(text);
    if (bad !== null) throw new Refusal('input.encodingBroken', { line: bad, encoding: enc });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Refusal('import.read.json', { detail: (e as Error).message });
  }
  let key: string | null = null;
  let list: unknown[];
  if (Array.isArray(doc)) list = doc;
  else if (typeof doc === 'object' && doc !== null) {
    const obj = doc as Record<string, unknown>;
    const arrays = Object.keys(obj).filter((k) => Array.isArray(obj[k]));
    const k = ARRAY_KEYS.find((a) => arrays.includes(a)) ?? (arrays.length === 1 ? arrays[0] : undefined);
    if (k === undefined) throw new Refusal('import.read.jsonShape', {});
    key = k;
    list = obj[k] as unknown[];
  } else {
    throw new Refusal('import.read.jsonShape', {});
  }
  const offsets = arrayElementOffsets(text, key);
  const lines: number[] = [];
  let line = 1;
  let pos = 0;
  for (const off of offsets) {
    for (; pos < off; pos++) if (text.charCodeAt(pos) === 10) line++;
    lines.push(line);
  }
  const open311 = input.format === 'open311';
  const objects = list.map((el) =>
    typeof el === 'object' && el !== null && !Array.isArray(el) ? (el as Record<string, unknown>) : {},
  );
  let headers: string[];
  if (open311) headers = [...OPEN311_HEADERS];
  else {
    const seen = new Set<string>();
    for (const o of objects) for (const k of Object.keys(o)) seen.add(k);
    headers = [...seen];
  }
  async function* records(): AsyncGenerator<RawRecord> {
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i]!;
      const values: Record<string, string> = {};
      if (open311) Object.assign(values, open311Values(o));
      else for (const h of headers) values[h] = jsonText(o[h]);
      if (Object.values(values).every((v) => v === '') && !open311) continue;
      yield { line: lines[i] ?? 0, values };
    }
  }
  return {
    format: input.format,
    encoding: enc,
    sheet: null,
    headerLine: 0,
    headers,
    records: records(),
    close: () => undefined,
  };
}
