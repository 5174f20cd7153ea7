import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, onPostgres } from './helpers.js';

// Issue 15: the README's tour is a script that the suite runs, so it cannot drift. Every
// `$ npx hwaas …` line of the ```console blocks of "A five-minute tour" runs, in order, on a
// fresh machine (a new HOME, so the default store), and prints what the README shows.
// A line "…" in the README stands for lines left out; file sizes may differ; `$ echo $?`
// prints the previous exit code. The interactive session is shown in a ```text block.

interface Step {
  command: string;
  expected: string[];
}

function tourSteps(): Step[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const tour = readme.slice(readme.indexOf('## A five-minute tour'), readme.indexOf('## Commands'));
  const steps: Step[] = [];
  for (const block of tour.matchAll(/```console\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split('\n')) {
      if (line.startsWith('$ '))
        steps.push({
          command: line
            .slice(2)
            .replace(/\s+#.*$/, '')
            .trim(),
          expected: [],
        });
      else if (steps.length > 0) steps[steps.length - 1]!.expected.push(line);
    }
  }
  return steps;
}

/** The words of a command line as a shell splits them (the tour quotes nothing fancy). */
const words = (command: string) => command.split(/\s+/).filter(Boolean);
const normalise = (text: string, home: string) =>
  text
    .split(home)
    .join('/home/anna')
    .replace(/\(\d+(\.\d+)? KB\)/g, '(N KB)')
    .replace(/, \d+(\.\d+)? KB\./g, ', N KB.')
    .split('\n')
    .map((l) => l.trimEnd());

/** A line with "…" inside it (not at its start): any text stands where the "…" is (an amount that depends on the day). */
const lineMatches = (actual: string | undefined, expected: string): boolean =>
  actual !== undefined &&
  (expected.includes('…')
    ? new RegExp(
        `^${expected
          .split('…')
          .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ).test(actual)
    : actual === expected);

/** `actual` has every expected line in order; a line "…" lets any lines pass until the next expected one. */
function matches(actual: string[], expected: string[]): string | null {
  const want = [...expected];
  while (want.length > 0 && want[want.length - 1] === '') want.pop();
  let at = 0;
  let skipping = false;
  for (const line of want) {
    if (line.startsWith('…')) {
      skipping = true;
      continue;
    }
    if (skipping) {
      while (at < actual.length && !lineMatches(actual[at], line)) at++;
      skipping = false;
    }
    if (!lineMatches(actual[at], line)) return `expected ${JSON.stringify(line)}, got ${JSON.stringify(actual[at] ?? '(end of output)')}`;
    at++;
  }
  return null;
}

describe.skipIf(onPostgres)('the README tour', () => {
  it('runs as written on a fresh machine', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hwaas-tour-'));
    const steps = tourSteps();
    expect(steps.length).toBeGreaterThan(10);
    let previous = 0;
    for (const [index, step] of steps.entries()) {
      if (step.command === 'echo $?') {
        expect(step.expected.filter(Boolean)).toEqual([String(previous)]);
        continue;
      }
      const [npx, hwaas, ...args] = words(step.command);
      expect([npx, hwaas], step.command).toEqual(['npx', 'hwaas']);
      const result = await cli(args, { cwd: home, env: { HOME: home, HWAAS_TODAY: '2026-11-24', XDG_DATA_HOME: undefined } });
      previous = result.code;
      // A step succeeds unless the README asks for its exit code next.
      if (steps[index + 1]?.command !== 'echo $?') expect(result.code, `$ ${step.command}\n${result.stderr}`).toBe(0);
      const output = normalise(`${result.stdout}${result.stderr}`, home);
      const problem = matches(
        output,
        step.expected.map((l) => l.replace(/\(\d+(\.\d+)? KB\)/g, '(N KB)').replace(/, \d+(\.\d+)? KB\./g, ', N KB.')),
      );
      expect(problem, `$ ${step.command}\n${output.join('\n')}`).toBeNull();
    }
  });
});

/** The `$ hwaas …` lines of "Your own data", with their continuation lines joined, and what each prints. */
function ownDataSteps(): Step[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Your own data'), readme.indexOf('**`hwaas import KIND FILE`**'));
  const block = /```console\n([\s\S]*?)```/.exec(section)![1]!;
  const steps: Step[] = [];
  let continued = false;
  for (const line of block.split('\n')) {
    if (continued) steps[steps.length - 1]!.command += ` ${line.trim()}`;
    else if (line.startsWith('$ ')) steps.push({ command: line.slice(2), expected: [] });
    else if (steps.length > 0) steps[steps.length - 1]!.expected.push(line);
    continued = line.endsWith('\\');
    if (continued) steps[steps.length - 1]!.command = steps[steps.length - 1]!.command.replace(/\\$/, '');
  }
  return steps.map((s) => ({ ...s, command: s.command.replace(/\s+#.*$/, '').trim() }));
}

/** The words of a command line as a shell splits them: double quotes group words. */
const shellWords = (command: string) => [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);

describe.skipIf(onPostgres)('the README\'s "Your own data"', () => {
  it('ends in a placed order when followed on the real date', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hwaas-own-'));
    const steps = ownDataSteps();
    expect(steps.at(-1)!.command).toContain('--checkout');
    const env: Record<string, string | undefined> = { HOME: home, XDG_DATA_HOME: undefined };
    for (const step of steps) {
      const [first, ...rest] = shellWords(step.command);
      if (first === 'export') {
        const [name, value] = rest[0]!.split('=') as [string, string];
        // The store goes into a fresh folder; the README's paths are from the package's folder.
        env[name] = name === 'HWAAS_DB' ? join(home, value) : value;
        continue;
      }
      expect(first, step.command).toBe('hwaas');
      const result = await cli(rest, { cwd: ROOT, env, realClock: true });
      expect(result.code, `$ ${step.command}\n${result.stderr}`).toBe(0);
      const output = `${result.stdout}${result.stderr}`.split('\n').map((l) => l.trimEnd());
      const problem = matches(output, step.expected);
      expect(problem, `$ ${step.command}\n${output.join('\n')}`).toBeNull();
    }
  });
});
