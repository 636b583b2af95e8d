// The unit picker's search: names, codes and pinyin initials, the suggestion first.
import { describe, expect, it } from 'vitest';
import { pickable, searchUnits } from '../../src/cli/unit-picker.js';

const units = [
  { code: 'cgjd-hpsq', name: '城关街道和平社区', kind: 'community' as const },
  { code: 'cgjd', name: '城关街道', kind: 'town' as const },
  { code: 'cgj', name: '区城市管理局', kind: 'department' as const },
  { code: 'scjgj', name: '区市场监督管理局', kind: 'department' as const },
  { code: 'jyj', name: '区教育局', kind: 'department' as const },
].map(pickable);
const codes = (term: string, suggested?: string) => searchUnits(units, term, suggested).map((u) => u.code);

describe('unit picker search', () => {
  it('puts the suggestion first, then departments and towns before communities', () => {
    expect(codes('', 'jyj')).toEqual(['jyj', 'cgj', 'scjgj', 'cgjd', 'cgjd-hpsq']);
  });
  it('finds a unit by part of its Chinese name, its code, or its pinyin initials', () => {
    expect(codes('市场监督')).toEqual(['scjgj']);
    expect(codes('scj')).toEqual(['scjgj']);
    expect(codes('qjyj')).toEqual(['jyj']);
    expect(codes('jy')[0]).toBe('jyj');
    expect(codes('cgjd')).toEqual(['cgjd', 'cgjd-hpsq']);
    expect(codes('城关')).toEqual(['cgjd', 'cgjd-hpsq']);
    expect(codes('zzz')).toEqual([]);
  });
});
