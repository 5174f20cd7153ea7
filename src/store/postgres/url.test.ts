import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionConfig } from './location.js';
import { displayUrl, parsePostgresUrl } from './url.js';

describe('postgres:// URLs', () => {
  it('are read as libpq reads them: parts, encoded sockets, IPv6, parameters that win', () => {
    expect(parsePostgresUrl('postgres://anna:pw@db.example:6432/shop?sslmode=require')).toMatchObject({ user: 'anna', password: 'pw', host: 'db.example', port: 6432, database: 'shop' });
    expect(parsePostgresUrl('postgresql://anna@%2Frun%2Fpostgresql/shop')).toMatchObject({ host: '/run/postgresql', database: 'shop' });
    expect(parsePostgresUrl('postgresql://[::1]:5433/x')).toMatchObject({ host: '::1', port: 5433 });
    expect(parsePostgresUrl('postgresql:///shop?host=/tmp/s&user=bob&port=5499')).toMatchObject({ host: '/tmp/s', user: 'bob', port: 5499, database: 'shop' });
    // The last of a repeated parameter wins, as in libpq.
    expect(parsePostgresUrl('postgresql://h/d?password=a&password=b').password).toBe('b');
    // A raw @ in the password: the last @ ends the user part.
    expect(parsePostgresUrl('postgresql://R:S3cr@t:x@h/d')).toMatchObject({ user: 'R', password: 'S3cr@t:x', host: 'h' });
  });

  it('never show a password, however it is written', () => {
    const env = {};
    for (const url of [
      'postgresql://R:S3cr@t%2Fpw:x@h/shop',
      'postgresql://R:S3cr@t/pw:x@h/shop',
      'postgresql://u:S3cretPw@h/shop?password=S3cretPw&password=S3cretPw',
      'postgresql://u@h/shop?sslpassword=S3cretPw&password=S3cretPw',
      'postgresql://u:S3cretPw@h:99999/shop',
      'postgresql://u:S3cretPw@h/shop?%zz=1',
    ]) {
      const shown = decodeURIComponent(displayUrl(url, env));
      expect(shown, url).not.toMatch(/S3cr|cretPw|pw/);
    }
    expect(displayUrl('postgresql://anna:pw@db.example/shop')).toBe('postgresql://anna@db.example/shop');
  });

  it('show where the connection leads once PG* variables fill it in', () => {
    expect(displayUrl('postgres://', { PGHOST: '/tmp/s', PGUSER: 'bob', PGDATABASE: 'shop', PGPORT: '5433' })).toBe('postgresql://bob@%2Ftmp%2Fs:5433/shop');
  });

  it('refuse what is not one, in a sentence that names no password', () => {
    for (const url of ['postgresql://u:S3cretPw@a,b/shop', 'postgresql://u:S3cretPw@h/shop?x', 'postgresql://u:S3cretPw@h:port/shop']) {
      expect(() => parsePostgresUrl(url), url).toThrow(/is not a PostgreSQL URL/);
      try {
        parsePostgresUrl(url);
      } catch (error) {
        expect((error as Error).message).not.toContain('S3cretPw');
      }
    }
  });
});

describe('connections', () => {
  it('take the password from ~/.pgpass as libpq does (a socket matches localhost), and only from a private file', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hwaas-pgpass-'));
    const file = join(home, '.pgpass');
    writeFileSync(file, '# comment\nother:5432:shop:anna:wrong\nlocalhost:5432:shop:anna:p\\:w\n*:*:*:bob:any\n');
    chmodSync(file, 0o600);
    const password = (url: string, env: Record<string, string>) => (connectionConfig(url, { HOME: home, ...env }).config.password as () => Promise<string>)();
    await expect(password('postgresql://anna@%2Ftmp%2Fs/shop', {})).resolves.toBe('p:w');
    await expect(password('postgresql://bob@db.example/x', {})).resolves.toBe('any');
    await expect(password('postgresql://carol@db.example/x', {})).rejects.toThrow(/wants a password for carol/);
    chmodSync(file, 0o644);
    await expect(password('postgresql://bob@db.example/x', {})).rejects.toThrow(/wants a password/);
    await expect(password('postgresql://bob@db.example/x', { PGPASSWORD: 'env' })).resolves.toBe('env');
  });

  it('use TLS as libpq does: prefer by default on a network, never on a socket; require and verify-full on request', () => {
    const tls = (url: string) => connectionConfig(url, {});
    expect(tls('postgresql://u@%2Ftmp%2Fs/d').config.ssl).toBe(false);
    expect(tls('postgresql://u@db.example/d')).toMatchObject({ preferTls: true, config: { ssl: { rejectUnauthorized: false } } });
    expect(tls('postgresql://u@db.example/d?sslmode=disable').config.ssl).toBe(false);
    expect(tls('postgresql://u@db.example/d?sslmode=require')).toMatchObject({ preferTls: false, config: { ssl: { rejectUnauthorized: false } } });
    expect(tls('postgresql://u@db.example/d?sslmode=verify-full').config.ssl).toMatchObject({ rejectUnauthorized: true });
    expect(() => tls('postgresql://u@db.example/d?sslmode=verify-full&sslrootcert=/no/such/ca.pem')).toThrow(/sslrootcert=\/no\/such\/ca.pem: cannot read that file/);
    expect(() => tls('postgresql://u@db.example/d?sslmode=sometimes')).toThrow(/sslmode=sometimes is not one of/);
  });

  it('run with lock and statement timeouts, and search only public whatever PGOPTIONS says', () => {
    const { options } = connectionConfig('postgresql://u@h/d', { PGOPTIONS: '-c search_path=evil -c lock_timeout=1s' }).config as { options: string };
    expect(options.indexOf('lock_timeout=15s')).toBeLessThan(options.indexOf('lock_timeout=1s'));
    expect(options.endsWith('-c search_path=public')).toBe(true);
  });
});
