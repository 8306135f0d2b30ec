// Loyalty Plus sales uploads over SFTP: the run, and what screens and commands show of it.
export { runUploads, notSetUpReason, UPLOAD_LOCK } from './run.js';
export { MAX_ROWS_DEFAULT } from './plan.js';
export { RETRY_DELAYS_DEFAULT } from './link.js';
export { SALES_COLUMNS, salesCsv, salesRowOf, batchFileName, type SalesRow } from './sales-csv.js';
export type * from './types.js';
