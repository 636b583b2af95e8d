// The glue between commander and the commands: a command file declares its options with
// translated help and examples, and hands a run function to `app.action`, which builds the
// Context from the global options, runs it, turns refusals into the user's language, and
// closes the store. Commands stay thin and testable.
import { Command, Option } from 'commander';
import { Refusal } from '../domain/errors.js';
import { Context, type GlobalOptions } from './context.js';
import { parseFields } from './fields.js';
import type { Terminal } from './terminal.js';

/** A run function returns an exit code (0 when it returns nothing). */
export type RunFn<O> = (ctx: Context, opts: O, args: string[]) => Promise<number | void>;

export class App {
  exitCode = 0;

  constructor(readonly term: Terminal) {}

  t(key: string, params?: Record<string, string | number>): string {
    return this.term.t(key, params);
  }

  /** A sub-command with translated description and an examples block in its help. */
  command(parent: Command, spec: string, descKey: string, examples: string[]): Command {
    const cmd = parent.command(spec).description(this.t(descKey));
    cmd.helpOption('-h, --help', this.t('help.help'));
    if (examples.length > 0) {
      cmd.addHelpText('after', `\n${this.t('help.examples')}\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
    }
    return cmd;
  }

  /** A command group (units, calendar, …): help lists its sub-commands. */
  group(parent: Command, name: string, descKey: string, examples: string[]): Command {
    const cmd = this.command(parent, name, descKey, examples);
    cmd.helpCommand(false);
    return cmd;
  }

  option(flags: string, descKey: string, params?: Record<string, string | number>): Option {
    return new Option(flags, this.t(descKey, params));
  }

  /** `--json` for read commands. */
  jsonOption(): Option {
    return new Option('--json', this.t('opt.json'));
  }

  action<O>(cmd: Command, run: RunFn<O>): Command {
    cmd.action(async (...raw: unknown[]) => {
      const self = raw[raw.length - 1] as Command;
      const opts = self.opts() as O;
      const args = raw.slice(0, -2).flatMap((a) => (Array.isArray(a) ? (a as string[]) : a === undefined ? [] : [a as string]));
      const globals = self.optsWithGlobals() as GlobalOptions & { quiet?: boolean; fields?: string; yes?: boolean };
      this.term.quiet = Boolean(globals.quiet);
      if (globals.yes) {
        this.term.interactive = false; // --yes: never ask, what is missing is an error
        // A command's own --yes (restore: "yes, replace it") is the same word: the global flag takes it.
        if (self.options.some((o) => o.attributeName() === 'yes')) (opts as Record<string, unknown>).yes = true;
      }
      this.term.fields = parseFields(globals.fields);
      const ctx = new Context(this.term, globals);
      try {
        const code = await run(ctx, opts, args);
        this.exitCode = code ?? 0;
      } finally {
        await ctx.close();
      }
    });
    return cmd;
  }
}

/** Throw to refuse: the message key is translated, the exit code is 1, nothing was changed. */
export function refuse(code: string, params: Record<string, string | number> = {}): never {
  throw new Refusal(code, params);
}
