import { spawnSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, demoStore, rebaseInvoices } from '../helpers.js';

// Attack: unbounded input. `quote --file /dev/zero` grew to 8 GB; a case nested 5,000
// levels deep exited 70; a date past 9999-12-31 became an error about stored data.
let db: string;
let dir: string;
beforeAll(async () => {
  // The built CLI reads the real clock: the demo's invoices are dated from it.
  db = await demoStore();
  await rebaseInvoices(db);
  dir = mkdtempSync(join(tmpdir(), 'hwaas-bounds-'));
});
const errorOf = (result: { stderr: string }) => JSON.parse(result.stderr).error;

describe('the cases file', () => {
  it('/dev/zero is refused as a device, before a byte is read', () => {
    const result = spawnSync(process.execPath, [BIN, '--json', 'quote', '--file', '/dev/zero'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(errorOf(result).message).toBe('--file: /dev/zero is a device, not a file: give the JSON cases file.');
  });

  it('a kernel file that never ends (/proc/kmsg) is refused by name, for quote and import alike', async () => {
    const quote = await cli(['--json', 'quote', '--file', '/proc/kmsg']);
    expect(quote.code).toBe(2);
    expect(errorOf(quote).message).toBe("--file: /proc/kmsg is a file of the kernel's (proc), not a file: give the JSON cases file.");
    const imported = await cli(['--db', db, '--json', 'import', 'customers', '/proc/kmsg']);
    expect(imported.code).toBe(2);
    expect(errorOf(imported).message).toBe("/proc/kmsg is a file of the kernel's (proc), not a file: give the CSV or XLSX file to import.");
  });

  it('standard input that stays open and silent ends in seconds, without spinning', async () => {
    const { spawn } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    for (const args of [
      ['quote', '--file', '-'],
      ['--db', db, 'import', 'customers', '-'],
    ]) {
      const child = spawn(process.execPath, [BIN, '--json', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const started = Date.now();
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      // CPU time while it waits (user + system, in clock ticks of 1/100 s), read until it ends: waiting costs next to none.
      let ticks = 0;
      const sample = setInterval(() => {
        try {
          const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
          ticks = Number(fields[11]) + Number(fields[12]);
        } catch {
          // it has ended
        }
      }, 250);
      const code = await exited;
      clearInterval(sample);
      expect(code, stderr).toBe(2);
      expect(ticks, stderr).toBeLessThan(100);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(errorOf({ stderr }).message).toMatch(/standard input\)? gave nothing for 10 s: pipe the file in/);
      child.stdin.end();
    }
  }, 40_000);

  it('a file over 128 MB is refused before it is read', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 129 * 1024 * 1024); // sparse: costs no disk
    const result = await cli(['--json', 'quote', '--file', big]);
    expect(result.code).toBe(2);
    expect(errorOf(result).message).toContain('larger than 128 MB');
  });

  it('stdin is bounded alike', () => {
    const result = spawnSync('sh', ['-c', `head -c 140000000 /dev/zero | ${process.execPath} ${BIN} --json quote --file -`], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(errorOf(result).message).toContain('larger than 128 MB');
  });

  it('a case nested 5,000 levels deep is refused, naming the case', async () => {
    const file = join(dir, 'deep.json');
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    writeFileSync(
      file,
      `[{"name":"fine","term":"yearly","activated":"2020-05-01","items":[{"sku":"WP480G","qty":1}]},{"name":"deep","term":"yearly","activated":"2020-05-01","items":[{"sku":"WP480G","qty":1}],"expect":{"lines":${deep}}}]`,
    );
    const result = await cli(['--json', 'quote', '--file', file]);
    expect(result.code).toBe(2);
    expect(errorOf(result).message).toMatch(/\[1\]: case 2 is nested deeper than 32 levels/);
  });

  it('32 levels are fine', async () => {
    const file = join(dir, 'ok.json');
    // The array of cases (1), the case (2), expect (3), and 29 more arrays.
    writeFileSync(file, `[{"term":"yearly","activated":"2020-05-01","items":[{"sku":"WP480G","qty":1}],"expect":{"lines":${'['.repeat(29)}${']'.repeat(29)}}}]`);
    const result = await cli(['--json', 'quote', '--file', file]);
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('dates past 9999-12-31', () => {
  it.each([
    ['a far --date on a named PBX', ['--date', '9999-12-20', 'quote', '--pbx', 'PBX-1001', '--item', 'WP480G=1']],
    ['an ad-hoc quote whose period ends in 10000', ['quote', '--term', 'yearly', '--activated', '9999-06-01', '--start', '9999-07-01', '--item', 'WP480G=1']],
    ['a five-year term from 9996', ['quote', '--term', 'five-year', '--activated', '9996-01-01', '--start', '9996-01-01', '--item', 'WP480G=1']],
    ['the PBX listing on a far --date', ['--date', '9999-12-15', 'pbx', 'list']],
    ['pbx show on a far --date', ['--date', '9999-12-15', 'pbx', 'show', 'PBX-1001']],
  ])('%s: exit 2, a sentence about the date', async (_name, args) => {
    const result = await cli(['--db', db, '--json', ...args]);
    expect(result.code, result.stderr).toBe(2);
    const error = errorOf(result);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('after 9999-12-31, the last date hwaas handles');
    expect(error.message).not.toContain('stored');
  });

  it('an order that would end after 9999-12-31 is never placed', async () => {
    // Paid up: an invoice unpaid for eight thousand years would lock the account first.
    expect((await cli(['--db', db, '--as', 'USR-101', 'invoices', 'pay', 'INV-2026-0102'])).code).toBe(0);
    const result = await cli(['--db', db, '--date', '9999-12-20', '--json', 'order', '--customer', 'CUS-0001', '--pbx', 'PBX-1001', '--item', 'WP480G=1', '--save']);
    expect(result.code).toBe(2);
    expect((await cli(['--db', db, '--json', 'orders', 'list'])).json()).toEqual([]);
  });
});

describe('a cases file under 128 MB that would exhaust the memory', () => {
  it('a hundred thousand and one cases is refused before it is parsed', async () => {
    const file = join(dir, 'many.json');
    writeFileSync(file, `[${Array.from({ length: 100_001 }, () => '{}').join(',')}]`);
    const result = await cli(['--json', 'quote', '--file', file]);
    expect(result.code).toBe(2);
    expect(errorOf(result).message).toContain('more than 100,000 cases');
  });

  // Attack: one case with 19 million numbers in its items took 4 GB before it was refused;
  // 60,000 cases of 31 lines answered more JSON than a string holds (exit 70).
  it('a case of more than a thousand lines is refused before it is parsed, in little memory', async () => {
    const file = join(dir, 'lines.json');
    writeFileSync(file, `[{"term":"yearly","activated":"2020-05-01","items":[${'{"sku":"WP480G","qty":1},'.repeat(1_000)}{"sku":"WP480G","qty":1}]}]`);
    const result = await cli(['--json', 'quote', '--file', file]);
    expect(result.code).toBe(2);
    expect(errorOf(result).message).toContain('case 1 has a list of more than 1,000 entries');
  });

  it('too many values in all is refused before it is parsed', async () => {
    const file = join(dir, 'numbers.json');
    writeFileSync(file, `[${`{"term":"yearly","activated":"2020-05-01","items":[${'0,'.repeat(29)}0]},`.repeat(80_000)}{}]`);
    const result = await cli(['--json', 'quote', '--file', file]);
    expect(result.code).toBe(2);
    expect(errorOf(result).message).toContain('values; split it');
  });

  it('a byte-order mark at the start (Windows editors write one) is not an error', async () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF[{"term":"yearly","activated":"2020-05-01","start":"2020-08-01","items":[{"sku":"WP480G","qty":1,"price":"120.00"}],"expect":{"total":"89.75"}}]`);
    const result = await cli(['quote', '--file', file, '--check']);
    expect(result.code, result.stderr).toBe(0);
  });
});

// Attack (second round): a named pipe that stayed silent printed its sentence at 10 s and
// then never exited (the read waited in a thread for a writer); `< /dev/zero` as standard
// input and /dev/stdin to a device were read up to the size bound before being refused.
describe('pipes and devices by other names', () => {
  it('a named pipe nobody writes to ends the command after the quiet limit', async () => {
    const fifo = join(dir, 'silent.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const { spawn } = await import('node:child_process');
    const holder = spawn('sleep', ['60'], { stdio: ['ignore', 'ignore', 'ignore'] });
    // A writer holds the pipe open and writes nothing.
    const writer = spawn('sh', ['-c', `exec 3>"${fifo}"; sleep 60`], { stdio: 'ignore' });
    try {
      const started = Date.now();
      const result = spawnSync(process.execPath, [BIN, '--json', 'quote', '--file', fifo], { encoding: 'utf8', timeout: 30_000 });
      expect(result.status, result.stderr).toBe(2);
      expect(errorOf(result).message).toMatch(/gave nothing for 10 s/);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      writer.kill();
      holder.kill();
    }
  });

  it('standard input from a device, or /dev/stdin to one, is refused before a byte is read', () => {
    const zero = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" --json --db "${db}" import customers - < /dev/zero`], { encoding: 'utf8', timeout: 30_000 });
    expect(zero.status).toBe(2);
    expect(errorOf(zero).message).toBe('standard input is the device /dev/zero, not a file: give the CSV or XLSX file to import.');
    const alias = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" --json quote --file /dev/stdin < /dev/zero`], { encoding: 'utf8', timeout: 30_000 });
    expect(alias.status).toBe(2);
    expect(errorOf(alias).message).toBe('--file: /dev/stdin is a device, not a file: give the JSON cases file.');
    const kernel = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" --json quote --file /dev/fd/3 3</proc/self/status`], { encoding: 'utf8', timeout: 30_000 });
    expect(kernel.status).toBe(2);
    expect(errorOf(kernel).message).toMatch(/^--file: \/dev\/fd\/3 is a file of the kernel's \(proc\)/);
  });
});
