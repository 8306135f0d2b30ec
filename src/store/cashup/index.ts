// Cash-up: opening float, X and Z reports (docs/cash-up.md).
export { businessDay, cashupView, pastZs, readZ, recordFloat, xReport, zPreview, zReport } from './cashup.js';
export type { CashupDesk, CashupView, ZPreview } from './cashup.js';
export { cashOverShortOf, DEFAULT_CASH_OVER_SHORT, drawerTender } from './accounts.js';
export { zSlipPaths, zSlipText } from './slips.js';
export type { ZMark } from './state.js';
