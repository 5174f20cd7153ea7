import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, demoStore, onPostgres, rawSql } from '../helpers.js';

// Attack: with the store in UTC at 02:31 UTC, `TZ=America/Los_Angeles hwaas quote --pbx …`
// quoted from yesterday with yesterday's price book (€68 where checkout charged €136), and
// `--format pdf` was refused with "leave out --start" although no --start was given.
// Every reading of "today" is the store's, for reads as for writes.
const INSTANT = '2026-11-25T02:31:00Z'; // 2026-11-25 in UTC, still 2026-11-24 in Los Angeles
const inLosAngeles = { instant: INSTANT, shellZone: 'America/Los_Angeles' };

let db: string;
beforeEach(async () => {
  db = await demoStore();
  await rawSql(db, "UPDATE settings SET value = 'live' WHERE key = 'mode'");
  await rawSql(db, "UPDATE settings SET value = 'UTC' WHERE key = 'timezone'");
});
const run = (...args: string[]) => cli(['--db', db, '--json', ...args], inLosAngeles);

describe("the shell's time zone moves no date of a store", () => {
  // On PostgreSQL a live store's placements are checked against the server's own clock,
  // which this test cannot move: the writes run on SQLite, the reads on both.
  it.skipIf(onPostgres)("a quote starts on the store's today: PBX-1006 renewed on the 25th, a whole month", async () => {
    const quote = await run('quote', '--pbx', 'PBX-1006', '--item', 'WP480G=10');
    expect(quote.code, quote.stderr).toBe(0);
    expect(quote.json()).toMatchObject({ start: '2026-11-25', periodStart: '2026-11-25', end: '2026-12-25', total: '68.00' });
    // And checkout charges what the quote said.
    const placed = await run('order', '--customer', 'CUS-0005', '--pbx', 'PBX-1006', '--item', 'WP480G=10', '--checkout', '--yes');
    expect(placed.code, placed.stderr).toBe(0);
    expect(placed.json()).toMatchObject({ start: '2026-11-25', total: quote.json().total });
  });

  it.skipIf(onPostgres)("the customer's PDF is issued on the store's today, with no word of --start", async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hwaas-zone-')), 'q.pdf');
    const pdf = await run('quote', '--pbx', 'PBX-1006', '--item', 'WP480G=10', '--format', 'pdf', '--out', out);
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(pdf.stderr).not.toContain('--start');
    const [record] = (await run('quotes', 'list')).json();
    expect(record).toMatchObject({ issuedOn: '2026-11-25' });
  });

  it("listings, expirations and overdue days count from the store's today", async () => {
    expect((await run('pbx', 'show', 'PBX-1006')).json()).toMatchObject({ periodStart: '2026-11-25', expiresOn: '2026-12-25' });
    const invoices = (await run('--as', 'USR-101', 'invoices', 'list')).json() as { partner: string; daysOverdue: number }[];
    // Łączność Plus's invoice was 3 days overdue on the 24th: on the store's 25th, 4.
    expect(invoices.find((i) => i.partner === 'PTR-004' && i.daysOverdue > 0)?.daysOverdue).toBe(4);
  });
});
