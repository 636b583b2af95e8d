// hotline completion bash|zsh, and the hidden `hotline __complete -- <words…>` the scripts call.
import fs from 'node:fs';
import type { Command } from 'commander';
import { Refusal } from '../../domain/errors.js';
import { listUnits } from '../../store/directory.js';
import { openNumbersStartingWith } from '../../store/order-numbers.js';
import type { App } from '../app.js';
import { complete, completionScript } from '../completion.js';
import type { Context } from '../context.js';

/** How many order numbers a completion offers at most. */
const MAX_ORDERS = 200;

export function register(program: Command, app: App): void {
  const cmd = app.command(program, 'completion <shell>', 'terminal.completion.description', [
    'hotline completion bash > ~/.local/share/bash-completion/completions/hotline',
    'hotline completion zsh > "${fpath[1]}/_hotline"',
    'eval "$(hotline completion bash)"',
  ]);
  app.action(cmd, async (ctx: Context, _opts: object, args: string[]) => {
    const shell = args[0];
    if (shell !== 'bash' && shell !== 'zsh') throw new Refusal('flag.badChoice', { flag: 'completion', value: shell ?? '', allowed: 'bash|zsh' });
    ctx.term.out(completionScript(shell));
  });

  const hidden = program.command('__complete [words...]', { hidden: true }).helpOption(false).allowUnknownOption();
  app.action(hidden, async (ctx: Context, _opts: object, words: string[]) => {
    // Never an error on the user's prompt line: no database, no candidates from it.
    const safe = async <T>(fn: () => Promise<T>, none: T): Promise<T> => {
      try {
        return await fn();
      } catch {
        return none;
      }
    };
    // Pressing Tab must never create a database: without one, only the command tree answers.
    const haveDb = fs.existsSync(ctx.dbPath);
    const data = {
      units: () => (haveDb ? safe(async () => (await listUnits(await ctx.db())).map((u) => u.code), []) : Promise.resolve([])),
      orders: (prefix: string) => (haveDb ? safe(async () => openNumbersStartingWith(await ctx.db(), prefix, MAX_ORDERS), []) : Promise.resolve([])),
    };
    const found = await complete(program, words.length ? words : [''], data);
    if (found.length) ctx.term.out(found.join('\n'));
  });
}
