import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, onPostgres } from './helpers.js';

// Issue 15: completion in bash, zsh and fish, driven through each shell's own completion
// function with `hwaas` on the PATH (the built CLI), as a user's shell would call it.

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const shells = { bash: has('bash'), zsh: has('zsh'), fish: has('fish') };
if (process.env.HWAAS_REQUIRE_SHELLS === '1' && !(shells.bash && shells.zsh && shells.fish)) throw new Error('HWAAS_REQUIRE_SHELLS=1: bash, zsh and fish must be installed');

let bin: string;
let work: string;
beforeAll(() => {
  bin = mkdtempSync(join(tmpdir(), 'hwaas-bin-'));
  writeFileSync(join(bin, 'hwaas'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/hwaas.js')}" "$@"\n`);
  chmodSync(join(bin, 'hwaas'), 0o755);
  work = mkdtempSync(join(tmpdir(), 'hwaas-complete-'));
  writeFileSync(join(work, 'prices.pdf'), '');
  writeFileSync(join(work, 'prices.txt'), '');
  mkdirSync(join(work, 'exports'));
});
const run = (shell: string, script: string) => {
  const result = spawnSync(shell, ['-c', script], { cwd: work, encoding: 'utf8', env: { PATH: `${bin}:${process.env.PATH}`, HOME: work, HWAAS_DB: join(work, 'none.db') } });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.split('\n').filter(Boolean);
};

/** What bash offers after the words typed (the last one is being completed). */
function bash(...words: string[]): string[] {
  const array = ['hwaas', ...words].map((w) => `'${w}'`).join(' ');
  return run(
    'bash',
    `source <(hwaas completion bash); COMP_WORDS=(${array}); COMP_CWORD=${words.length}; _hwaas_complete; printf '%s\\n' "\${COMPREPLY[@]}"; declare -p cur out last path word 2>/dev/null | sed 's/^/LEAK /'`,
  );
}
/** What zsh's completion function adds (compadd and _files stand in for the completion system's). */
function zsh(...words: string[]): string[] {
  const array = ['hwaas', ...words].map((w) => `'${w}'`).join(' ');
  return run(
    'zsh',
    `compadd() { [[ $1 == -- ]] && shift; printf '%s\\n' "$@"; }; _files() { print FILES; }; compdef() { :; }; source <(hwaas completion zsh); words=(${array}); CURRENT=${words.length + 1}; _hwaas`,
  );
}
/** What fish offers for a command line. */
function fish(line: string): string[] {
  return run('fish', `source (hwaas completion fish | psub); complete -C'${line}'`).map((l) => l.split('\t')[0]!);
}

const FORMATS = ['pdf', 'xlsx', 'csv', 'json'];

describe.skipIf(onPostgres || !shells.bash)('bash', () => {
  it('values, options of the command typed, subcommands, files; nothing leaks', () => {
    expect(bash('pricelist', '--format', '')).toEqual(FORMATS);
    expect(bash('pbx', 'add', '--type', '')).toEqual(['cloud', 'virtual', 'hardware']);
    expect(bash('quote', '--term', '5')).toEqual([]);
    expect(bash('quote', '--term', 'f')).toEqual(['five-year']);
    expect(bash('completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(bash('help', 'exi')).toEqual(['exit-codes']);
    expect(bash('help', 'pbx', '')).toEqual(['list', 'show', 'add', 'edit', 'cancel', 'change-term']);
    expect(bash('orders', 'l')).toEqual(['list']);
    const flags = bash('users', 'list', '--');
    expect(flags.filter((f) => f === '--help')).toHaveLength(1);
    expect(flags).toContain('--format');
    expect(flags).not.toContain('--customer'); // another command's
    expect(bash('pricelist', '--out', 'pri')).toEqual(['prices.pdf', 'prices.txt']);
    expect(bash('db', 'backup', 'exp')).toEqual(['exports']);
    expect(bash('pricelist', '--out', 'pri').some((l) => l.startsWith('LEAK'))).toBe(false);
  });
});

describe.skipIf(onPostgres || !shells.zsh)('zsh', () => {
  it('values, options, subcommands; files through _files', () => {
    expect(zsh('pricelist', '--format', '')).toEqual(FORMATS);
    expect(zsh('pbx', 'change-term', 'PBX-1001', '--to', '')).toEqual(['monthly', 'yearly', 'five-year']);
    expect(zsh('help', '')).toContain('environment');
    expect(zsh('db', '--db', 'x', '')).toEqual(['info', 'backup', 'check', 'copy']);
    expect(zsh('pricelist', '--out', '')).toEqual(['FILES']);
    expect(zsh('import', 'customers', '')).toEqual(['FILES']);
  });
});

describe.skipIf(onPostgres || !shells.fish)('fish', () => {
  it('keyed on the whole command line, not its last word', () => {
    expect(fish('hwaas pricelist --format ').sort()).toEqual([...FORMATS].sort()); // fish sorts what it offers
    const flags = fish('hwaas users list --');
    expect(flags).toContain('--format');
    expect(flags).not.toContain('--customer');
    expect(flags).not.toContain('--item');
    expect(fish('hwaas completion ').sort()).toEqual(['bash', 'fish', 'zsh']);
    expect(fish('hwaas pricelist --out pri')).toEqual(['prices.pdf', 'prices.txt']);
  });
});
