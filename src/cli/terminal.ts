// The one small terminal layer: streams, whether stdout is a terminal, colour, language, and
// whether prompts are allowed. Every command writes through it, so tests see exactly what a
// user sees by passing their own streams.
import type { Readable, Writable } from 'node:stream';
import { Chalk, type ChalkInstance } from 'chalk';
import { Refusal, type MessageParams } from '../domain/errors.js';
import { translate, type Lang } from '../i18n/index.js';

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

export class Terminal {
  readonly color: boolean;
  /** Prompts only when both ends are a terminal and we are not in CI. */
  readonly interactive: boolean;
  readonly chalk: ChalkInstance;

  constructor(
    readonly streams: TerminalStreams,
    readonly lang: Lang,
  ) {
    const env = streams.env;
    this.color = Boolean(streams.stdout.isTTY) && !('NO_COLOR' in env) && env.TERM !== 'dumb';
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
    this.streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Messages: stderr. */
  say(key: string, params?: MessageParams): void {
    this.streams.stderr.write(`${this.t(key, params)}\n`);
  }

  ok(key: string, params?: MessageParams): void {
    this.streams.stderr.write(`${this.chalk.green('✔')} ${this.t(key, params)}\n`);
  }

  warn(key: string, params?: MessageParams): void {
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
 * Ask for a value the flags left out — only on a terminal; otherwise refuse, naming the flag.
 * Prompts go to stderr so stdout stays data.
 */
export async function ask(term: Terminal, spec: AskSpec): Promise<string> {
  if (!term.interactive) throw new Refusal('flag.missing', { flag: spec.flag });
  const prompts = await import('@inquirer/prompts');
  const io = { input: term.streams.stdin, output: term.streams.stderr };
  if (spec.choices) {
    return prompts.select(
      {
        message: term.t(spec.key),
        choices: spec.choices.map((c) => ({ value: c.value, name: c.label ?? (c.labelKey ? term.t(c.labelKey) : c.value) })),
        default: spec.default,
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
