// Shell completion: `hotline completion bash|zsh` prints a script that calls back
// `hotline __complete -- <words…>` (hidden), which answers from the command tree itself (commands,
// sub-commands, flags) and from the database (open order numbers, unit codes).
import type { Command, Option } from 'commander';

export interface CompletionData {
  units(): Promise<string[]>;
  orders(prefix: string): Promise<string[]>;
}

const takesValue = (o: Option): boolean => o.required || o.optional;
const isUnitOption = (o: Option): boolean => /<(unit|code)\b/.test(o.flags);
const takesOrders = (c: Command): boolean => c.registeredArguments.some((a) => /\bno\b/.test(a.name()));

function optionsOf(chain: Command[]): Option[] {
  return chain.flatMap((c) => c.options as Option[]);
}

function findOption(chain: Command[], flag: string): Option | undefined {
  const name = flag.split('=')[0]!;
  return optionsOf(chain).find((o) => o.long === name || o.short === name);
}

/** Candidates for the last word of `words` (the words after `hotline`; the last may be ''). */
export async function complete(program: Command, words: string[], data: CompletionData): Promise<string[]> {
  const chain: Command[] = [program];
  const cur = words.length ? words[words.length - 1]! : '';
  const before = words.slice(0, -1);
  let expectValue: Option | undefined;
  for (const w of before) {
    if (expectValue) {
      expectValue = undefined;
      continue;
    }
    if (w.startsWith('-')) {
      const o = findOption(chain, w);
      if (o && takesValue(o) && !w.includes('=')) expectValue = o;
      continue;
    }
    const here = chain[chain.length - 1]!;
    const sub = here.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (sub) chain.push(sub);
  }
  const here = chain[chain.length - 1]!;
  const starts = (xs: string[]) => [...new Set(xs)].filter((x) => x.toLowerCase().startsWith(cur.toLowerCase()));
  if (expectValue) return isUnitOption(expectValue) ? starts(await data.units()) : [];
  if (cur.startsWith('-')) return starts(optionsOf(chain).flatMap((o) => (o.long ? [o.long] : [])).filter((f) => f !== '--version' || chain.length === 1));
  const subs = here.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden).map((c) => c.name());
  const nos = takesOrders(here) ? await data.orders(cur) : [];
  return [...starts(subs), ...nos];
}

export function completionScript(shell: 'bash' | 'zsh'): string {
  if (shell === 'bash')
    return `# hotline bash completion: eval "$(hotline completion bash)" (e.g. in ~/.bashrc)
_hotline() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" IFS=$'\\n'
  COMPREPLY=( $(hotline __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) )
  [ \${#COMPREPLY[@]} -eq 0 ] && [[ "$cur" != -* ]] && COMPREPLY=( $(compgen -f -- "$cur") )
  return 0
}
complete -F _hotline hotline
`;
  return `#compdef hotline
# hotline zsh completion: source <(hotline completion zsh) (after compinit, e.g. in ~/.zshrc)
_hotline() {
  local -a cands
  cands=("\${(@f)$(hotline __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if (( \${#cands[@]} )) && [[ -n "\${cands[1]}" ]]; then compadd -Q -- "\${cands[@]}"; else _files; fi
}
# Autoloaded from $fpath (as _hotline) it completes at once; sourced, it registers itself.
if [[ "\${funcstack[1]}" = "_hotline" ]]; then _hotline "$@"; else compdef _hotline hotline; fi
`;
}
