// hotline categories alias <alias> <category>: the city writes a category under another name
// (人力资源和社会保障 for 人社); routing then treats it as the directory's category.
import type { Command } from 'commander';
import { addCategoryAlias } from '../../service/routing.js';
import type { App } from '../app.js';
import type { Context } from '../context.js';

export function register(program: Command, app: App): void {
  const group = program.commands.find((c) => c.name() === 'categories');
  if (!group) return;
  const cmd = app.command(group, 'alias <alias> <category>', 'terminal.categories.alias.description', ['hotline categories alias 人力资源和社会保障 人社']);
  app.action(cmd, async (ctx: Context, _opts: object, args: string[]) => {
    await addCategoryAlias(await ctx.db(), args[0]!, args[1]!);
    ctx.term.ok('terminal.categories.aliased', { alias: args[0]!, category: args[1]! });
  });
}
