import { BIN, medianOf, ms, record } from './lib.js';

/** Start-up: what a person waits for on every command, against a bare node. */
export function startupBench(db: string): void {
  const runs = 11;
  const env = { HWAAS_DB: db, HWAAS_TODAY: '2026-11-24' };
  const bare = medianOf(runs, ['-e', '0']);
  const cases: [string, string[], number | null][] = [
    ['hwaas --help', ['--help'], 1.5],
    ['hwaas quote --pbx … --json', ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=2', '--json'], 1.5],
    ['hwaas customers list --json', ['customers', 'list', '--json'], null],
  ];
  for (const [what, args, goal] of cases) {
    const value = medianOf(runs, [BIN, ...args], env);
    const ratio = value / bare;
    record({
      section: 'startup',
      what: `${what} (median of ${runs})`,
      value: ms(value),
      baseline: `${ms(bare)} node -e 0`,
      ratio: `${ratio.toFixed(2)}×`,
      goal: goal === null ? '' : `≤ ${goal}×`,
      ok: goal === null ? null : ratio <= goal,
    });
  }
}
