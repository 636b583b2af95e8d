// The unit picker: wherever a unit is asked for, a search-as-you-type list over unit names, codes
// and pinyin initials (区市场监督管理局 → qscjdglj, also "scjg"), the suggestion first so Enter
// takes it. Only on a terminal; elsewhere (or with --yes) the missing flag is named instead.
import { pinyin } from 'pinyin-pro';
import { Refusal } from '../domain/errors.js';
import { listUnits, type Unit } from '../store/directory.js';
import type { Context } from './context.js';
import { promptIO, promptTheme } from './terminal.js';

export interface PickableUnit {
  code: string;
  name: string;
  kind: string;
  /** Lowercase text searched: code, name, pinyin initials and full pinyin. */
  haystack: string;
}

export function pickable(u: Pick<Unit, 'code' | 'name' | 'kind'>): PickableUnit {
  const initials = pinyin(u.name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
  const full = pinyin(u.name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
  return { code: u.code, name: u.name, kind: u.kind, haystack: `${u.code}\u0000${u.name}\u0000${initials}\u0000${full}`.toLowerCase() };
}

/** Directory order for the picker: departments and towns (who most orders go to) before the rest. */
const KIND_ORDER: Record<string, number> = { department: 0, town: 1, utility: 2, community: 3 };

/**
 * Units matching what was typed (every space-separated part must occur), best first: the
 * suggestion, then an exact code or name, a code/initials/name starting with it, a name containing
 * it, and last a pinyin match anywhere; ties in directory order.
 */
export function searchUnits(units: readonly PickableUnit[], term: string | undefined, suggested?: string): PickableUnit[] {
  const parts = (term ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  const hits = units.filter((u) => parts.every((p) => u.haystack.includes(p)));
  const first = parts[0] ?? '';
  const score = (u: PickableUnit): number => {
    if (u.code === suggested && parts.length === 0) return 0;
    if (parts.length === 0) return 10 + (KIND_ORDER[u.kind] ?? 4);
    const [code, name, initials] = u.haystack.split('\u0000') as [string, string, string];
    const bare = initials.replace(/^q/, ''); // 区… names: "scj" finds 区市场监督管理局 as well as "qscj"
    if (code === first || name === first) return 1;
    if (code.startsWith(first)) return 2;
    if (initials.startsWith(first) || bare.startsWith(first) || name.startsWith(first) || name.replace(/^区/, '').startsWith(first)) return 3;
    if (name.includes(first)) return 4;
    return 5;
  };
  return hits
    .map((u, i) => ({ u, i, s: score(u), k: KIND_ORDER[u.kind] ?? 4 }))
    .sort((a, b) => a.s - b.s || a.k - b.k || a.i - b.i)
    .map((x) => x.u);
}

export async function loadPickableUnits(ctx: Context): Promise<PickableUnit[]> {
  return (await listUnits(await ctx.db())).map(pickable);
}

/** Ask for a unit with the picker; `suggested` (a code) is first, so Enter accepts it. */
export async function askUnit(ctx: Context, spec: { flag: string; suggested?: string | null; messageKey?: string; units?: PickableUnit[] }): Promise<string> {
  const t = ctx.term;
  if (!t.interactive) throw new Refusal('flag.missing', { flag: spec.flag });
  const units = spec.units ?? (await loadPickableUnits(ctx));
  const { default: search } = await import('@inquirer/search');
  return search<string>(
    {
      message: t.t(spec.messageKey ?? 'terminal.prompt.unit'),
      pageSize: 8,
      theme: promptTheme(t),
      source: (term) =>
        searchUnits(units, term, spec.suggested ?? undefined).map((u) => ({
          value: u.code,
          name: `${u.name}  ${t.chalk.dim(u.code)}${u.code === spec.suggested ? `  ${t.t('terminal.queue.suggestedMark')}` : ''}`,
          short: `${u.name} (${u.code})`,
        })),
    },
    promptIO(t),
  );
}
