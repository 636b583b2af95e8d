// The typed database schema (Kysely's `Database` interface). Column names are snake_case;
// the store's functions translate to the domain's camelCase types. Times are ISO 8601 text with
// +08:00, so they sort as text; JSON columns hold arrays/objects as text.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { FigureFact } from '../domain/figures/facts.js';

export interface UnitsTable {
  code: string; // 单位代码: what every flag and JSON field names a unit by
  name: string;
  kind: string; // town | department | community | utility
  parent: string | null;
  leader: string | null; // 一把手
  deputy: string | null; // 分管负责人
  contact: string | null; // 联络员
  phone: string | null;
  /** JSON array of names who may sign replies besides leader and deputy (签批). */
  signers: string | null;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CategoriesTable {
  name: string; // 业务分类 as the city writes it
  department: string | null; // the department usually responsible (a unit code), if any
  sort: number;
}

export interface OrdersTable {
  no: string; // 工单编号
  channel: string | null;
  type: string;
  category: string | null;
  urgency: string;
  citizen: string | null;
  phone: string | null;
  address: string | null;
  town: string | null;
  title: string | null;
  content: string | null;
  deadline: string | null; // 办理时限 as the city gave it (normalized text)
  instructions: string | null;
  received_at: string;
  due_at: string;
  status: string;
  lead_unit: string | null;
  co_units: string; // JSON array of unit codes
  return_count: number;
  rework_count: number;
  extension_days: number;
  satisfaction: string | null;
  repeat_of: string | null;
  first_dispatched_at: string | null;
  /** The full lifecycle state (OrderState) as JSON: the columns above are its indexed part. */
  state: string;
  /** A hash of the registered fields: a re-sent identical order is recognised as unchanged. */
  source_hash: string;
  /** The city changed an order already being handled: the clerk should look at it. */
  flagged: Generated<number>;
  last_event_at: string;
  created_at: string;
  updated_at: string;
}

export interface EventsTable {
  id: Generated<number>;
  order_no: string;
  action: string;
  from_status: string | null;
  to_status: string;
  unit: string | null;
  actor: string;
  occurred_at: string;
  recorded_at: string;
  note: string | null;
  data: string; // JSON EventData
  /** The hash chain: sha256(previous event's hash + this event's fields); see store/chain.ts. */
  hash: string | null;
}

export interface RulesTable {
  id: Generated<number>;
  category: string | null;
  town: string | null;
  type: string | null;
  keywords: string; // JSON array
  unit: string;
  priority: number;
  note: string | null;
  created_at: string;
  /** 'default' (loaded by `init` from the directory) or 'office'. */
  origin: Generated<string>;
  /** Set when removed: a removed default rule is not loaded again by `init`. */
  removed_at: string | null;
}

export interface CategoryAliasesTable {
  alias: string; // a name the city writes, e.g. 人力资源和社会保障
  category: string; // the directory's category, e.g. 人社
}

export interface CalendarDaysTable {
  date: string; // the office's own entry; the official schedule comes from the package
  kind: string; // workday | holiday
  note: string | null;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value: string; // JSON number or string
  updated_at: string;
  updated_by: string;
}

export interface MeetingsTable {
  id: Generated<number>;
  date: string;
  attendees: string | null;
  decision: string;
  lead_unit: string;
  orders: string; // JSON array of order numbers
  created_at: string;
  created_by: string;
}

export interface ImportsTable {
  id: Generated<number>;
  file: string;
  sha256: string;
  format: string;
  started_at: string;
  finished_at: string;
  actor: string;
  summary: string; // JSON
}

/** Who read personal data unmasked (--no-mask), and what. Append-only. */
export interface AccessLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  command: string;
  detail: string;
}

export interface CircularsTable {
  year: number;
  n: number;
  period_from: string;
  period_to: string;
  issued_at: string;
  issued_by: string;
}

export interface AccountabilityTable {
  id: Generated<number>;
  unit: string;
  measure: string;
  orders: string; // JSON array of order numbers
  decided_by: string;
  date: string; // yyyy-MM-dd, the day the measure was decided
  note: string | null;
  created_at: string;
  created_by: string;
}

export interface ThemesTable {
  id: Generated<number>;
  month: string; // yyyy-MM
  title: string;
  keywords: string; // JSON array
  category: string | null;
  lead_unit: string;
  status: string; // open | closed
  created_at: string;
  created_by: string;
}

export interface KbEntriesTable {
  id: Generated<number>;
  title: string;
  category: string;
  keywords: string; // JSON array
  answer: string;
  approved_by: string;
  valid_until: string | null; // yyyy-MM-dd, last valid day
  created_at: string;
  created_by: string;
}

/** One figure fact of an order (domain/figures/facts.ts): written from the fold with every change. */
export interface FigureFactsTable extends Omit<FigureFact, 'kind' | 'unit' | 'part'> {
  order_no: string;
  kind: string;
  /** '' for none. */
  unit: string;
  part: string | null;
}

/** The hot topics' words of an order, as segmented with dictionary `dict` (a cache, deleted when the order's text changes). */
export interface OrderWordsTable {
  no: string;
  dict: string;
  title_words: string; // tab-separated
  words: string; // tab-separated
}

export interface TopicCountsTable {
  dict: string;
  period_from: string;
  period_to: string;
  orders: number;
  counts: string; // JSON (store/words.ts)
}

export interface Database {
  units: UnitsTable;
  categories: CategoriesTable;
  category_aliases: CategoryAliasesTable;
  orders: OrdersTable;
  events: EventsTable;
  rules: RulesTable;
  calendar_days: CalendarDaysTable;
  settings: SettingsTable;
  meetings: MeetingsTable;
  imports: ImportsTable;
  access_log: AccessLogTable;
  circulars: CircularsTable;
  accountability: AccountabilityTable;
  themes: ThemesTable;
  kb_entries: KbEntriesTable;
  figure_facts: FigureFactsTable;
  order_words: OrderWordsTable;
  topic_counts: TopicCountsTable;
}

export type UnitRow = Selectable<UnitsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type NewOrderRow = Insertable<OrdersTable>;
export type OrderRowUpdate = Updateable<OrdersTable>;
export type EventRow = Selectable<EventsTable>;
export type RuleRow = Selectable<RulesTable>;
export type Json = ColumnType<string, string, string>;
