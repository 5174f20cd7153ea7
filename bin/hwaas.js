#!/usr/bin/env node
// CommonJS (see bin/package.json) and one bundled file (see scripts/bundle.mjs) loaded
// with V8's code cache (see bundle.cjs): no ES module loader and little compiling at
// start-up, which a bare command pays for on every run.
require('./bundle.cjs').loadBundle().exports.run();
