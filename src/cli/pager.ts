// Long output on a terminal goes through a pager, as gh does: $PAGER, else `less -R` (LESS=FRX
// unless set: quit when it fits one screen, keep colours, leave the text on the screen). Never
// when stdout is not a terminal, and never when PAGER is empty or "cat".
import { spawn } from 'node:child_process';
import type { Terminal } from './terminal.js';

export async function page(term: Terminal, text: string): Promise<void> {
  const env = term.streams.env;
  const pager = env.PAGER === undefined ? 'less -R' : env.PAGER.trim();
  const rows = Number((term.streams.stdout as { rows?: number }).rows ?? 24);
  const lines = text.split('\n').length;
  if (!term.isTTY || term.streams.stdout !== process.stdout || pager === '' || pager === 'cat' || lines < rows) return term.out(text);
  const ok = await new Promise<boolean>((resolve) => {
    const child = spawn(pager, { shell: true, stdio: ['pipe', 'inherit', 'inherit'], env: { ...env, LESS: env.LESS ?? 'FRX' } });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code !== 127));
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
  if (!ok) term.out(text);
}
