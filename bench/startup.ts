import { BIN, interleavedMedians, ms, record } from './lib.js';

/** Start-up: what a person waits for on every command, against a bare node timed in the same rounds. */
export function startupBench(db: string): void {
  const rounds = 21;
  const env = { HWAAS_DB: db, HWAAS_TODAY: '2026-11-24' };
  const cases: [string, string[], number | null][] = [
    ['hwaas --help', ['--help'], 1.5],
    ['hwaas quote --pbx … --json', ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=2', '--json'], 1.5],
    ['hwaas customers list --json', ['customers', 'list', '--json'], null],
  ];
  const [baseline, ...values] = interleavedMedians(rounds, [{ args: ['-e', '0'] }, ...cases.map(([, args]) => ({ args: [BIN, ...args], env }))]);
  cases.forEach(([what, , goal], i) => {
    const ratio = values[i]! / baseline!;
    record({
      section: 'startup',
      what: `${what} (median of ${rounds}, interleaved)`,
      value: ms(values[i]!),
      baseline: `${ms(baseline!)} node -e 0`,
      ratio: `${ratio.toFixed(2)}×`,
      goal: goal === null ? '' : `≤ ${goal}×`,
      ok: goal === null ? null : ratio <= goal,
    });
  });
}
