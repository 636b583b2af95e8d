// Every command, in the order `hotline --help` lists them.
import type { Command } from 'commander';
import type { App } from '../app.js';
import * as calendar from './calendar.js';
import * as config from './config.js';
import * as init from './init.js';
import * as units from './units.js';

export type Register = (program: Command, app: App) => void;

export const COMMANDS: Register[] = [init.register, units.register, config.register, calendar.register];
