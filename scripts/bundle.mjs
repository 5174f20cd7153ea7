// Bundles the CLI into one CommonJS file, dist/hwaas.cjs, that bin/hwaas.js loads.
// Why: Node 20 resolves and loads each ES module asynchronously, one by one; the
// CLI's ~40 small modules and commander's CJS-from-ESM interop cost ~35 ms of
// start-up that one synchronous file does not. Packages stay external, and the
// heavy ones (pdfkit, exceljs, inquirer, chalk) are still loaded with import()
// only by the commands that need them. tsc checks types and emits dist/src too.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/hwaas.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  // import.meta does not exist in CommonJS: give the bundle its own file URL.
  define: { 'import.meta.url': '__hwaasFileUrl', __HWAAS_VERSION__: JSON.stringify(version) },
  banner: { js: "const __hwaasFileUrl = require('node:url').pathToFileURL(__filename).href;" },
});
