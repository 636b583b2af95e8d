// show as a card and history with what happened: every reply's content, result, handler and
// signer (DOMAIN.md: show --json has replies with unit, content, result, handler, signedBy, at),
// the review and the callback (signers are the units' leaders on record); registration sets the
// deadline, it does not "change" it.
import { describe, expect, it } from 'vitest';
import { json, ok, sandbox } from './helpers.js';

describe('show and history', () => {
  it("show the replies, the review and the callback; history's notes say what happened", async () => {
    const sb = await sandbox({ now: '2026-11-24 10:00' });
    await ok(sb, ['add', '--no', 'X1', '--received-at', '2026-11-20 09:00', '--type', '投诉', '--category', '城市管理', '--town', '城关街道', '--title', '夜间施工噪音']);
    await ok(sb, ['dispatch', 'X1', '--to', 'cgjd', '--co', 'cgj', '--at', '2026-11-20 10:00']);
    await ok(sb, ['sign', 'X1', '--at', '2026-11-20 11:00']);
    await ok(sb, ['reply', 'X1', '--unit', 'cgj', '--content', '已配合执法', '--result', 'solved', '--handler', '赵某', '--signed-by', '杨某某', '--at', '2026-11-21 09:00']);
    await ok(sb, ['reply', 'X1', '--content', '已安排整改，夜间停止施工', '--result', 'solved', '--handler', '李某', '--signed-by', '王某', '--at', '2026-11-21 10:00']);
    await ok(sb, ['review', 'X1', '--reject', '--reason', '未说明整改时限', '--at', '2026-11-21 11:00']);
    await ok(sb, ['reply', 'X1', '--content', '已整改，22点后停工', '--result', 'explained', '--handler', '李某', '--signed-by', '王某', '--at', '2026-11-22 10:00']);
    await ok(sb, ['review', 'X1', '--accept', '--at', '2026-11-22 11:00']);
    await ok(sb, ['feedback', 'X1', '--result', 'basic', '--at', '2026-11-23 09:00']);

    const view = await json<{ replies: unknown[]; status: string; dueAt: string }>(sb, ['show', 'X1']);
    expect(view.status).toBe('closed');
    // 投诉, 10 working days from Fri 11-20: Nov 23–27 (5), Nov 30, Dec 1–4 (10) → due Dec 4.
    expect(view.dueAt).toBe('2026-12-04T23:59:59+08:00');
    expect(view.replies).toEqual([
      { unit: 'cgj', lead: false, content: '已配合执法', result: 'solved', handler: '赵某', signedBy: '杨某某', at: '2026-11-21T09:00:00+08:00' },
      { unit: 'cgjd', lead: true, content: '已安排整改，夜间停止施工', result: 'solved', handler: '李某', signedBy: '王某', at: '2026-11-21T10:00:00+08:00' },
      { unit: 'cgjd', lead: true, content: '已整改，22点后停工', result: 'explained', handler: '李某', signedBy: '王某', at: '2026-11-22T10:00:00+08:00' },
    ]);

    const card = (await ok(sb, ['show', 'X1', '--lang', 'zh'])).stdout;
    for (const s of ['各单位办理情况', '城关街道 (cgjd)\t主办', '区城市管理局 (cgj)\t协办', '已配合执法', '经办人：赵某', '签批：杨某某', '已整改，22点后停工', '结果：已解释说明', '退回重办：未说明整改时限', '回访', '基本满意', '流转记录'])
      expect(card, s).toContain(s);

    const history = (await ok(sb, ['history', 'X1'])).stdout.split('\n');
    expect(history.find((l) => l.startsWith('2026-11-21 10:00'))).toContain('solved, handled by 李某, signed by 王某；已安排整改，夜间停止施工');
    const register = history.find((l) => l.includes('register'))!;
    expect(register).not.toContain('due now'); // registration sets the deadline; nothing changed
  });
});
