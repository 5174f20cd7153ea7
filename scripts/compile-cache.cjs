// Makes dist/hwaas.cjs.cache, the code cache bin/bundle.cjs loads (see there why).
// It runs the commands people start most, in this one process and against a
// throwaway demo store, so that V8 has compiled what they use, then saves that code.
'use strict';
const { mkdtempSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Writable } = require('node:stream');
const { cacheFile, loadBundle } = require('../bin/bundle.cjs');

async function train() {
  const { exports, script, id } = loadBundle(false);
  const folder = mkdtempSync(join(tmpdir(), 'hwaas-cache-'));
  const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  const io = { ...exports.processIo(), stdout: sink(), stderr: sink(), stdinIsTTY: false, env: { HWAAS_DB: join(folder, 'demo.db'), NO_COLOR: '1' } };
  const runs = [
    ['--help'],
    ['init', '--demo'],
    ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=2', '--json'],
    ['quote', '--pbx', 'PBX-1001', '--item', 'WP480G=2'],
    ['customers', 'list'],
    ['customers', 'list', '--json'],
    ['pbx', 'list'],
    ['orders', 'list'],
  ];
  try {
    for (const argv of runs) {
      const code = await exports.main(argv, io);
      if (code !== 0) throw new Error(`hwaas ${argv.join(' ')} exited ${code} while making the code cache`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  // Written beside and renamed over: a run never reads half a cache.
  const { path, bytes } = cacheFile(script, id);
  writeFileSync(`${path}.partial`, bytes);
  renameSync(`${path}.partial`, path);
}

train().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
