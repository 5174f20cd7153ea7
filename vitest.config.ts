import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  // The version is read from package.json at build time, as scripts/bundle.mjs does for the CLI.
  define: { __HWAAS_VERSION__: JSON.stringify(version) },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // @inquirer/testing registers its prompt mocks with vi.mock: they apply only
    // when vitest itself loads these packages, not Node.
    server: { deps: { inline: [/@inquirer\//] } },
  },
});
