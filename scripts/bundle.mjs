// Bundles the CLI into one CommonJS file, dist/hwaas.cjs, that bin/hwaas.js loads.
// Why: Node 20 resolves and loads each ES module asynchronously, one by one; the
// CLI's small modules and commander's CJS-from-ESM interop cost ~35 ms of start-up
// that one synchronous file does not. The packages that are native, ES-module-only
// or heavy stay outside, and the heavy ones (pdfkit, exceljs, inquirer, pg) are
// loaded only by the commands that need them. tsc checks types and emits dist/src too.
// Then scripts/compile-cache.cjs saves V8's compiled code for the bundle (see bin/bundle.cjs).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const result = await build({
  entryPoints: ['src/cli/main.ts'],
  write: false,
  outfile: 'dist/hwaas.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: [
    'better-sqlite3',
    'pg',
    'pg-copy-streams',
    'pg-connection-string',
    'pdfkit',
    'exceljs',
    '@inquirer/prompts',
    'chalk',
    'dejavu-fonts-ttf',
    'fontkit',
    '@expo-google-fonts/noto-sans-sc',
    'fastify',
    '@fastify/swagger',
  ],
  logLevel: 'warning',
  // import.meta does not exist in CommonJS: give the bundle its own file URL.
  define: { 'import.meta.url': '__hwaasFileUrl', __HWAAS_VERSION__: JSON.stringify(version) },
  banner: { js: "const __hwaasFileUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// import() inside a vm.Script needs a callback from its host, and on Node 20 that
// callback is lost from functions V8 restores out of a code cache ("A dynamic import
// callback was not specified"). So the bundle's import() of the ES-module-only packages
// becomes a call to one that bin/bundle.cjs passes in, from an ordinary module.
let imports = 0;
const text = result.outputFiles[0].text.replace(/\bimport\((?="[^"]+"\))/g, () => {
  imports++;
  return '__hwaasImport(';
});
if (imports === 0 || /\bimport\(/.test(text)) throw new Error(`bundle: ${imports} import() calls rewritten, and ${/\bimport\(/.test(text) ? 'some' : 'none'} left unrewritten`);
// The first line names this build; bin/bundle.cjs uses a code cache only from the same build.
const id = createHash('sha256').update(text).digest('hex').slice(0, 16);
writeFileSync(new URL('../dist/hwaas.cjs', import.meta.url), `// hwaas ${version} build ${id}\n${text}`);
execFileSync(process.execPath, [new URL('./compile-cache.cjs', import.meta.url).pathname], { stdio: 'inherit' });
