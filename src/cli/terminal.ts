// The one small terminal layer: streams, whether stdout is a terminal, colour, language, and
// whether prompts are allowed. Every command writes through it, so tests see exactly what a
// user sees by passing their own streams.
import { Writable, type Readable } from 'node:stream';
import { Chalk, type ChalkInstance } from 'chalk';
import { Refusal, type MessageParams } from '../domain/errors.js';
import { translate, type Lang } from '../i18n/index.js';
import { pickFields } from './fields.js';

export interface TerminalStreams {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** zh when asked for, or when the locale says Chinese (LC_ALL > LC_MESSAGES > LANG); else en. */
export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const pick = (v: string | undefined): Lang | undefined => {
    if (!v) return undefined;
    const s = v.toLowerCase();
    if (s.startsWith('zh')) return 'zh';
    if (s.startsWith('en')) return 'en';
    return undefined;
  };
  const fromFlag = pick(flag);
  if (fromFlag) return fromFlag;
  const fromEnv = pick(env.HOTLINE_LANG);
  if (fromEnv) return fromEnv;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** FORCE_COLOR (not 0/false) or CLICOLOR_FORCE (not 0) force colour even into a pipe. */
export function colorForced(env: NodeJS.ProcessEnv): boolean {
  const on = (v: string | undefined) => v !== undefined && v !== '0' && v.toLowerCase() !== 'false';
  return on(env.FORCE_COLOR) || on(env.CLICOLOR_FORCE);
}

export class Terminal {
  readonly color: boolean;
  /** --quiet: messages on success are dropped; errors still go to stderr. */
  quiet = false;
  /** --fields: what every --json output keeps. */
  fields: string[] | undefined;
  /** Prompts only when both ends are a terminal and we are not in CI (and not with --yes). */
  interactive: boolean;
  readonly chalk: ChalkInstance;

  constructor(
    readonly streams: TerminalStreams,
    readonly lang: Lang,
  ) {
    const env = streams.env;
    this.color = colorForced(env) || (Boolean(streams.stdout.isTTY) && !('NO_COLOR' in env) && env.TERM !== 'dumb');
    this.interactive = Boolean(streams.stdout.isTTY) && Boolean(streams.stdin.isTTY) && !env.CI;
    this.chalk = new Chalk({ level: this.color ? 1 : 0 });
  }

  /** Is stdout a terminal (tables, progress bars) rather than a pipe or file? */
  get isTTY(): boolean {
    return Boolean(this.streams.stdout.isTTY);
  }

  get stderrIsTTY(): boolean {
    return Boolean(this.streams.stderr.isTTY) && !this.streams.env.CI;
  }

  t(key: string, params?: MessageParams): string {
    return translate(this.lang, key, params);
  }

  /** Data: stdout. */
  out(text: string): void {
    this.streams.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  json(value: unknown): void {
    this.streams.stdout.write(`${JSON.stringify(pickFields(value, this.fields), null, 2)}\n`);
  }

  /** Messages: stderr (not with --quiet). */
  say(key: string, params?: MessageParams): void {
    if (this.quiet) return;
    this.streams.stderr.write(`${this.t(key, params)}\n`);
  }

  ok(key: string, params?: MessageParams): void {
    if (this.quiet) return;
    this.streams.stderr.write(`${this.chalk.green('✔')} ${this.t(key, params)}\n`);
  }

  warn(key: string, params?: MessageParams): void {
    if (this.quiet) return;
    this.streams.stderr.write(`${this.chalk.yellow(this.t('label.warning'))} ${this.t(key, params)}\n`);
  }

  error(text: string): void {
    this.streams.stderr.write(`${this.chalk.red(this.t('label.error'))} ${text}\n`);
  }
}

export interface AskSpec {
  /** Message-catalogue key of the question. */
  key: string;
  /** The flag that would have given the answer (named when prompting is not possible). */
  flag: string;
  choices?: { value: string; labelKey?: string; label?: string }[];
  default?: string;
  /** Return a catalogue key when the answer is not acceptable. */
  validate?: (value: string) => string | null;
  optional?: boolean;
}

/**
 * The look of every prompt (@inquirer/*): its key hints in the user's language. inquirer's own
 * English ("navigate", "select") never reaches a Chinese clerk.
 */
export function promptTheme(term: Terminal): { style: { keysHelpTip: (keys: [string, string][]) => string } } {
  return {
    style: {
      keysHelpTip: (keys) => keys.map(([key, action]) => `${term.chalk.bold(key)} ${term.chalk.dim(term.t(`prompt.key.${action}`))}`).join(term.chalk.dim(' • ')),
    },
  };
}

/**
 * Where prompts write: stderr, through a stream of its own that inquirer may end when it closes
 * (it does, on Ctrl-C) without ending stderr, so the CLI can still say "已取消".
 */
export function promptIO(term: Terminal): { input: Terminal['streams']['stdin']; output: Writable } {
  const err = term.streams.stderr as Writable & { isTTY?: boolean; columns?: number; rows?: number };
  const output = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _enc, done) {
        err.write(chunk, () => done());
      },
    }),
    { isTTY: err.isTTY, columns: err.columns ?? term.streams.stdout.columns, rows: err.rows },
  );
  return { input: term.streams.stdin, output };
}

/** The prompt was closed with Ctrl-C (or Ctrl-D): inquirer's ExitPromptError / AbortPromptError. */
export function isPromptCancel(e: unknown): boolean {
  const name = (e as Error | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

/**
 * Ask for a value the flags left out — only on a terminal; otherwise refuse, naming the flag.
 * Prompts go to stderr so stdout stays data.
 */
export async function ask(term: Terminal, spec: AskSpec): Promise<string> {
  if (!term.interactive) throw new Refusal('flag.missing', { flag: spec.flag });
  const prompts = await import('@inquirer/prompts');
  const io = promptIO(term);
  if (spec.choices) {
    return prompts.select(
      {
        message: term.t(spec.key),
        choices: spec.choices.map((c) => ({ value: c.value, name: c.label ?? (c.labelKey ? term.t(c.labelKey) : c.value) })),
        default: spec.default,
        theme: promptTheme(term),
      },
      io,
    );
  }
  const answer = await prompts.input(
    {
      message: term.t(spec.key),
      default: spec.default,
      validate: (v: string) => {
        if (!v.trim()) return spec.optional ? true : term.t('prompt.required');
        const bad = spec.validate?.(v.trim());
        return bad ? term.t(bad, { value: v }) : true;
      },
    },
    io,
  );
  return answer.trim();
}
