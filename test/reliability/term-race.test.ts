import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cli, demoStore, translate, childEnv } from '../helpers.js';

// Attack: on PostgreSQL an `import pbxs` that switched a PBX to monthly at the same moment as
// a checkout on it ended 2 of 15 races with a yearly order on a monthly PBX (a €68/year line
// renewing monthly at €68). What changes a PBX's term, licence or cancellation holds its row,
// and checkout holds the PBX it places on: one of the two goes first, the other sees it.
const ROUNDS = 15;

function hwaas(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const run = translate(args);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...run.args], { env: { ...childEnv(), ...run.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('a change of licence and a checkout on the same PBX at the same moment', () => {
  it(`never leaves an order of one term on a PBX of another (${ROUNDS} races)`, async () => {
    const db = await demoStore();
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-race-'));
    const as = ['--db', db, '--date', '2026-11-24', '--as', 'USR-001'];
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const added = await cli([...as, '--json', 'pbx', 'add', '--customer', 'CUS-0001', '--name', `Race ${round}`, '--type', 'cloud', '--license', 'yearly', '--activated', '2026-01-15']);
      expect(added.code, added.stderr).toBe(0);
      const pbx = added.json().id as string;
      const file = join(dir, `monthly-${round}.csv`);
      writeFileSync(file, `id,customer,name,type,license,activated\n${pbx},CUS-0001,Race ${round},cloud,monthly,2026-01-15\n`);
      const [imported, ordered] = await Promise.all([
        hwaas([...as, '--json', 'import', 'pbxs', file]),
        hwaas([...as, '--json', 'order', '--customer', 'CUS-0001', '--pbx', pbx, '--term', 'yearly', '--item', 'WP480G=1', '--checkout', '--yes']),
      ]);
      const shown = (await cli([...as, '--json', 'pbx', 'show', pbx])).json();
      const orders = (await cli([...as, '--json', 'orders', 'list'])).json().filter((o: { pbx: string; status: string }) => o.pbx === pbx && o.status !== 'cancelled');
      // Exactly one of the two happened, and what is stored agrees with it.
      if (ordered.code === 0) {
        expect(imported.code, `round ${round}: both the order and the change of licence went through`).not.toBe(0);
        expect(imported.stderr).toContain('has orders');
        expect(shown.license).toBe('yearly');
        expect(orders.map((o: { term: string }) => o.term)).toEqual(['yearly']);
        outcomes.push('order first');
      } else {
        expect(imported.code, imported.stderr).toBe(0);
        expect(JSON.parse(ordered.stderr).error.code).toBe('TERM_MISMATCH');
        expect(shown.license).toBe('monthly');
        expect(orders).toEqual([]);
        outcomes.push('import first');
      }
    }
    expect(outcomes).toHaveLength(ROUNDS);
  }, 120_000);
});
