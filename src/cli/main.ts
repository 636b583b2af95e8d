// `hotline`: builds the command tree, runs it, and maps every outcome to an exit code:
// 0 done; 1 refused or failed (nothing changed); 2 wrong usage; 3 `overdue --exit-code` found
// overdue orders. Data to stdout, messages to stderr. No stack trace unless --debug.
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { isRefusal } from '../domain/errors.js';
import { App } from './app.js';
import { COMMANDS } from './commands/index.js';
import '../i18n/all.js';
import { hasMessage } from '../i18n/index.js';
import { detectLang, isPromptCancel, Terminal, type TerminalStreams } from './terminal.js';
import { localizeLifecycleParams } from '../i18n/lifecycle.js';
import { showDashboard } from './dashboard.js';

export const EXIT = { ok: 0, refused: 1, usage: 2, overdue: 3, cancelled: 130 } as const;

/** The CLI bundle's build writes the version in (scripts/bundle.mjs), so a run does not read package.json for it. */
declare const __HOTLINE_VERSION__: string | undefined;

export function version(): string {
  if (typeof __HOTLINE_VERSION__ === 'string') return __HOTLINE_VERSION__;
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

/** Pre-read a global flag's value before commander parses (the help text needs the language). */
function peekFlag(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

/** Global options that take a value (the next argument, unless written --name=value). */
const GLOBAL_WITH_VALUE = new Set(['--db', '--operator', '--district', '--lang', '--fields']);
const GLOBAL_FLAGS = new Set(['--debug', '-q', '--quiet', '-y', '--yes']);
/** Commands that need the whole tree: help lists it, completion walks it. */
const WHOLE_TREE = new Set(['help', 'completion', '__complete']);

/**
 * The command a run names, when it can be told before parsing: the first argument after the
 * global options ('-V' and '--version' name no command: the version is the program's). Anything
 * unusual (another option first, a combined flag, no command) gives undefined, and the whole
 * tree is built, so commander sees exactly what it always saw.
 */
export function commandNamed(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    if (GLOBAL_WITH_VALUE.has(a)) i++;
    else if (GLOBAL_FLAGS.has(a) || (a.startsWith('--') && eq > 0 && GLOBAL_WITH_VALUE.has(a.slice(0, eq)))) continue;
    else if (a === '-V' || a === '--version') return '--version';
    else return a.startsWith('-') ? undefined : a;
  }
  return undefined;
}

/**
 * The command tree. Given the arguments, only the groups of the command they name are built
 * (commands/index.ts); an unknown command, help, completion or no command builds them all.
 */
export function buildProgram(app: App, argv?: string[]): Command {
  const { term } = app;
  const program = new Command('hotline');
  program
    .description(term.t('program.description'))
    .version(version(), '-V, --version', term.t('help.version'))
    .helpOption('-h, --help', term.t('help.help'))
    .helpCommand('help [command]', term.t('terminal.help.description'))
    .option('--db <path>', term.t('opt.db'))
    .option('--operator <name>', term.t('opt.operator'))
    .option('--district <name>', term.t('opt.district'))
    .option('--lang <zh|en>', term.t('opt.lang'))
    .option('--debug', term.t('opt.debug'))
    .option('-q, --quiet', term.t('terminal.opt.quiet'))
    .option('-y, --yes', term.t('terminal.opt.yes'))
    .option('--fields <a,b>', term.t('terminal.opt.fields'))
    .showHelpAfterError(false)
    .addHelpText('after', `\n${term.t('help.examples')}\n${term.t('program.examples')}\n`);
  program.configureHelp({
    styleTitle: (title: string) => term.t(`help.title.${title.replace(/:$/, '').replace(/ /g, '')}`),
    sortSubcommands: false,
  });
  const write = (stream: 'stdout' | 'stderr') => (s: string) => void term.streams[stream].write(s);
  program.configureOutput({ writeOut: write('stdout'), writeErr: write('stderr'), outputError: () => undefined });
  const named = argv ? commandNamed(argv) : undefined;
  const only = named !== undefined && !WHOLE_TREE.has(named) && (named === '--version' || COMMANDS.some((g) => g.names.includes(named))) ? named : undefined;
  for (const g of COMMANDS) if (only === undefined || g.names.includes(only)) g.register(program, app);
  // Every command and sub-command exits through CommanderError, never process.exit.
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const c of all(program)) {
    c.exitOverride();
    c.configureOutput({ writeOut: write('stdout'), writeErr: write('stderr'), outputError: () => undefined });
  }
  return program;
}

/** Run the CLI on the given streams; resolves to the exit code. In-process tests call this. */
export async function runCli(argv: string[], streams: TerminalStreams): Promise<number> {
  const debug = argv.includes('--debug');
  const term = new Terminal(streams, detectLang(peekFlag(argv, 'lang'), streams.env));
  const app = new App(term);
  try {
    const program = buildProgram(app, argv);
    if (argv.length === 0) {
      // On a terminal: the day's work; in a script (or before init): the help, as always.
      if (!term.interactive || !(await showDashboard(term))) program.outputHelp();
      return EXIT.ok;
    }
    await program.parseAsync(argv, { from: 'user' });
    return app.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      term.error(usageMessage(term, e));
      return EXIT.usage;
    }
    if (isRefusal(e)) {
      term.error(refusalMessage(term, e.code, e.params));
      if (debug) term.streams.stderr.write(`${e.stack ?? ''}\n`);
      return EXIT.refused;
    }
    if (isPromptCancel(e)) {
      // Ctrl-C at a prompt: nothing was asked of the database yet, so nothing changed.
      term.streams.stderr.write(`${term.t('prompt.cancelled')}\n`);
      return EXIT.cancelled;
    }
    const err = e as NodeJS.ErrnoException;
    // The reader went away (| head): nothing more to say, like any Unix tool.
    if (err?.code === 'EPIPE') return EXIT.ok;
    term.error(term.t('error.unexpected', { message: err?.message ?? String(e) }));
    if (debug) term.streams.stderr.write(`${err?.stack ?? ''}\n`);
    else term.say('error.useDebug');
    return EXIT.refused;
  }
}

/** bin/hotline's message when stdout failed under a command that did not report it itself. */
export function stdoutFailureMessage(argv: string[], env: NodeJS.ProcessEnv, e: Error): string {
  const term = new Terminal({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env }, detectLang(peekFlag(argv, 'lang'), env));
  return `${term.t('label.error')} ${term.t('file.stdoutFailed', { reason: e.message })}`;
}

/**
 * commander's usage errors in the user's language: the code names the message, the quoted token
 * of commander's English sentence is the detail, and its "Did you mean …?" becomes ours.
 */
export function usageMessage(term: Terminal, e: CommanderError): string {
  const english = e.message.replace(/^error:\s*/, '');
  const quoted = /'([^']+)'/.exec(english)?.[1];
  const counts = /Expected (\d+) arguments? but got (\d+)/.exec(english);
  const suggestion = /Did you mean (?:one of )?(.+?)\??\)?$/m.exec(english)?.[1];
  const key = `usage.${e.code.replace('commander.', '')}`;
  // An argument's name (<no>, <file> …) in the user's words.
  const detail = quoted !== undefined && hasMessage(`arg.${quoted}`) ? term.t(`arg.${quoted}`) : (quoted ?? english);
  const params = { detail, expected: counts?.[1] ?? '', got: counts?.[2] ?? '' };
  const translated = hasMessage(key) ? term.t(key, params) : term.t('usage.other', params);
  const hint = suggestion ? `${term.t('usage.didYouMean', { suggestion })} ` : '';
  return `${translated} ${hint}${term.t('usage.hint')}`;
}

/**
 * A refusal in the user's language. Status and action values in its parameters are shown in the
 * user's words; a refusal about one of several orders that does not name the order gets it in front.
 */
function refusalMessage(term: Terminal, code: string, params: Record<string, string | number>): string {
  const text = term.t(code, localizeLifecycleParams(term.lang, params));
  const no = params.no;
  return no !== undefined && !text.includes(String(no)) ? `${term.t('orders.prefix', { no })}${text}` : text;
}
