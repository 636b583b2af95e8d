// `-` in place of order numbers: read them from stdin (see parseNumberList for the formats).
import { parseNumberList } from '../service/order-numbers.js';
import type { RunFn } from './app.js';
import type { Context } from './context.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The arguments with `-` replaced by the numbers read from stdin; null when stdin held none. */
export async function expandDash(ctx: Context, args: string[]): Promise<string[] | null> {
  if (!args.includes('-')) return args;
  const read = parseNumberList(await readAll(ctx.term.streams.stdin));
  if (read.length === 0) return null;
  return args.flatMap((a) => (a === '-' ? read : [a]));
}

/** Wrap an action so that `-` reads its order numbers from stdin; an empty stdin is nothing to do (exit 0). */
export function withStdin<O>(run: RunFn<O>): RunFn<O> {
  return async (ctx, opts, args) => {
    const expanded = await expandDash(ctx, args);
    if (expanded === null) {
      ctx.term.say('terminal.stdin.empty');
      return 0;
    }
    return run(ctx, opts, expanded);
  };
}
