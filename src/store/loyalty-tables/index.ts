// Go-live's Loyalty tables: backup, verify, delete (a new loyalty epoch) and restore.
export { backupLoyaltyTables, BACKUPS_DIR, type BackupResult } from './backup.js';
export { listLoyaltyBackups, verifyLoyaltyBackup, type BackupVerdict, type LoyaltyBackupInfo } from './verify.js';
export { deleteLoyaltyTables, accruedBalance, loyaltyLiability, DELETE_CONFIRMATION, ARCHIVE_DIR } from './delete.js';
export type { DeleteLoyaltyTablesRequest, DeleteLoyaltyTablesResult } from './delete.js';
export { restoreLoyaltyTables, type RestoreResult } from './restore.js';
export { epochHistory, type EpochHistoryEntry } from './epoch-records.js';
export { computeExtract, MANIFEST_FILE, ROWS_FILE, BALANCES_FILE, UPLOADS_FILE, UPLOAD_RECORDS, salesFile } from './extract.js';
export { readManifest, checksumProblems, sha256, LOYALTY_TABLES_KIND, type LoyaltyTablesManifest } from './manifest.js';
