import { defineConfig } from 'vitest/config';

export default defineConfig({
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
