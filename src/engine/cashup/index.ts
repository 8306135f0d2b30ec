export * from './types.js';
export { cashupTotals, overShortOf } from './totals.js';
export { overShortEntries } from './post.js';
export { renderCashupSlip, type CashupSlip } from './slip.js';
