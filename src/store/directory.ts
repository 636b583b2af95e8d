// The directory: handling units (承办单位) and categories (业务分类).
import type { UnitKind } from '../domain/order.js';
import type { Db } from './db.js';

export interface Unit {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
  leader: string | null;
  deputy: string | null;
  contact: string | null;
  phone: string | null;
  /** 签批: the signers the office registered beyond the leader and deputy (`units update --signers`). */
  signers?: string[];
}

export interface Category {
  name: string;
  department: string | null;
  /** Other names the city writes for it (data/categories.json; stored in category_aliases). */
  aliases?: string[];
}

const unitColumns = ['code', 'name', 'kind', 'parent', 'leader', 'deputy', 'contact', 'phone', 'signers'] as const;

type UnitRow = Omit<Unit, 'signers'> & { signers: string | null };

function fromRow(r: UnitRow): Unit {
  return { ...r, signers: r.signers ? (JSON.parse(r.signers) as string[]) : [] };
}

/** The column's value: a JSON array, or null for none. */
function signersColumn(signers: readonly string[] | undefined): string | null {
  return signers && signers.length > 0 ? JSON.stringify(signers) : null;
}

function toRow(u: Unit): UnitRow {
  return { ...u, signers: signersColumn(u.signers) };
}

export async function listUnits(db: Db, filter: { kind?: UnitKind } = {}): Promise<Unit[]> {
  let q = db.selectFrom('units').select(unitColumns).where('active', '=', 1);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q.orderBy('kind').orderBy('code').execute();
  return (rows as UnitRow[]).map(fromRow);
}

export async function getUnit(db: Db, code: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').select(unitColumns).where('code', '=', code).executeTakeFirst();
  return row ? fromRow(row as UnitRow) : undefined;
}

export async function findUnitByName(db: Db, name: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').select(unitColumns).where('name', '=', name).executeTakeFirst();
  return row ? fromRow(row as UnitRow) : undefined;
}

export async function insertUnit(db: Db, unit: Unit, now: string): Promise<void> {
  await db.insertInto('units').values({ ...toRow(unit), created_at: now, updated_at: now }).execute();
}

export async function updateUnit(db: Db, code: string, changes: Partial<Omit<Unit, 'code'>>, now: string): Promise<void> {
  const { signers, ...rest } = changes;
  const set = signers === undefined ? rest : { ...rest, signers: signersColumn(signers) };
  await db.updateTable('units').set({ ...set, updated_at: now }).where('code', '=', code).execute();
}

/** Insert the units that are not there yet (by code); existing ones are left as the office edited them. */
export async function insertMissingUnits(db: Db, units: Unit[], now: string): Promise<number> {
  if (units.length === 0) return 0;
  const result = await db
    .insertInto('units')
    .values(units.map((u) => ({ ...toRow(u), created_at: now, updated_at: now })))
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function listCategories(db: Db): Promise<Category[]> {
  return db.selectFrom('categories').select(['name', 'department']).orderBy('sort').orderBy('name').execute();
}

export async function insertMissingCategories(db: Db, categories: Category[]): Promise<number> {
  if (categories.length === 0) return 0;
  const result = await db
    .insertInto('categories')
    .values(categories.map((c, i) => ({ name: c.name, department: c.department, sort: i })))
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Town names (as the city writes them) → unit code, for warnings and routing. */
export async function townNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('units').select(['code', 'name']).where('kind', '=', 'town').execute();
  return new Map(rows.map((r) => [r.name, r.code]));
}

/** alias → the directory's category name. */
export async function categoryAliases(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('category_aliases').select(['alias', 'category']).execute();
  return new Map(rows.map((r) => [r.alias, r.category]));
}

/** Add the aliases not there yet; an alias the office pointed elsewhere is left alone. */
export async function insertMissingAliases(db: Db, aliases: { alias: string; category: string }[]): Promise<number> {
  if (aliases.length === 0) return 0;
  const result = await db.insertInto('category_aliases').values(aliases).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/**
 * The directory as a tree (units list): each unit followed by the units under it (a town's
 * communities), depth-first, siblings in the given order; a unit whose parent is not listed is a root.
 */
export function unitTree<U extends Pick<Unit, 'code' | 'parent'>>(units: readonly U[]): { unit: U; depth: number }[] {
  const codes = new Set(units.map((u) => u.code));
  const children = new Map<string, U[]>();
  const roots: U[] = [];
  for (const u of units) {
    if (u.parent && codes.has(u.parent) && u.parent !== u.code) {
      const list = children.get(u.parent) ?? [];
      list.push(u);
      children.set(u.parent, list);
    } else roots.push(u);
  }
  const out: { unit: U; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (u: U, depth: number): void => {
    if (seen.has(u.code)) return;
    seen.add(u.code);
    out.push({ unit: u, depth });
    for (const c of children.get(u.code) ?? []) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  // A cycle of parents (a→b→a) has no root: list what is left flat rather than lose it.
  for (const u of units) walk(u, 0);
  return out;
}
