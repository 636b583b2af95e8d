// `hotline completion bash` in a real bash: the script's function, called as bash calls it on Tab,
// offers commands, flags, open order numbers and unit codes (from `hotline __complete`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, run, sandbox } from './helpers.js';

describe('completion bash', () => {
  it('completes commands, flags, order numbers and unit codes', () => {
    const sb = sandbox({ now: '2026-11-24 10:00' });
    expect(run(sb, ['import', path.join(ROOT, 'data/samples/orders.csv')]).code).toBe(0);
    const bin = path.join(sb.dir, 'bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(BIN, path.join(bin, 'hotline'));
    const script = run(sb, ['completion', 'bash']).stdout;
    fs.writeFileSync(path.join(sb.dir, 'hotline.bash'), script);
    const tab = (line: string): string[] => {
      const words = line.split(' ');
      const prog = `source ${sb.dir}/hotline.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _hotline; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const r = spawnSync('bash', ['--norc', '-c', prog], { env: { ...sb.env, PATH: `${bin}:${sb.env.PATH}` }, encoding: 'utf8' });
      return r.stdout.split('\n').filter(Boolean);
    };
    expect(tab('hotline disp')).toEqual(['dispatch']);
    expect(tab('hotline dispatch --a')).toEqual(['--auto', '--at']);
    expect(tab('hotline dispatch YX2026112000011 --to cgj').sort()).toEqual(['cgj', 'cgjd', 'cgjd-fqsq', 'cgjd-hpsq']);
    expect(tab('hotline sign YX202611200001')).toEqual(['YX2026112000012', 'YX2026112000011', 'YX2026112000010']);
    expect(tab('hotline rules ')).toEqual(['list', 'add', 'update', 'remove']);
  });
});
