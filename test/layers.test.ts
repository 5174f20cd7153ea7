import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, onPostgres } from './helpers.js';

// `npm run lint` holds the layers with dependency-cruiser (.dependency-cruiser.cjs): an
// import against them fails it. A small tree of deliberate violations, checked with the
// project's own rules, each named by the rule it breaks.
describe.skipIf(onPostgres)('the layers', () => {
  it('an import against them fails the dependency check, naming the rule it breaks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hwaas-layers-'));
    const files: Record<string, string> = {
      'src/cli/io.ts': 'export const io = 1;\n',
      'src/store/index.ts': 'export const store = 1;\n',
      'src/commands/index.ts': 'export const commands = 1;\n',
      'src/views/json/common.ts': 'export const view = 1;\n',
      'src/app/usecases.ts': "import '../cli/io.js';\nexport const cases = 1;\n",
      'src/domain/kernel/model.ts': "import '../../cli/io.js';\nexport const model = 1;\n",
      'src/domain/parties/users.ts': "import '../lifecycle/running.js';\nexport const users = 1;\n",
      'src/domain/lifecycle/running.ts': "import '../parties/users.js';\nexport const running = 1;\n",
      'src/views/text/style.ts': "import '../../store/index.js';\nexport const style = 1;\n",
      'src/commands/whoami.ts': "import '../store/index.js';\nimport '../views/json/common.js';\nexport const whoami = 1;\n",
      'src/cli/suggest.ts': "import '../commands/index.js';\nexport const suggest = 1;\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    copyFileSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    const cruise = (...extra: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src', '--config', join(ROOT, '.dependency-cruiser.cjs'), ...extra], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
      });
    // As `npm run lint` runs it: it fails.
    expect(cruise().status).not.toBe(0);
    const result = cruise('--output-type', 'json');
    const found = (JSON.parse(result.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } }).summary.violations.map(
      (v) => `${v.rule.name}: ${v.from} → ${v.to}`,
    );
    expect(found.sort()).toEqual(
      [
        'use-cases-below-the-transports: src/app/usecases.ts → src/cli/io.ts',
        'domain-below-the-rest: src/domain/kernel/model.ts → src/cli/io.ts',
        'domain-parties-direction: src/domain/parties/users.ts → src/domain/lifecycle/running.ts',
        'no-circular: src/domain/lifecycle/running.ts → src/domain/parties/users.ts',
        'views-draw-values: src/views/text/style.ts → src/store/index.ts',
        'commands-through-use-cases: src/commands/whoami.ts → src/store/index.ts',
        'cli-below-commands: src/cli/suggest.ts → src/commands/index.ts',
      ].sort(),
    );
  });
});
