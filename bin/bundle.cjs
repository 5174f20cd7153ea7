// Loads dist/hwaas.cjs with V8's code cache, dist/hwaas.cjs.cache, when it fits.
//
// Why: compiling the ~450 KB bundle is a third of a bare command's start-up, and
// Node 20 has no module compile cache (module.enableCompileCache arrived in 22).
// The build (scripts/compile-cache.cjs) runs a few commands once and saves the code
// V8 compiled for them; a run that finds it skips the parsing and compiling. The
// cache starts with the bundle's build id (a hash of its text, on the bundle's first
// line): a cache from another build is ignored, as V8 ignores one from another
// Node version, and the bundle is then compiled as usual, only slower.
//
// A damaged cache must not be run: release builds of V8 check a cache's version,
// flags and length but not its bytes (a cache filled with junk crashed node with
// SIGSEGV). So the first line also carries the CRC-32 of the rest, checked before V8
// sees it: ~0.2 ms, plus ~2.5 ms to load zlib, against V8's own checksum
// (--verify-snapshot-checksum), which cost 5 to 8 ms here.
'use strict';
const { readFileSync } = require('node:fs');
const { join, dirname } = require('node:path');
const { Script } = require('node:vm');
const { createRequire } = require('node:module');

const BUNDLE = join(__dirname, '..', 'dist', 'hwaas.cjs');
const CACHE = `${BUNDLE}.cache`;

/** The bundle's exports, and the compiled script (the build saves its code cache). */
function loadBundle(useCache = true) {
  const source = readFileSync(BUNDLE, 'utf8');
  const id = source.slice(0, source.indexOf('\n'));
  let cachedData;
  if (useCache) {
    try {
      const cache = readFileSync(CACHE);
      const end = cache.indexOf(10);
      const [cacheId, crc] = cache.subarray(0, Math.max(end, 0)).toString('latin1').split('\t');
      if (cacheId === id && crc === String(require('node:zlib').crc32(cache.subarray(end + 1)))) cachedData = cache.subarray(end + 1);
    } catch {
      // No cache (a build that has not made one yet): compile as usual.
    }
  }
  // The bundle's import() calls became __hwaasImport() (see scripts/bundle.mjs): this
  // module's own import() serves them, from beside dist/, so packages resolve the same.
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __hwaasImport) {${source}\n})`, { filename: BUNDLE, cachedData });
  const module = { exports: {}, filename: BUNDLE };
  const importPackage = (specifier) => import(specifier);
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE), importPackage);
  return { exports: module.exports, script, id };
}

/** The code cache file for a compiled bundle: its build id and CRC-32, then V8's data. */
function cacheFile(script, id) {
  const data = script.createCachedData();
  return { path: CACHE, bytes: Buffer.concat([Buffer.from(`${id}\t${require('node:zlib').crc32(data)}\n`, 'latin1'), data]) };
}

module.exports = { loadBundle, cacheFile };
