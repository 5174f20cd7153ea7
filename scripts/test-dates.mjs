// `npm run test:dates`: the tests that touch a live store or the real clock, run again
// under moved clocks (Debian's faketime, which Node and a PostgreSQL server that a test
// starts both inherit), at 23:30 in the store's zone (UTC here) on days that catch what a
// fixed date hides: the end of February in a common and a leap year, and a year's last
// evening. The files are found by what makes them depend on the clock, so the list cannot
// go stale: a live store, the machine's clock, or the built CLI run as a process.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATES = ['2027-02-28', '2028-02-29', '2030-12-31'];
const ON_THE_CLOCK = /\b(realClock|liveStore|spawnCli|BIN|spawn|spawnSync|fork|execFile)\b/;

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'fixtures' || name === 'support' ? [] : testFiles(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

if (spawnSync('faketime', ['--version']).error) {
  process.stderr.write('npm run test:dates needs faketime (Debian: apt-get install -y faketime); .ci/run installs it.\n');
  process.exit(1);
}
const files = [...testFiles(join(ROOT, 'test')), ...testFiles(join(ROOT, 'src'))]
  .filter((file) => ON_THE_CLOCK.test(readFileSync(file, 'utf8')))
  .map((file) => relative(ROOT, file))
  .sort();
process.stdout.write(`Tests on the clock (${files.length} files): ${files.join(', ')}\n`);

let failed = 0;
for (const date of DATES) {
  const at = `${date} 23:30:00`;
  process.stdout.write(`\n=== the clock at ${at} UTC ===\n`);
  const run = spawnSync('faketime', [at, 'npx', 'vitest', 'run', ...files], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC', HWAAS_MOVED_CLOCK: date },
  });
  if (run.status !== 0) {
    failed++;
    process.stdout.write(`=== FAILED at ${at} ===\n`);
  }
}
process.stdout.write(`\n${DATES.length - failed} of ${DATES.length} moved clocks passed.\n`);
process.exitCode = failed > 0 ? 1 : 0;
