#!/usr/bin/env node
// CommonJS (see bin/package.json) and one bundled file (see scripts/bundle.mjs):
// no ES module loader at start-up, which a bare command pays for on every run.
require('../dist/hwaas.cjs').run();
