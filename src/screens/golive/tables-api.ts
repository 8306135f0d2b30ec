// The loyalty-tables store logic as these screens use it, in one place: the screens stay the same
// if the store's backup and delete functions change shape.
import path from 'node:path';
import {
  backupLoyaltyTables, DELETE_CONFIRMATION, deleteLoyaltyTables, listLoyaltyBackups, loyaltyLiability,
} from '../../store/loyalty-tables/index.js';
import type { Store } from '../../store/store.js';

export interface BackupFile { path: string; bytes: number }
export interface BackupDone { dir: string; files: BackupFile[] }
export interface BackupChoice { dir: string; takenAt: string; matchesCurrent: boolean }
export interface DeleteRequest { backup: string; account: string; phrase: string; operator: string; approvedBy?: string }
export interface DeleteDone { archive: string; writeOff: number; account: string; document: string; epochId: string; debtorsAvailable: number }

export const WHAT_IS_BACKED_UP = 'the built-in loyalty rows and balances, each till\'s loyalty sales and the Loyalty Plus upload records';
export const CONFIRM_PHRASE = DELETE_CONFIRMATION;

/** A folder under the store shown relative to it (the store folder is long and known). */
export function shownDir(store: Store, dir: string): string {
  const rel = path.relative(store.dir, dir);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : dir;
}

export async function runBackup(store: Store, now: Date): Promise<BackupDone> {
  const { dir, manifest } = await backupLoyaltyTables(store, { now });
  return { dir: shownDir(store, dir), files: manifest.files.map((f) => ({ path: f.name, bytes: f.bytes })) };
}

/** Newest first: the one a Delete wants is almost always the last taken. */
export function backupChoices(store: Store): BackupChoice[] {
  return listLoyaltyBackups(store).map((b) => ({ dir: b.dir, takenAt: b.takenAt, matchesCurrent: b.matchesCurrent })).reverse();
}

/** What Loyalties Accrued holds now: the amount a Delete writes off. */
export function liabilityNow(store: Store): number {
  return loyaltyLiability(store);
}

export async function runDelete(store: Store, req: DeleteRequest, now: Date): Promise<DeleteDone> {
  const r = await deleteLoyaltyTables(store, {
    backup: req.backup, confirmation: req.phrase, account: req.account, operator: req.operator, now, ...(req.approvedBy ? { approvedBy: req.approvedBy } : {}),
  });
  const name = store.get('accounts').accounts.find((a) => a.code === r.account)?.name;
  return {
    archive: r.archive, writeOff: r.writeOff, account: name ? `${r.account} ${name}` : r.account,
    document: r.document, epochId: r.epochId, debtorsAvailable: r.debtorsAvailable,
  };
}
