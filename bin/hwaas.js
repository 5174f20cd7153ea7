#!/usr/bin/env node
// The built CLI is one CommonJS bundle (see scripts/bundle.mjs): required, not imported, for start-up speed.
import { createRequire } from 'node:module';

await createRequire(import.meta.url)('../dist/hwaas.cjs').run();
