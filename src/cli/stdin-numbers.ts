// `-` in place of order numbers: read them from stdin (see parseNumberList for the formats).
import { Refusal } from '../domain/errors.js';
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

/**
 * Wrap an action so that `-` reads its order numbers from stdin; an empty stdin is nothing to do
 * (exit 0). `single`: the action takes one order (reply, review, …), so more is refused.
 */
export function withStdin<O>(run: RunFn<O>, options: { single?: boolean } = {}): RunFn<O> {
  return async (ctx, opts, args) => {
    const expanded = await expandDash(ctx, args);
    if (expanded === null) {
      ctx.term.say('terminal.stdin.empty');
      return 0;
    }
    if (options.single && expanded.length > 1) throw new Refusal('terminal.stdin.oneOrder', { count: expanded.length });
    return run(ctx, opts, expanded);
  };
}
