// The store's public surface: everything other areas import comes from here.
export { StoreError, type StoreErrorCode } from './errors.js';
export { openStore, type Store, type OpenStoreOptions } from './store.js';
export { defaultDocuments, machineTimeZone, DEFAULT_ACCOUNTS, DEFAULT_LEDGER, DEFAULT_TENDERS } from './defaults.js';
export type { JournalRecord } from './journal-format.js';
export { documentNumber, parseDocumentNumber, isTillId } from './journal-format.js';
export type { TillJournalWriter } from './journal-writer.js';
export type { JournalReader } from './journal-reader.js';
export type { OpenSaleFile } from './open-sale.js';
export { DurableJsonFile, DurableJsonFileSync, type DurableFileOptions } from './durable-file.js';
export { CURRENT_SCHEMA_VERSION, JOURNAL_RECORD_VERSION, MIGRATIONS } from './migrations.js';
export { validateDocument, fieldPath } from './schemas.js';
export { ioCounters, storeFs } from './fs-layer.js';
export { isProcessAlive } from './locks.js';
export { SPARSE_EVERY, SNAPSHOT_EVERY } from './journal-index.js';
export type * from './documents-types.js';
