import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN, cli, demoStore } from '../helpers.js';

// The smaller findings of the attack: leftovers of interrupted exports, a blank
// search that listed everything, UTC dates shown as "Created", and a draft placed at
// a price nobody saw after its PBX renewed.
let db: string;
beforeEach(async () => {
  db = await demoStore();
});

describe('leftovers of an interrupted export or backup', () => {
  it('are removed by the next export or backup into that folder; a running one\'s are not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-partial-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout; // a pid that has ended
    const alive = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      const deadPartial = `.p.pdf.${dead}.0123abcd.partial`;
      const livePartial = `.q.pdf.${alive.pid}.89abcdef.partial`;
      writeFileSync(join(dir, deadPartial), 'half a PDF');
      writeFileSync(join(dir, livePartial), 'being written');
      expect((await cli(['--db', db, 'pricelist', '--out', join(dir, 'p.pdf')])).code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual([livePartial, 'p.pdf']);
      writeFileSync(join(dir, deadPartial), 'half a backup');
      expect((await cli(['--db', db, '--as', 'USR-101', 'db', 'backup', join(dir, 'b.db')])).code).toBe(0);
      expect(existsSync(join(dir, deadPartial))).toBe(false);
    } finally {
      alive.kill();
    }
  });

  it('a kill -9 in the middle of an export, then another export, leaves no .partial', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-kill-'));
    const child = spawn(process.execPath, [BIN, '--db', db, 'pricelist', '--format', 'xlsx', '--out', join(dir, 'p.xlsx')], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (!readdirSync(dir).some((n) => n.endsWith('.partial')) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial')), 'killed before it wrote anything').toHaveLength(1);
    expect((await cli(['--db', db, 'pricelist', '--out', join(dir, 'again.pdf')])).code).toBe(0);
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});

describe('--search with nothing in it', () => {
  it.each([' ', '   ', '\u200b'])('%j is an input error, not "everything"', async (text) => {
    const result = await cli(['--db', db, '--json', 'customers', 'list', '--search', text]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr).error.message).toContain('--search: give some text to look for');
  });
});

describe('dates shown to people', () => {
  it('"Created" is the local calendar date, like "today", not the UTC one', () => {
    // Kiritimati is UTC+14: for ten hours of every day its date is a day ahead of UTC.
    const env = { HWAAS_DB: db, TZ: 'Pacific/Kiritimati', NO_COLOR: '1', PATH: process.env.PATH };
    const today = spawnSync('date', ['+%F'], { env, encoding: 'utf8' }).stdout.trim();
    const saved = spawnSync(process.execPath, [BIN, 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--save'], { env, encoding: 'utf8' });
    expect(saved.status, saved.stderr).toBe(0);
    const list = spawnSync(process.execPath, [BIN, 'orders', 'list'], { env, encoding: 'utf8' }).stdout;
    expect(list).toContain(today);
    const show = spawnSync(process.execPath, [BIN, 'orders', 'show', 'ORD-000001'], { env, encoding: 'utf8' }).stdout;
    expect(show).toMatch(new RegExp(`Created ${today} \\d\\d:\\d\\d`));
    expect(show).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/); // no raw ISO timestamps for people
  });
});

describe('a draft checked out after its PBX renewed', () => {
  it('is re-priced, and the confirmation says the new amount before anyone says yes', async () => {
    // PBX-1006 renews monthly on the 25th: saved on the 24th for 1 of 31 days (6.80 × 10 × 1/31),
    // checked out on the 26th for 29 of the next 30 (6.80 × 10 × 29/30 = 65.733…).
    const draft = await cli(['--db', db, '--date', '2026-11-24', '--json', 'order', '--customer', 'CUS-0005', '--pbx', 'PBX-1006', '--item', 'WP480G=10', '--save']);
    expect(draft.json().total).toBe('2.19');
    const ask = await cli(['--db', db, '--date', '2026-11-26', 'orders', 'checkout', 'ORD-000001']);
    expect(ask.code).toBe(2); // no terminal: --yes is needed, and the question is said
    expect(ask.stderr).toContain('Place ORD-000001 for €65.73 (re-priced for today: it was €2.19 when saved)?');
    const placed = await cli(['--db', db, '--date', '2026-11-26', '--json', 'orders', 'checkout', 'ORD-000001', '--yes']);
    expect(placed.json()).toMatchObject({ status: 'placed', total: '65.73', start: '2026-11-26', end: '2026-12-25' });
  });
});
