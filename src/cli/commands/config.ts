// hotline config get|set: the office's time limits, thresholds and weights.
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { checkSetting, SETTING_SPECS, specOf } from '../../domain/settings.js';
import { formatTime } from '../../domain/time.js';
import { settingOverrides, setSetting } from '../../store/config.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';
import { printTable } from '../output.js';

export interface ConfigGetOptions {
  json?: boolean;
}

export async function runConfigGet(ctx: Context, opts: ConfigGetOptions, args: string[]): Promise<void> {
  const key = args[0];
  if (key !== undefined && !specOf(key)) throw new Refusal('config.unknownKey', { key, keys: SETTING_SPECS.map((s) => s.key).join(', ') });
  const overrides = await settingOverrides(await ctx.db());
  const rows = SETTING_SPECS.filter((s) => key === undefined || s.key === key).map((s) => ({
    key: s.key,
    value: overrides.get(s.key) ?? s.default,
    default: s.default,
    changed: overrides.has(s.key),
    unit: s.kind,
  }));
  if (opts.json) return ctx.term.json(key === undefined ? rows : rows[0]);
  if (key !== undefined && !ctx.term.isTTY) return ctx.term.out(String(rows[0]!.value));
  printTable(
    ctx.term,
    ['config.col.key', 'config.col.value', 'config.col.default', 'config.col.unit', 'config.col.meaning'],
    rows.map((r) => {
      const spec = specOf(r.key)!;
      const meaning = ctx.term.t(spec.describe, { type: r.key.split('.')[1] ?? '' });
      return [r.changed ? ctx.term.chalk.bold(`${r.key} *`) : r.key, r.value, r.default, ctx.term.t(`settingKind.${r.unit}`), meaning];
    }),
  );
}

export async function runConfigSet(ctx: Context, _opts: object, args: string[]): Promise<void> {
  const [key, raw] = args as [string, string];
  const spec = specOf(key);
  if (!spec) throw new Refusal('config.unknownKey', { key, keys: SETTING_SPECS.map((s) => s.key).join(', ') });
  const checked = checkSetting(spec, raw);
  if ('error' in checked) throw new Refusal(checked.error, { ...checked.params, key, value: raw });
  await setSetting(await ctx.db(), key, checked.value, formatTime(ctx.now()), ctx.operator);
  ctx.term.ok('config.set', { key, value: checked.value });
}

export function register(program: Command, app: App): void {
  const config = app.group(program, 'config', 'config.description', ['hotline config get', 'hotline config set reply.complaint 7']);
  const get = app.command(config, 'get [key]', 'config.get.description', ['hotline config get', 'hotline config get reply.consult', 'hotline config get --json']);
  get.addOption(app.jsonOption());
  app.action<ConfigGetOptions>(get, runConfigGet);
  const set = app.command(config, 'set <key> <value>', 'config.set.description', [
    'hotline config set reply.complaint 7',
    'hotline config set satisfaction.floor 90',
    'hotline config set day.closingTime 17:30',
  ]);
  app.action<object>(set, runConfigSet);
}
