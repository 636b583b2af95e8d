// Messages of the calendar area: calendar-file errors (src/io/calendar-file.ts) and the
// deadline engine's refusals (src/domain/deadlines.ts).
import type { CatalogueArea } from './index.js';

export const calendarMessages: CatalogueArea = {
  zh: {
    'calendar.file.lineError': '第 {line} 行：{reason}',
    'calendar.file.badDate': '日期无效：“{value}”（应为 2027-01-01、2027/1/1 或 2027年1月1日）',
    'calendar.file.missingKind': '缺少类型（可用：{allowed}）',
    'calendar.file.badKind': '类型无效：“{value}”（可用：{allowed}）',
    'calendar.file.rangeReversed': '日期范围的结束日 {to} 早于开始日 {from}',
    'calendar.file.rangeTooLong': '日期范围 {from} 至 {to} 共 {days} 天，超过 {max} 天上限',
    'calendar.file.conflict': '{date} 在第 {firstLine} 行为 {firstKind}，此处又为 {kind}',
    'calendar.file.badCsv': 'CSV 行的引号未闭合：“{value}”',
    'calendar.extension.badDays': '延期天数须为不小于 1 的整数工作日，收到：{days}',
    'calendar.extension.tooLate': '延期须在办理时限 {dueAt} 之前申请（申请时间 {at}）',
    'calendar.extension.overCap': '延期 {days} 个工作日超出上限：每件工单累计最多 {max} 个工作日，已延期 {used} 个，还可延期 {left} 个',
  },
  en: {
    'calendar.file.lineError': 'line {line}: {reason}',
    'calendar.file.badDate': 'not a valid date: "{value}" (write 2027-01-01, 2027/1/1 or 2027年1月1日)',
    'calendar.file.missingKind': 'the kind is missing (one of: {allowed})',
    'calendar.file.badKind': 'unknown kind "{value}" (one of: {allowed})',
    'calendar.file.rangeReversed': 'the range ends ({to}) before it starts ({from})',
    'calendar.file.rangeTooLong': 'the range {from}..{to} covers {days} days, more than {max}',
    'calendar.file.conflict': '{date} is a {firstKind} on line {firstLine} and a {kind} here',
    'calendar.file.badCsv': 'unclosed quote in CSV line: "{value}"',
    'calendar.extension.badDays': 'an extension is a whole number of working days, at least 1; got {days}',
    'calendar.extension.tooLate': 'an extension must be asked before the deadline {dueAt} (asked at {at})',
    'calendar.extension.overCap':
      'an extension of {days} working days is over the limit: at most {max} in total per order, {used} already granted, {left} left',
  },
};
