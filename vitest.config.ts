import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { postgresBin } from './test/support/postgres.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// One suite, two backends: the command tests run on SQLite and on PostgreSQL. Tests
// that are about a SQLite file (its bytes, its WAL, a full disk under it) stay in the
// first half only.
const COMMAND_TESTS = ['test/**/*.test.ts'];
// Tests of what the command line reads before it reaches a store (standard input, pipes): the same on every backend, run once.
const INPUT_TESTS = ['test/reliability/bounded-input.test.ts'];
const SQLITE_FILE_TESTS = ['test/reliability/store-file.test.ts', 'test/reliability/environment.test.ts', 'test/reliability/crash.test.ts', 'test/reliability/backup.test.ts'];

// Tests of what a store is on its own machine (its logins, a copy, a migration, the built
// CLI in a loop): the third way, through a server, runs the command tests without them.
const LOCAL_STORE_TESTS = ['test/postgres.test.ts', 'test/server.test.ts', 'test/migrate-0.4.test.ts', 'test/schema.test.ts', 'test/layers.test.ts', 'test/reliability/copy-target.test.ts'];

const postgresInstalled = postgresBin() !== null;
if (!postgresInstalled) {
  const message =
    '\n\u001b[1;33m!! The PostgreSQL half of the suite is SKIPPED: PostgreSQL is not installed.\n' +
    '!! Install it (Debian: apt-get install -y postgresql) and run npm test again; .ci/run does.\u001b[0m\n';
  if (process.env.HWAAS_REQUIRE_POSTGRES === '1') throw new Error(`${message}HWAAS_REQUIRE_POSTGRES=1: the PostgreSQL half must run.`);
  process.stderr.write(message);
}

const shared = {
  // One test file per core: most of a command test waits on a child process or a server.
  // (Left to itself vitest ran one file at a time on two cores: twice the wall time.)
  maxWorkers: Math.max(2, availableParallelism()),
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
  // @inquirer/testing registers its prompt mocks with vi.mock: they apply only
  // when vitest itself loads these packages, not Node.
  server: { deps: { inline: [/@inquirer\//] } },
};

export default defineConfig({
  // The version is read from package.json at build time, as scripts/bundle.mjs does for the CLI.
  define: { __HWAAS_VERSION__: JSON.stringify(version) },
  test: {
    ...shared,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['src/**/*.test.ts', ...COMMAND_TESTS], env: { HWAAS_TEST_BACKEND: 'sqlite' } } },
      ...(postgresInstalled
        ? [
            {
              extends: true,
              test: {
                name: 'postgres',
                include: COMMAND_TESTS,
                exclude: [...SQLITE_FILE_TESTS, ...INPUT_TESTS, '**/node_modules/**'],
                env: { HWAAS_TEST_BACKEND: 'postgres' },
                globalSetup: ['test/support/postgresSetup.ts'],
              },
            },
            {
              extends: true,
              test: {
                name: 'server',
                include: COMMAND_TESTS,
                exclude: [...SQLITE_FILE_TESTS, ...INPUT_TESTS, ...LOCAL_STORE_TESTS, '**/node_modules/**'],
                env: { HWAAS_TEST_BACKEND: 'server' },
                globalSetup: ['test/support/postgresSetup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
