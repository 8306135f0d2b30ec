// Whole-store backup (`tillpoint backup`) and its restore (`tillpoint restore BACKUP`, kind "store").
export { backupStore, STORE_BACKUPS_DIR, type StoreBackupResult } from './backup.js';
export { restoreStore, type StoreRestoreResult } from './restore.js';
export { readStoreManifest, storeChecksumProblems, manifestKind, STORE_BACKUP_KIND, MANIFEST_FILE, type StoreBackupManifest, type StoreBackupFile, type JournalMark } from './manifest.js';
