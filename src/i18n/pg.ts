// Messages of the PostgreSQL backend (store/postgres.ts, store/dialect.ts), `migrate-to`.
import type { CatalogueArea } from './index.js';

export const pgMessages: CatalogueArea = {
  zh: {
    'pg.cannotConnect': '连不上 PostgreSQL 数据库 {url}：{reason}。请检查地址、端口、数据库名、用户名和密码（--db 或 HOTLINE_DB），以及服务器是否在运行。',
    'pg.noSchema': 'PostgreSQL 数据库 {url} 里还没有 hotline 的表，未做任何改动。请检查 --db 或 HOTLINE_DB 是否写错；如果是新库，请先运行 hotline init 建表。',
    'pg.lockTimeout': '另一个用户正在修改数据库，等了 15 秒仍未轮到，本次操作已全部撤销。请稍后重试。（{reason}）',
    'pg.collation': 'PostgreSQL 数据库 {url} 的排序规则是 {collation}，hotline 需要按字节排序（C 或 C.UTF-8），否则工单编号、时间的排序和报表会与 SQLite 不一致。未做任何改动。请让数据库管理员这样建库：CREATE DATABASE hotline TEMPLATE template0 ENCODING \'UTF8\' LC_COLLATE \'C\' LC_CTYPE \'C.UTF-8\';',
    'migrateTo.description': '把本区的 SQLite 数据库迁到 PostgreSQL：空库先建表，复制全部工单、事件（含哈希链）、单位、日历、设置、规则、知识库等，核对条数并检查；可重复运行，不会重复复制',
    'migrateTo.notPostgres': '{url} 不是 PostgreSQL 地址。请写成 postgres://用户@主机:端口/库名。',
    'migrateTo.sourceNotSqlite': '当前数据库 {url} 已经是 PostgreSQL。migrate-to 从 SQLite 数据库迁出：请用 --db 或 HOTLINE_DB 指向要迁移的 SQLite 文件。',
    'migrateTo.sourceFails': '源数据库 {path} 未通过检查（{count} 处问题，见上），未迁移。请先排除问题（hotline check）。',
    'migrateTo.noTable': '目标数据库缺少表 {table}，未迁移。请确认目标库由同一版本的 hotline 建表。',
    'migrateTo.eventsDiverged': '目标数据库的事件日志与源数据库不一致（第 {id} 条不同）：目标库迁移后已有人使用，不能再合并，未做任何改动。',
    'migrateTo.table': '  {table}：源 {source} 行，本次写入 {written} 行，目标现有 {target} 行',
    'migrateTo.countDiffers': '表 {table} 条数不一致：源 {source} 行，目标 {target} 行。',
    'migrateTo.done': '已把 {from} 迁到 {to}：{orders} 件工单、{events} 条事件，条数一致，检查通过。',
    'pg.useDump': 'PostgreSQL 数据库请用 pg_dump 备份、pg_restore 恢复（由数据库管理员安排）；hotline backup/restore 只用于 SQLite 数据库文件。',
  },
  en: {
    'pg.cannotConnect': 'cannot connect to the PostgreSQL database {url}: {reason}. Check the host, port, database, user and password (--db or HOTLINE_DB), and that the server is running.',
    'pg.noSchema': 'the PostgreSQL database {url} has no hotline tables; nothing was done. Check --db or HOTLINE_DB for a typo; for a new database, run hotline init first.',
    'pg.lockTimeout': 'another user is changing the database and it was not our turn within 15 s; nothing was changed. Try again shortly. ({reason})',
    'pg.collation': "the PostgreSQL database {url} sorts text by {collation}; hotline needs byte order (C or C.UTF-8), or order numbers, times and reports would sort differently from SQLite. Nothing was done. Have the administrator create it with: CREATE DATABASE hotline TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8';",
    'migrateTo.description': "move the district's SQLite database to PostgreSQL: creates the schema in an empty database, copies every order, event (with its hash chain), unit, calendar day, setting, rule, knowledge-base entry…, compares counts and runs check; safe to run again (nothing is copied twice)",
    'migrateTo.notPostgres': '{url} is not a PostgreSQL URL. Write it as postgres://user@host:port/database.',
    'migrateTo.sourceNotSqlite': 'the current database {url} is already PostgreSQL. migrate-to moves a SQLite database: point --db or HOTLINE_DB at the SQLite file to move.',
    'migrateTo.sourceFails': 'the source database {path} fails the check ({count} problems, listed above); nothing was moved. Fix it first (hotline check).',
    'migrateTo.noTable': 'the target database has no table {table}; nothing was moved. Make sure its schema was made by the same hotline version.',
    'migrateTo.eventsDiverged': "the target's event log differs from the source's (at event {id}): the target has been used since it was migrated and cannot be merged; nothing was changed.",
    'migrateTo.table': '  {table}: {source} rows in the source, {written} written now, {target} in the target',
    'migrateTo.countDiffers': 'table {table}: {source} rows in the source but {target} in the target.',
    'migrateTo.done': 'moved {from} to {to}: {orders} orders, {events} events, counts equal, check passed.',
    'pg.useDump': 'back up a PostgreSQL database with pg_dump and restore it with pg_restore (arranged by its administrator); hotline backup/restore are for SQLite files.',
  },
};
