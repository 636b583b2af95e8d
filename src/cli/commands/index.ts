// Every command, in the order `hotline --help` lists them.
import type { Command } from 'commander';
import type { App } from '../app.js';
import * as add from './add.js';
import * as backup from './backup.js';
import * as calendar from './calendar.js';
import * as categoriesAlias from './categories-alias.js';
import * as completion from './completion.js';
import * as check from './check.js';
import * as config from './config.js';
import * as imp from './import.js';
import * as exp from './export.js';
import * as init from './init.js';
import * as lifecycle from './lifecycle.js';
import * as migrateTo from './migrate-to.js';
import * as operators from './operators.js';
import * as orders from './orders.js';
import * as records from './records.js';
import * as report from './report.js';
import * as rules from './rules.js';
import * as units from './units.js';

export type Register = (program: Command, app: App) => void;

/**
 * The commands, in groups as their files register them, each with the top-level commands it
 * defines or extends (categories-alias adds `alias` to units' `categories`). A run that names one
 * of them builds only the groups that have it (main.ts): building all ~40 commands with their
 * options and texts was ~9 ms of a 90 ms start-up. test/cli/command-groups.test.ts holds the names
 * to what the registers really add.
 */
export interface CommandGroup {
  names: readonly string[];
  register: Register;
}

export const COMMANDS: readonly CommandGroup[] = [
  { names: ['init'], register: init.register },
  { names: ['import'], register: imp.register },
  { names: ['add'], register: add.register },
  { names: ['list', 'show', 'history'], register: orders.register },
  {
    names: ['dispatch', 'sign', 'return', 'contact', 'extend', 'reply', 'review', 'feedback', 'request-closure', 'closure', 'remind', 'supervise', 'meeting'],
    register: lifecycle.register,
  },
  { names: ['overdue', 'report'], register: report.register },
  { names: ['accountability', 'theme', 'kb'], register: records.register },
  { names: ['export'], register: exp.register },
  { names: ['units', 'categories'], register: units.register },
  { names: ['categories'], register: categoriesAlias.register },
  { names: ['rules'], register: rules.register },
  { names: ['config'], register: config.register },
  { names: ['calendar'], register: calendar.register },
  { names: ['backup', 'restore'], register: backup.register },
  { names: ['completion', '__complete'], register: completion.register },
  { names: ['check'], register: check.register },
  { names: ['migrate-to'], register: migrateTo.register },
  { names: ['operators'], register: operators.register },
];
