export * from './dates.js';
export * from './money.js';
export * from './period.js';
export * from './proration.js';
export * from './quote.js';
export * from './term.js';
export * from './cancellation.js';
