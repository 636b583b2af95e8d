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
}

export interface Category {
  name: string;
  department: string | null;
  /** Other names the city writes for it (data/categories.json; stored in category_aliases). */
  aliases?: string[];
}

const unitColumns = ['code', 'name', 'kind', 'parent', 'leader', 'deputy', 'contact', 'phone'] as const;

export async function listUnits(db: Db, filter: { kind?: UnitKind } = {}): Promise<Unit[]> {
  let q = db.selectFrom('units').select(unitColumns).where('active', '=', 1);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q.orderBy('kind').orderBy('code').execute();
  return rows as Unit[];
}

export async function getUnit(db: Db, code: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').select(unitColumns).where('code', '=', code).executeTakeFirst();
  return row as Unit | undefined;
}

export async function findUnitByName(db: Db, name: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').select(unitColumns).where('name', '=', name).executeTakeFirst();
  return row as Unit | undefined;
}

export async function insertUnit(db: Db, unit: Unit, now: string): Promise<void> {
  await db.insertInto('units').values({ ...unit, created_at: now, updated_at: now }).execute();
}

export async function updateUnit(db: Db, code: string, changes: Partial<Omit<Unit, 'code'>>, now: string): Promise<void> {
  await db.updateTable('units').set({ ...changes, updated_at: now }).where('code', '=', code).execute();
}

/** Insert the units that are not there yet (by code); existing ones are left as the office edited them. */
export async function insertMissingUnits(db: Db, units: Unit[], now: string): Promise<number> {
  if (units.length === 0) return 0;
  const result = await db
    .insertInto('units')
    .values(units.map((u) => ({ ...u, created_at: now, updated_at: now })))
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
