import type { Command } from 'commander';
import { UsageError } from '../errors.js';

interface Node {
  path: string[];
  subcommands: string[];
  options: string[];
}

function walk(command: Command, path: string[], out: Node[]): void {
  const options = command.options.flatMap((o) => [o.long, o.short].filter((x): x is string => Boolean(x)));
  out.push({ path, subcommands: command.commands.map((c) => c.name()), options: [...options, '--help'] });
  for (const sub of command.commands) walk(sub, [...path, sub.name()], out);
}

/** A completion script for bash, zsh or fish, generated from the command tree so it never goes stale. */
export function completionScript(program: Command, shell: string): string {
  const nodes: Node[] = [];
  walk(program, [], nodes);
  const globals = nodes[0]!.options;
  switch (shell) {
    case 'bash':
    case 'zsh': {
      const cases = nodes
        .map((n) => `    "${n.path.join(' ')}") words="${[...n.subcommands, ...n.options, ...(n.path.length ? globals : [])].join(' ')}" ;;`)
        .join('\n');
      const body = `_hwaas() {
  local cur path word i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  path=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "$word" in -*) continue ;; esac
    if [ -z "$path" ]; then candidate="$word"; else candidate="$path $word"; fi
    case "$candidate" in
${nodes.map((n) => `      "${n.path.join(' ')}") path="$candidate" ;;`).filter((l) => !l.includes('"")')).join('\n')}
    esac
  done
  local words=""
  case "$path" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _hwaas hwaas
`;
      return shell === 'bash' ? body : `#compdef hwaas\nautoload -U +X bashcompinit && bashcompinit\n${body}`;
    }
    case 'fish': {
      const lines = ['complete -c hwaas -f'];
      for (const node of nodes) {
        const condition =
          node.path.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${node.path[node.path.length - 1]}`;
        for (const sub of node.subcommands) lines.push(`complete -c hwaas -n '${condition}' -a ${sub}`);
      }
      for (const option of globals.filter((o) => o.startsWith('--'))) lines.push(`complete -c hwaas -l ${option.slice(2)}`);
      for (const node of nodes.slice(1)) {
        for (const option of node.options.filter((o) => o.startsWith('--') && o !== '--help')) {
          lines.push(`complete -c hwaas -n '__fish_seen_subcommand_from ${node.path[node.path.length - 1]}' -l ${option.slice(2)}`);
        }
      }
      return `${lines.join('\n')}\n`;
    }
    default:
      throw new UsageError(`completion: "${shell}" is not a shell hwaas knows; use bash, zsh or fish.`, 'USAGE');
  }
}
