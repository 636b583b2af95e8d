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
import * as orders from './orders.js';
import * as records from './records.js';
import * as report from './report.js';
import * as rules from './rules.js';
import * as units from './units.js';

export type Register = (program: Command, app: App) => void;

export const COMMANDS: Register[] = [
  init.register,
  imp.register,
  add.register,
  orders.register,
  lifecycle.register,
  report.register,
  records.register,
  exp.register,
  units.register,
  categoriesAlias.register,
  rules.register,
  config.register,
  calendar.register,
  backup.register,
  completion.register,
  check.register,
];
