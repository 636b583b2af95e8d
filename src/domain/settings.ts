// The office's settings (时限、阈值、权重): every time limit, threshold and weight has a key,
// a default from DOMAIN.md, and a validation rule. The store keeps only what the office changed.
import { CIRCULAR_SETTING_SPECS, checkText } from './circular-doc.js';
import { ORDER_TYPES, ORDER_TYPE_EN, type OrderType } from './order.js';

export type SettingKind = 'workdays' | 'hours' | 'percent' | 'weight' | 'count' | 'orders' | 'ratio' | 'clock' | 'switch' | 'text';

export interface SettingSpec {
  key: string;
  kind: SettingKind;
  default: number | string;
  /** Message-catalogue key describing the setting. */
  describe: string;
}

const typeLimits: Record<OrderType, number> = { 咨询: 3, 求助: 5, 投诉: 10, 举报: 10, 建议: 10, 表扬: 3, 其他: 5 };

export const SETTING_SPECS: readonly SettingSpec[] = [
  ...ORDER_TYPES.map((t) => ({
    key: `reply.${ORDER_TYPE_EN[t]}`,
    kind: 'workdays' as const,
    default: typeLimits[t],
    describe: 'setting.reply',
  })),
  { key: 'urgent.hours', kind: 'hours', default: 24, describe: 'setting.urgentHours' }, // 紧急
  { key: 'critical.hours', kind: 'hours', default: 2, describe: 'setting.criticalHours' }, // 特急
  { key: 'sign.workdays', kind: 'workdays', default: 1, describe: 'setting.signWorkdays' },
  { key: 'sign.urgentHours', kind: 'hours', default: 1, describe: 'setting.signUrgentHours' },
  { key: 'return.workdays', kind: 'workdays', default: 2, describe: 'setting.returnWorkdays' },
  { key: 'return.review', kind: 'switch', default: 'on', describe: 'setting.returnReview' }, // 退单审核
  { key: 'contact.workdays', kind: 'workdays', default: 1, describe: 'setting.contactWorkdays' }, // 先行联系
  { key: 'contact.urgentHours', kind: 'hours', default: 2, describe: 'setting.contactUrgentHours' },
  { key: 'office.hoursEnd', kind: 'clock', default: '17:30:00', describe: 'setting.officeHoursEnd' }, // 当日转接
  { key: 'extension.maxWorkdays', kind: 'workdays', default: 10, describe: 'setting.extensionMax' },
  { key: 'day.closingTime', kind: 'clock', default: '23:59:59', describe: 'setting.closingTime' },
  { key: 'overdue.seriousWorkdays', kind: 'workdays', default: 5, describe: 'setting.seriousWorkdays' },
  { key: 'satisfaction.floor', kind: 'percent', default: 85, describe: 'setting.satisfactionFloor' },
  { key: 'satisfaction.weight.satisfied', kind: 'weight', default: 100, describe: 'setting.weightSatisfied' },
  { key: 'satisfaction.weight.basic', kind: 'weight', default: 80, describe: 'setting.weightBasic' },
  { key: 'satisfaction.weight.unsatisfied', kind: 'weight', default: 0, describe: 'setting.weightUnsatisfied' },
  { key: 'repeat.windowDays', kind: 'count', default: 30, describe: 'setting.repeatWindow' },
  { key: 'repeat.similarity', kind: 'ratio', default: 0.9, describe: 'setting.repeatSimilarity' },
  { key: 'assess.weight.signedInTime', kind: 'weight', default: 10, describe: 'setting.assessSigned' },
  { key: 'assess.weight.onTime', kind: 'weight', default: 40, describe: 'setting.assessOnTime' },
  { key: 'assess.weight.satisfaction', kind: 'weight', default: 40, describe: 'setting.assessSatisfaction' },
  { key: 'assess.weight.discipline', kind: 'weight', default: 10, describe: 'setting.assessDiscipline' },
  { key: 'assess.weight.response', kind: 'weight', default: 0, describe: 'setting.assessResponse' }, // 响应率
  { key: 'assess.weight.resolution', kind: 'weight', default: 0, describe: 'setting.assessResolution' }, // 解决率
  { key: 'assess.weight.firstContact', kind: 'weight', default: 0, describe: 'setting.assessFirstContact' },
  { key: 'ranking.minimum', kind: 'orders', default: 3, describe: 'setting.rankingMinimum' },
  ...CIRCULAR_SETTING_SPECS,
  // Operators and roles (domain/auth.ts); `init` on PostgreSQL turns it on.
  { key: 'auth.required', kind: 'switch', default: 'off', describe: 'setting.authRequired' },
];

/** The typed view every domain function takes. */
export interface Settings {
  replyWorkdays: Record<OrderType, number>;
  urgentHours: number;
  criticalHours: number;
  signWorkdays: number;
  signUrgentHours: number;
  returnWorkdays: number;
  /** 退单审核: a return waits for the office's decision (true) or takes effect at once. */
  returnReview: boolean;
  contactWorkdays: number;
  contactUrgentHours: number;
  /** End of office hours, 'HH:MM:SS' (当日转接). */
  officeHoursEnd: string;
  /** A unit that handled fewer orders in the period is not ranked. */
  rankingMinimum: number;
  extensionMaxWorkdays: number;
  closingTime: string;
  seriousOverdueWorkdays: number;
  satisfactionFloor: number;
  satisfactionWeights: { satisfied: number; basic: number; unsatisfied: number };
  repeatWindowDays: number;
  repeatSimilarity: number;
  assessWeights: AssessWeights;
}

/** The assessment's components and their weights (a component weighted 0 is not used). */
export interface AssessWeights {
  signedInTime: number;
  onTime: number;
  satisfaction: number;
  discipline: number;
  firstContact: number;
  response: number;
  resolution: number;
}

export function specOf(key: string): SettingSpec | undefined {
  return SETTING_SPECS.find((s) => s.key === key);
}

/**
 * Sane bounds per kind (DOMAIN.md "Time limits"): working days 1–60, hours 1–240, percentages and
 * weights 0–100, a window of days 1–365, a ratio 0–1. The extension cap may be 0 (no extensions).
 */
export function settingBounds(spec: SettingSpec): { min: number; max: number } | null {
  switch (spec.kind) {
    case 'workdays':
      return { min: spec.key.startsWith('extension') ? 0 : 1, max: 60 };
    case 'hours':
      return { min: 1, max: 240 };
    case 'percent':
    case 'weight':
      return { min: 0, max: 100 };
    case 'count':
      return { min: 1, max: 365 };
    case 'orders':
      return { min: 0, max: 1000 };
    case 'ratio':
      return { min: 0, max: 1 };
    case 'clock':
    case 'switch':
    case 'text':
      return null;
  }
}

/** Why a value is refused for a key, as a message-catalogue key (with its parameters); else the value. */
export function checkSetting(spec: SettingSpec, raw: string): { value: number | string } | { error: string; params?: Record<string, number> } {
  const v = raw.trim();
  if (spec.kind === 'text') return checkText(spec.key, raw);
  if (spec.kind === 'switch') {
    const on = ['on', 'yes', 'true', '1', '开', '是'].includes(v.toLowerCase());
    const off = ['off', 'no', 'false', '0', '关', '否'].includes(v.toLowerCase());
    if (!on && !off) return { error: 'config.badSwitch' };
    return { value: on ? 'on' : 'off' };
  }
  if (spec.kind === 'clock') {
    const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return { error: 'config.badClock' };
    return { value: `${m[1]!.padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}` };
  }
  // A plain decimal number only: "1e308", "0x10", "Infinity" are not limits a clerk types.
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v)) return { error: 'config.notNumber' };
  const n = Number(v);
  if (n < 0) return { error: 'config.negative' };
  if ((spec.kind === 'workdays' || spec.kind === 'count' || spec.kind === 'orders') && !Number.isInteger(n)) return { error: 'config.notInteger' };
  if ((spec.kind === 'workdays' || spec.kind === 'hours') && n === 0 && !spec.key.startsWith('extension'))
    return { error: 'config.zeroLimit' };
  if (spec.kind === 'percent' && n > 100) return { error: 'config.over100' };
  if (spec.kind === 'ratio' && n > 1) return { error: 'config.overRatio' };
  const b = settingBounds(spec);
  if (b && (n < b.min || n > b.max)) return { error: 'input.configOutOfRange', params: b };
  return { value: n };
}

/** Defaults overlaid by the office's values. */
export function buildSettings(overrides: ReadonlyMap<string, number | string> = new Map()): Settings {
  const get = (key: string): number => {
    const v = overrides.get(key) ?? specOf(key)?.default;
    return Number(v);
  };
  const replyWorkdays = Object.fromEntries(ORDER_TYPES.map((t) => [t, get(`reply.${ORDER_TYPE_EN[t]}`)])) as Record<
    OrderType,
    number
  >;
  return {
    replyWorkdays,
    urgentHours: get('urgent.hours'),
    criticalHours: get('critical.hours'),
    signWorkdays: get('sign.workdays'),
    signUrgentHours: get('sign.urgentHours'),
    returnWorkdays: get('return.workdays'),
    returnReview: String(overrides.get('return.review') ?? 'on') === 'on',
    contactWorkdays: get('contact.workdays'),
    contactUrgentHours: get('contact.urgentHours'),
    officeHoursEnd: String(overrides.get('office.hoursEnd') ?? '17:30:00'),
    rankingMinimum: get('ranking.minimum'),
    extensionMaxWorkdays: get('extension.maxWorkdays'),
    closingTime: String(overrides.get('day.closingTime') ?? '23:59:59'),
    seriousOverdueWorkdays: get('overdue.seriousWorkdays'),
    satisfactionFloor: get('satisfaction.floor'),
    satisfactionWeights: {
      satisfied: get('satisfaction.weight.satisfied'),
      basic: get('satisfaction.weight.basic'),
      unsatisfied: get('satisfaction.weight.unsatisfied'),
    },
    repeatWindowDays: get('repeat.windowDays'),
    repeatSimilarity: get('repeat.similarity'),
    assessWeights: {
      signedInTime: get('assess.weight.signedInTime'),
      onTime: get('assess.weight.onTime'),
      satisfaction: get('assess.weight.satisfaction'),
      discipline: get('assess.weight.discipline'),
      firstContact: get('assess.weight.firstContact'),
      response: get('assess.weight.response'),
      resolution: get('assess.weight.resolution'),
    },
  };
}

export const DEFAULT_SETTINGS: Settings = buildSettings();
