declare const __HWAAS_VERSION__: string;
/** From package.json, put in at build time (scripts/bundle.mjs, vitest.config.ts). */
export const HWAAS_VERSION: string = typeof __HWAAS_VERSION__ === 'string' ? __HWAAS_VERSION__ : 'development';
