// Returns awaiting the office's review, as the daily report counts them from figure facts (the
// store finds them through their orders' status, return_requested) and as a replay of the logs
// does (an as-of time with events after it): the same, while waiting and once decided.
import { beforeAll, describe, expect, it } from 'vitest';
import { json, ok, sandbox, type Sandbox } from './helpers.js';

let sb: Sandbox;
type Daily = { returns: number; returnsAwaitingReview: number };
const daily = (date: string): Promise<Daily> => json<Daily>(sb, ['report', 'daily', '--date', date]);

beforeAll(async () => {
  sb = await sandbox({ now: '2026-11-24 10:00', lang: 'zh' });
  for (const no of ['A', 'B'])
    await ok(sb, ['add', '--no', no, '--received-at', '2026-11-23 08:00', '--type', '求助', '--category', '城乡建设', '--town', '城关街道', '--title', `工单${no}`]);
  await ok(sb, ['dispatch', 'A', 'B', '--to', 'cgjd', '--at', '2026-11-23 09:00']);
  await ok(sb, ['return', 'A', '--reason', '非本单位职责', '--at', '2026-11-23 10:00']);
  await ok(sb, ['return', 'B', '--reason', '非本单位职责', '--at', '2026-11-23 10:00']);
  await ok(sb, ['return', 'deny', 'B', '--at', '2026-11-23 11:00']);
}, 60_000);

describe('returns awaiting review', () => {
  it('one awaits (A), one was denied (B): from figure facts, then from the logs (events after the day) alike; none once decided', async () => {
    // The day's report as of its end: nothing happened after it, the store sums figure facts.
    expect(await daily('2026-11-23')).toMatchObject({ returns: 2, returnsAwaitingReview: 1 });
    await ok(sb, ['return', 'approve', 'A', '--at', '2026-11-24 09:30']);
    // The same day's report now replays the logs as of its end: A still awaited review then.
    expect(await daily('2026-11-23')).toMatchObject({ returns: 2, returnsAwaitingReview: 1 });
    // Today's, from figure facts again: nothing awaits.
    expect((await daily('2026-11-24')).returnsAwaitingReview).toBe(0);
  });
});
