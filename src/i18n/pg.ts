// Messages of the PostgreSQL backend (store/postgres.ts, store/dialect.ts), `migrate-to`.
import type { CatalogueArea } from './index.js';

export const pgMessages: CatalogueArea = {
  zh: {
    'pg.cannotConnect': '连不上 PostgreSQL 数据库 {url}：{reason}。请检查地址、端口、数据库名、用户名和密码（--db 或 HOTLINE_DB），以及服务器是否在运行。',
    'pg.noSchema': 'PostgreSQL 数据库 {url} 里还没有 hotline 的表，未做任何改动。请检查 --db 或 HOTLINE_DB 是否写错；如果是新库，请先运行 hotline init 建表。',
    'pg.lockTimeout': '另一个用户正在修改数据库，等了 15 秒仍未轮到，本次操作已全部撤销。请稍后重试。（{reason}）',
    'pg.collation': 'PostgreSQL 数据库 {url} 的排序规则是 {collation}，hotline 需要按字节排序（C 或 C.UTF-8），否则工单编号、时间的排序和报表会与 SQLite 不一致。未做任何改动。请让数据库管理员这样建库：CREATE DATABASE hotline TEMPLATE template0 ENCODING \'UTF8\' LC_COLLATE \'C\' LC_CTYPE \'C.UTF-8\';',
    'pg.useDump': 'PostgreSQL 数据库请用 pg_dump 备份、pg_restore 恢复（由数据库管理员安排）；hotline backup/restore 只用于 SQLite 数据库文件。',
  },
  en: {
    'pg.cannotConnect': 'cannot connect to the PostgreSQL database {url}: {reason}. Check the host, port, database, user and password (--db or HOTLINE_DB), and that the server is running.',
    'pg.noSchema': 'the PostgreSQL database {url} has no hotline tables; nothing was done. Check --db or HOTLINE_DB for a typo; for a new database, run hotline init first.',
    'pg.lockTimeout': 'another user is changing the database and it was not our turn within 15 s; nothing was changed. Try again shortly. ({reason})',
    'pg.collation': "the PostgreSQL database {url} sorts text by {collation}; hotline needs byte order (C or C.UTF-8), or order numbers, times and reports would sort differently from SQLite. Nothing was done. Have the administrator create it with: CREATE DATABASE hotline TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8';",
    'pg.useDump': 'back up a PostgreSQL database with pg_dump and restore it with pg_restore (arranged by its administrator); hotline backup/restore are for SQLite files.',
  },
};
