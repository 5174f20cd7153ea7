import type { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { IMPORT_KINDS } from '../domain/imports/run.js';
import { TIERS } from '../domain/kernel/model.js';
import { CURRENCIES } from '../terms/money.js';
import { TERMS } from '../terms/term.js';
import { HELP_TOPICS } from './topics.js';

/**
 * Shell completion, asked of hwaas itself: the scripts for bash, zsh and fish call
 * `hwaas __complete WORDS… CURRENT`, which answers from the command tree (so it never goes
 * stale): subcommands, the options of the command being typed (and the global ones), the
 * values of an option or argument that has a fixed set, and `:file` when a file name is
 * wanted (the shell completes those itself). The last line is always the directive.
 */

/** Options whose value is a file (or a folder, or a URL that may be a file). */
const FILE_OPTIONS = new Set(['--out', '--db', '--file', '--to']);
/** Positional arguments that are files. */
const FILE_ARGUMENTS = new Set(['file']);
const TERM_VALUES: readonly string[] = TERMS;
/** Values of options that are typed as text but have a fixed set. */
const KNOWN_VALUES: Readonly<Record<string, readonly string[]>> = {
  '--term': [...TERMS, 'perpetual'],
  '--license': [...TERMS, 'perpetual'],
  '--tier': TIERS,
  '--currency': CURRENCIES,
};
const ARGUMENT_VALUES: Readonly<Record<string, readonly string[]>> = {
  shell: ['bash', 'zsh', 'fish'],
  kind: IMPORT_KINDS,
};

const takesValue = (option: Option) => option.required || option.optional;

export function complete(program: Command, words: readonly string[]): string[] {
  const current = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  let node = program;
  let positional = 0;
  const positionals: string[] = [];
  let pendingOption: Option | null = null;
  const optionOf = (flag: string) => [...node.options, ...program.options].find((o) => o.long === flag || o.short === flag) ?? null;
  for (const word of before) {
    if (pendingOption) {
      pendingOption = null;
      continue;
    }
    if (word.startsWith('-')) {
      const option = word.includes('=') ? null : optionOf(word);
      if (option && takesValue(option)) pendingOption = option;
      continue;
    }
    const sub = node.commands.find((c) => c.name() === word);
    if (sub && positional === 0) node = sub;
    else {
      positional += 1;
      positionals.push(word);
    }
  }
  // The value of an option.
  if (pendingOption) {
    const flag = pendingOption.long ?? '';
    // `--to` is a file or URL for `db copy`, a term for `pbx change-term`, a date elsewhere.
    if (flag === '--to' && node.name() !== 'copy') return [...(node.name() === 'change-term' ? TERM_VALUES : []).filter((v) => v.startsWith(current)), ':none'];
    if (FILE_OPTIONS.has(flag)) return [':file'];
    const values = pendingOption.argChoices ?? KNOWN_VALUES[flag] ?? null;
    return [...(values ?? []).filter((v) => v.startsWith(current)), ':none'];
  }
  if (current.startsWith('-')) {
    const flags = [...node.options, ...program.options].flatMap((o) => (o.long ? [o.long] : [])).filter((f) => f !== '--version' || node === program);
    return [...new Set([...flags, '--help'])].filter((f) => f.startsWith(current)).concat(':none');
  }
  if (node.commands.length > 0) {
    const names = node.commands.map((c) => c.name()).filter((n) => !n.startsWith('_'));
    return [...names.filter((n) => n.startsWith(current)), ':none'];
  }
  // A positional argument of the command being typed.
  const argument = node.registeredArguments[positional];
  if (node.name() === 'help') {
    // `help pbx <TAB>`: pbx's commands; `help <TAB>`: every command and the topics.
    let target = program;
    for (const word of positionals) target = target.commands.find((c) => c.name() === word) ?? target;
    const names = target.commands.map((c) => c.name()).filter((n) => n !== 'help' && !n.startsWith('_'));
    const all = positionals.length === 0 ? [...names, ...Object.keys(HELP_TOPICS)] : names;
    return [...all.filter((n) => n.startsWith(current)), ':none'];
  }
  if (argument && FILE_ARGUMENTS.has(argument.name())) return [':file'];
  const values = argument ? (ARGUMENT_VALUES[argument.name()] ?? []) : [];
  return [...values.filter((v) => v.startsWith(current)), ':none'];
}

/** A completion script for bash, zsh or fish: each asks `hwaas __complete`, keyed on every word typed so far. */
export function completionScript(shell: string): string {
  switch (shell) {
    case 'bash':
      return `# hwaas completion for bash: source it, or put it in ~/.local/share/bash-completion/completions/hwaas
_hwaas_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  local IFS=$'\\n'
  local -a out
  out=($(hwaas __complete "\${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null))
  local last=$((\${#out[@]} - 1))
  if [ "$last" -ge 0 ] && [ "\${out[$last]}" = ":file" ]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
  else
    [ "$last" -ge 0 ] && unset "out[$last]"
    COMPREPLY=("\${out[@]}")
  fi
}
complete -F _hwaas_complete hwaas
`;
    case 'zsh':
      return `#compdef hwaas
# hwaas completion for zsh: put it on your $fpath as _hwaas, or source it after compinit
_hwaas() {
  local -a out
  out=("\${(@f)$(hwaas __complete "\${(@)words[2,CURRENT-1]}" "\${words[CURRENT]}" 2>/dev/null)}")
  if [[ "\${out[-1]}" == ":file" ]]; then
    _files
  else
    out=("\${(@)out[1,-2]}")
    (( \${#out} )) && compadd -- "\${out[@]}"
  fi
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then _hwaas "$@"; else compdef _hwaas hwaas; fi
`;
    case 'fish':
      return `# hwaas completion for fish: put it in ~/.config/fish/completions/hwaas.fish
function __hwaas_complete
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l current (commandline -ct)
    set -l out (hwaas __complete $tokens "$current" 2>/dev/null)
    if test "$out[-1]" = ":file"
        __fish_complete_path "$current"
    else
        set -e out[-1]
        printf '%s\\n' $out
    end
end
complete -c hwaas -f -a '(__hwaas_complete)'
`;
    default:
      throw new UsageError(`completion: "${shell}" is not a shell hwaas knows; use bash, zsh or fish.`, 'USAGE');
  }
}
