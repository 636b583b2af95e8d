// What every command gets: the terminal, the one clock, who is acting, and the store (opened
// lazily, so `--help` never touches a database), with the office's settings and calendar.
import os from 'node:os';
import { WorkCalendar } from '../domain/calendar.js';
import { Refusal } from '../domain/errors.js';
import { officialCalendar } from '../domain/holidays.js';
import { buildSettings, type Settings } from '../domain/settings.js';
import { parseTime, systemClock, fixedClock, type Clock } from '../domain/time.js';
import type { ActContext } from '../service/act.js';
import type { ReportContext } from '../service/reports.js';
import { officeCalendar, settingOverrides } from '../store/config.js';
import { onImportWait, openStore, resolveDbPath, type Db, type OpenOptions, type Store } from '../store/db.js';
import type { Terminal } from './terminal.js';
import { isPostgresUrl, redactUrl } from '../store/dialect.js';
import { authorize, requireOffice, type Operator } from '../domain/auth.js';
import { databaseLogin, getOperator } from '../store/operators.js';

export interface GlobalOptions {
  district?: string;
  db?: string;
  operator?: string;
  lang?: string;
  debug?: boolean;
}

export class Context {
  readonly clock: Clock;
  /** Who acts: --operator / HOTLINE_OPERATOR / the OS user; with auth.required on PostgreSQL, the database login. */
  operator: string;
  readonly district: string | undefined;
  /** The operator's role when auth.required is on (checked at open); null when it is off. */
  auth: Operator | null = null;
  readonly dbPath: string;
  private opened: Store | undefined;
  private cachedSettings: Settings | undefined;
  private cachedCalendar: WorkCalendar | undefined;

  constructor(
    readonly term: Terminal,
    readonly global: GlobalOptions,
  ) {
    const env = term.streams.env;
    // HOTLINE_NOW fixes "now" for reproducible runs (tests, demos); --at/--as-of do it per command.
    const fixed = env.HOTLINE_NOW ? parseTime(env.HOTLINE_NOW) : null;
    if (env.HOTLINE_NOW && !fixed) throw new Refusal('time.badNow', { value: env.HOTLINE_NOW });
    this.clock = fixed ? fixedClock(fixed) : systemClock;
    this.operator = global.operator || env.HOTLINE_OPERATOR || safeUser();
    // The district this command works in (PostgreSQL: one database, several districts).
    this.district = global.district || env.HOTLINE_DISTRICT || undefined;
    this.dbPath = resolveDbPath(global.db, env);
    onImportWait(() => term.say('input.waitingForImport'));
  }

  /** The database as it may be shown: a PostgreSQL URL without its password. */
  get dbLabel(): string {
    return isPostgresUrl(this.dbPath) ? redactUrl(this.dbPath) : this.dbPath;
  }

  /** The store, opened on first use; only `init` and `restore` pass `create` (see openStore). */
  async store(options: OpenOptions = {}): Promise<Store> {
    if (!this.opened) {
      this.opened = await openStore(this.dbPath, { ...options, district: this.district });
      if (!options.create && !options.readonly) await this.identify(this.opened.db);
    }
    return this.opened;
  }

  /**
   * With auth.required on, the operator must be one the office registered (operators add) and
   * active; on PostgreSQL it is the database login (current_user), never a free-text flag.
   */
  private async identify(db: Db): Promise<void> {
    const overrides = await settingOverrides(db);
    if (String(overrides.get('auth.required') ?? 'off') !== 'on') return;
    const login = (await databaseLogin(db)) ?? this.operator;
    const op = await getOperator(db, login);
    if (!op || !op.active) throw new Refusal('auth.unknownOperator', { login });
    this.operator = login;
    this.auth = op;
    if (this.officeOnlyCommand) requireOffice(op, this.officeOnlyCommand);
  }

  private officeOnlyCommand: string | undefined;

  /**
   * This command is the office's alone (import, add, settings, directory, operators): checked
   * when the store opens, if auth.required is on (nothing changes where it is off).
   */
  officeOnly(what: string): void {
    this.officeOnlyCommand = what;
    if (this.auth) requireOffice(this.auth, what);
  }

  async db(): Promise<Db> {
    return (await this.store()).db;
  }

  async settings(): Promise<Settings> {
    if (!this.cachedSettings) this.cachedSettings = buildSettings(await settingOverrides(await this.db()));
    return this.cachedSettings;
  }

  async calendar(): Promise<WorkCalendar> {
    if (!this.cachedCalendar) this.cachedCalendar = new WorkCalendar(officialCalendar, await officeCalendar(await this.db()));
    return this.cachedCalendar;
  }

  /** Forget cached settings/calendar after a command changed them. */
  invalidate(): void {
    this.cachedSettings = undefined;
    this.cachedCalendar = undefined;
  }

  now(): Date {
    return this.clock.now();
  }

  /** The time an action happened: --at if given (validated), else now. */
  at(flag: string | undefined): Date {
    if (flag === undefined) return this.now();
    const t = parseTime(flag);
    if (!t) throw new Refusal('time.bad', { value: flag });
    return t;
  }

  /** What the service needs to act: the store, the office's rules, who, and when (--at). */
  /** What the report services need (src/service/reports.ts). */
  async reportContext(): Promise<ReportContext> {
    return { db: await this.db(), settings: await this.settings(), calendar: await this.calendar(), now: this.now() };
  }

  async actContext(atFlag?: string): Promise<ActContext> {
    const db = await this.db();
    const auth = this.auth;
    return {
      db,
      settings: await this.settings(),
      calendar: await this.calendar(),
      actor: this.operator,
      at: this.at(atFlag),
      now: this.now(),
      ...(auth ? { authorize: (action: string, order: { no: string; leadUnit: string | null; coUnits: readonly string[] } | null) => authorize(auth, action, order) } : {}),
    };
  }

  async close(): Promise<void> {
    if (this.opened) await this.opened.close();
    this.opened = undefined;
  }
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
