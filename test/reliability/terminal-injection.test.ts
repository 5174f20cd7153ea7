import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, demoStore, rawSql, storeFingerprint } from '../helpers.js';

// Attack: text a partner types drives another person's terminal. An e-mail holding
// ESC ] 52 (a clipboard write) and ESC [8m (hidden text) was stored and printed raw
// to staff by `customers list`.
const OSC52 = '\u001b]52;c;aGVsbG8=\u0007';
const HIDE = '\u001b[8m';
const CSI1 = '\u009b2J'; // one-byte CSI: clear the screen
const BIDI = '\u202egnp.exe';
const HOSTILE = [OSC52, HIDE, CSI1, BIDI, '\u2066x\u2069', '\u0000', '\u007f', '\r\n'];

// What hwaas itself may write to a terminal: its colours. Anything else is an attack.
const OWN = /\u001b\[(?:1|22|31|32|33|39|90)m/g;
function unsafe(text: string): string[] {
  return [...text.replace(OWN, '').matchAll(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g)].map((m) => JSON.stringify(m[0]));
}

let db: string;
beforeAll(async () => {
  db = await demoStore();
});

describe('control characters typed as text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hwaas-ctl-'));
  writeFileSync(join(dir, 'ok.pdf'), 'x');
  const inputs: [string, (bad: string) => string[]][] = [
    ['customers add --name', (bad) => ['customers', 'add', '--name', `Evil ${bad} GmbH`]],
    ['customers add --email', (bad) => ['customers', 'add', '--name', 'Fine GmbH', '--email', `a${bad}@b.example`]],
    ['customers add --vat', (bad) => ['customers', 'add', '--name', 'Fine GmbH', '--vat', `DE1${bad}23`]],
    ['customers add --country', (bad) => ['customers', 'add', '--name', 'Fine GmbH', '--country', `D${bad}`]],
    ['pbx add --name', (bad) => ['pbx', 'add', '--customer', 'CUS-0001', '--name', `HQ ${bad}`, '--type', 'cloud', '--license', 'yearly', '--activated', '2026-01-01']],
    ['agreements add --file', (bad) => ['agreements', 'add', '--customer', 'CUS-0002', '--signed-on', '2026-01-01', '--file', join(dir, `ok${bad}.pdf`)]],
  ];
  for (const [name, args] of inputs) {
    it.each(HOSTILE)(`${name} refuses %j (INVALID_INPUT, exit 2, nothing written)`, async (bad) => {
      const before = await storeFingerprint(db);
      const result = await cli(['--db', db, '--json', ...args(bad)]);
      expect(result.code).toBe(2);
      expect(JSON.parse(result.stderr).error.code).toBe('INVALID_INPUT');
      expect(unsafe(result.stderr)).toEqual([]);
      expect(await storeFingerprint(db)).toBe(before);
    });
  }

  it.each(['\u200b\u200b', '\u00ad', ' \u2060 ', '\u3164', '\u0301\u0301'])('a name made only of invisible characters (%j) is refused', async (name) => {
    const result = await cli(['--db', db, '--json', 'customers', 'add', '--name', name]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr).error.code).toBe('INVALID_INPUT');
  });
});

describe('hostile text already in the store is printed escaped', () => {
  beforeAll(async () => {
    // As a store written by hwaas 0.1 could hold it.
    await rawSql(db, "INSERT INTO customers (id, partner_id, name, search_key, country, vat, email, created_at) VALUES ('CUS-0666', 'PTR-001', ?, 'evil', 'DE', ?, ?, '2026-11-24T10:00:00Z')", [
      `Evil${HIDE}hidden${OSC52}`,
      `DE${CSI1}1`,
      `it${OSC52}@evil.example${BIDI}`,
    ]);
    await rawSql(db, "INSERT INTO pbxs (id, customer_id, name, type, license, activated_on) VALUES ('PBX-6666', 'CUS-0666', ?, 'cloud', 'yearly', '2026-01-01')", [`Box${HIDE}${BIDI}`]);
    await rawSql(
      db,
      "INSERT INTO agreements (seq, customer_id, signed_on, file, created_at, created_by) VALUES ((SELECT MAX(seq) + 1 FROM agreements), 'CUS-0666', '2026-01-01', ?, '2026-11-24T10:00:00Z', 'USR-001')",
      [`/x/${OSC52}.pdf`],
    );
  });

  const readers: [string, string[]][] = [
    ['customers list', ['customers', 'list']],
    ['customers list --search', ['customers', 'list', '--search', 'evil']],
    ['customers show', ['customers', 'show', 'CUS-0666']],
    ['pbx list', ['pbx', 'list']],
    ['pbx show', ['pbx', 'show', 'PBX-6666']],
    ['agreements list', ['agreements', 'list']],
    ['quote --pbx', ['quote', '--pbx', 'PBX-6666', '--item', 'WP480G=1']],
    ['order --save, then orders list and show', ['order', '--customer', 'CUS-0666', '--pbx', 'PBX-6666', '--item', 'WP480G=1', '--save']],
    ['orders list', ['orders', 'list']],
    ['orders show', ['orders', 'show', 'ORD-000001']],
  ];
  for (const tty of [true, false]) {
    it.each(readers)(`%s ${tty ? 'at a terminal, in colour' : 'piped'}`, async (_name, args) => {
      const result = await cli(['--db', db, '--date', '2026-11-24', ...args], { tty });
      expect(result.code, result.stderr).toBe(0);
      expect(unsafe(result.stdout)).toEqual([]);
      expect(unsafe(result.stderr)).toEqual([]);
    });
  }

  it('JSON keeps the values but writes C1 controls and bidi overrides as \\u escapes', async () => {
    const result = await cli(['--db', db, '--json', 'customers', 'show', 'CUS-0666']);
    expect(unsafe(result.stdout)).toEqual([]);
    const customer = result.json();
    expect(customer.vat).toBe(`DE${CSI1}1`);
    expect(customer.email).toBe(`it${OSC52}@evil.example${BIDI}`);
  });

  it('an error that echoes what was typed escapes it', async () => {
    const result = await cli(['--db', db, 'customers', 'show', `CUS-${OSC52}`], { tty: true });
    expect(result.code).toBe(1);
    expect(unsafe(result.stderr)).toEqual([]);
    expect(result.stderr).toContain('\\u001b]52');
  });
});

describe('CSV at a terminal', () => {
  it('escapes stored control characters there; piped, the data is kept as it is', async () => {
    const atTerminal = await cli(['--db', db, 'customers', 'list', '--format', 'csv'], { tty: true });
    expect(unsafe(atTerminal.stdout.replace(/\r\n/g, '\n'))).toEqual([]);
    expect(atTerminal.stdout).toContain('\\u001b]52');
    const piped = await cli(['--db', db, 'customers', 'list', '--format', 'csv']);
    expect(piped.stdout).toContain(OSC52);
    const prices = await cli(['--db', db, 'pricelist', '--format', 'csv', '--out', '-'], { tty: true });
    expect(unsafe(prices.stdout.replace(/\r\n/g, '\n'))).toEqual([]);
  });

  it('names only of private-use or unassigned characters, and bidi marks, are refused', async () => {
    for (const name of ['\uE000\uE001', '\u{F0000}', '\u0378\u0379', 'A\u200FB', 'A\u061CB']) {
      const result = await cli(['--db', db, '--json', 'customers', 'add', '--name', name]);
      expect(result.code, JSON.stringify(name)).toBe(2);
    }
  });
});
