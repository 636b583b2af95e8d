// Messages of the input-and-privacy rules (issue 9): what an import or `add` refuses (future or
// absurd received times, oversized cells and files, a file that changes encoding part-way, an
// empty file), `config set` bounds, `--no-mask`, and reminders already sent today.
import type { CatalogueArea } from './index.js';

export const inputMessages: CatalogueArea = {
  zh: {
    'input.receivedInFuture': '受理时间“{value}”晚于当前时间（允许误差 {minutes} 分钟），请核对是否录错年份或日期',
    'input.receivedTooOld': '受理时间“{value}”早于 {year} 年，请核对是否录错年份',
    'input.cellTooLarge': '单元格内容过长（{size} 个字符，上限 {max} 个），此行未导入；请核对该单元格，删去多余内容后再导入',
    'input.recordTooLarge': '{file} 第 {line} 行起的一条记录超过 {max} 个字符，文件可能已损坏（如引号未闭合），整个文件未导入；请检查该行',
    'input.encodingBroken': '{file} 前面的内容是 {encoding} 编码，但第 {line} 行起不是（文件中混有两种编码），整个文件未导入。请用 Excel 重新另存为一种编码；若确知编码，用 --encoding 指定（如 --encoding gb18030）',
    'input.xlsxTooLarge.sharedString': '{file} 中有一个文本超过 {max} MB 上限，文件异常（可能是被构造的恶意文件），未导入。请另存为 CSV 或拆分后再导入',
    'input.xlsxTooLarge.sharedStrings': '{file} 的共享文本表超过 {max} MB 上限，未导入。请另存为 CSV 或拆分成几个文件再导入',
    'input.xlsxTooLarge.row': '{file} 中有一行超过 {max} MB 上限，文件异常，未导入。请另存为 CSV 或检查该工作表',
    'input.xlsxTooLarge.part': '{file} 的 {part} 超过 {max} MB 上限，文件异常（可能是被构造的恶意文件），未导入。请另存为 CSV 再导入',
    'input.jsonTooLarge': '{file} 超过 {max} MB：JSON 文件需整体读入，过大的导出请改用 CSV 或 XLSX',
    'input.emptyFile': '{file} 中没有任何工单（空文件、只有表头或 []），可能是导出不完整，未导入。若确实没有新工单，请加 --allow-empty',
    'input.configOutOfRange': '{key} 须在 {min} 到 {max} 之间（收到 {value}），未修改。',
    'input.opt.allowEmpty': '允许导入没有任何工单的文件（脚本确认无新工单时使用）',
    'input.opt.noMaskRejects': '退回行文件中保留诉求人姓名和电话原文（会记入访问日志）',
    'input.opt.noMask': '显示诉求人姓名、电话及正文中的号码原文（会记入访问日志）',
    'input.unmaskedLogged': '已按 --no-mask 显示个人信息原文，此次查看已记入访问日志（操作人 {actor}）。',
    'input.remindSkipped': '{count} 件工单本工作日已自动催办过，未重复催办。',
    'input.waitingForImport': '正在等待一次导入写入完成（通常只需几秒），完成后自动继续……',
  },
  en: {
    'input.receivedInFuture': 'the received time "{value}" is later than now (tolerance {minutes} minutes): check the year and date',
    'input.receivedTooOld': 'the received time "{value}" is before {year}: check the year',
    'input.cellTooLarge': 'a cell is too long ({size} characters, at most {max}); the row was not imported: check that cell and remove what does not belong',
    'input.recordTooLarge': '{file}: the record starting on line {line} is longer than {max} characters; the file may be damaged (an unclosed quote?). Nothing was imported: check that line',
    'input.encodingBroken': '{file} starts in {encoding} but line {line} is not {encoding} (the file mixes two encodings); nothing was imported. Save it again in one encoding, or if you know the encoding give it with --encoding (e.g. --encoding gb18030)',
    'input.xlsxTooLarge.sharedString': '{file}: one text is larger than {max} MB; the file is abnormal (possibly crafted) and was not imported. Save it as CSV or split it',
    'input.xlsxTooLarge.sharedStrings': '{file}: the shared-text table is larger than {max} MB; nothing was imported. Save it as CSV or split it into several files',
    'input.xlsxTooLarge.row': '{file}: one row is larger than {max} MB; the file is abnormal and was not imported. Save it as CSV or check the sheet',
    'input.xlsxTooLarge.part': '{file}: its {part} is larger than {max} MB; the file is abnormal (possibly crafted) and was not imported. Save it as CSV',
    'input.jsonTooLarge': '{file} is larger than {max} MB: a JSON file is read whole; export big files as CSV or XLSX',
    'input.emptyFile': '{file} holds no orders (empty, header only, or []): the export may be incomplete, so nothing was imported. If there really are no new orders, add --allow-empty',
    'input.configOutOfRange': '{key} must be between {min} and {max} (got {value}); nothing was changed.',
    'input.opt.allowEmpty': 'accept a file with no orders (for scripts that know there may be none)',
    'input.opt.noMaskRejects': "keep citizens' names and phones in clear in the rejects file (logged)",
    'input.opt.noMask': "show citizens' names, phones and numbers in the text in clear (logged)",
    'input.unmaskedLogged': 'personal data shown in clear (--no-mask); this was recorded in the access log (operator {actor}).',
    'input.remindSkipped': '{count} orders already had an automatic reminder this working day: not reminded again.',
    'input.waitingForImport': 'waiting for an import to finish writing (usually a few seconds); this command goes on by itself…',
  },
};
