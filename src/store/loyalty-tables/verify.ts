// Which Loyalty tables backups there are, and whether one still holds exactly the current data
// (the only kind Delete Loyalty tables accepts). Delete itself recomputes the whole extract
// (differenceFrom); the screens and the checklist ask often, so they get the same answer from the
// journals' tails since the backup: the journals are append-only, so when no record after the
// backup's marks carries a loyalty row or is a loyalty sale, the rows and sales files are the same,
// and the balances and upload records are compared by checksum.
import fs from 'node:fs';
import path from 'node:path';
import { isTillDoc } from '../journal-format.js';
import { LoyaltyBook } from '../loyalty-book.js';
import { isLoyaltyRow } from '../loyalty-rows.js';
import type { Store } from '../store.js';
import { epochStarts } from './book-epoch.js';
import { sameEpoch } from './epoch-records.js';
import { balancesFile, BACKUPS_DIR, readIfThere, UPLOAD_RECORDS, UPLOADS_FILE, type Extract } from './extract.js';
import { checksumProblems, manifestOf, readManifest, sha256, type LoyaltyTablesManifest } from './manifest.js';

export interface LoyaltyBackupInfo {
  dir: string;
  takenAt: string;
  epochId: string;
  /** Every checksum right and the files equal to the current data: Delete may rely on it. */
  matchesCurrent: boolean;
}

export interface BackupVerdict {
  /** Problems with the folder itself (damaged or missing files, another store): empty when none. */
  problems: string[];
  /** The checksums are right and the files hold exactly the current loyalty tables. */
  matchesCurrent: boolean;
  /** Why it does not match the current data, when the folder itself is good. */
  stale: string | null;
  manifest: LoyaltyTablesManifest | null;
  manifestSha256: string | null;
}

/** Why a freshly computed extract differs from what the manifest lists, or null when it is the same. */
export function differenceFrom(manifest: LoyaltyTablesManifest, extract: Extract): string | null {
  if (manifest.epoch.id !== extract.epoch.id) return `it is of loyalty epoch ${manifest.epoch.id}, and the current one is ${extract.epoch.id}`;
  const ours = new Map(manifestOf('', extract, manifest.takenAt).files.map((f) => [f.name, f.sha256]));
  const changed = manifest.files.filter((f) => ours.get(f.name) !== f.sha256).map((f) => f.name);
  const added = [...ours.keys()].filter((n) => !manifest.files.some((f) => f.name === n));
  if (changed.length + added.length === 0) return null;
  return `${[...changed, ...added].join(', ')} differ${changed.length + added.length === 1 ? 's' : ''} from the current data`;
}

/** The same question answered from the journals' tails after the backup's marks. */
function tailDifference(store: Store, book: LoyaltyBook, m: LoyaltyTablesManifest): string | null {
  book.catchUp();
  if (!sameEpoch(m.epoch, book.epoch)) return `it is of loyalty epoch ${m.epoch.id}, and the current one is ${book.epoch.id}`;
  for (const [till, seq] of Object.entries(m.to)) {
    if ((book.covered.get(till)?.seq ?? 0) < seq) return `journals/${till}.jsonl no longer reaches seq ${seq}`;
  }
  let changed: string | null = null;
  const starts = epochStarts(store, book.epoch, (till) => book.covered.has(till));
  for (const [till, at] of Object.entries(m.toAt)) if (starts.has(till) && at >= (starts.get(till) ?? 0)) starts.set(till, at);
  store.journals.scanFrom(starts, (rec) => {
    const c = book.covered.get(rec.till);
    if (changed !== null || !c || rec.seq > c.seq || rec.seq <= (m.to[rec.till] ?? 0) || rec.seq <= (m.epoch.from[rec.till] ?? 0)) return;
    if (rec.rows.some(isLoyaltyRow) || (isTillDoc(rec.doc) && rec.doc.member !== undefined) || rec.doc.kind === 'loyalty-epoch') {
      changed = `${rec.till} seq ${rec.seq} came in since`;
    }
  });
  if (changed !== null) return `loyalty rows or sales differ from the current data (${changed})`;
  const debtors = [...book.debtors].filter(([, e]) => e.ledger.rowCount > 0).map(([code]) => code).sort();
  const balances = balancesFile(book, debtors, m.takenAt);
  if (m.files.find((f) => f.name === balances.name)?.sha256 !== sha256(balances.bytes)) return 'balances.jsonl differs from the current data';
  const uploads = readIfThere(path.join(store.dir, UPLOAD_RECORDS));
  const saved = m.files.find((f) => f.name === UPLOADS_FILE);
  if ((uploads === null) !== (saved === undefined) || (uploads !== null && saved?.sha256 !== sha256(uploads))) return `${UPLOADS_FILE} differs from the current upload records`;
  return null;
}

function verdictOf(store: Store, dir: string): BackupVerdict {
  let manifest: LoyaltyTablesManifest;
  let manifestSha256: string;
  try {
    ({ manifest, sha256: manifestSha256 } = readManifest(dir));
  } catch (err) {
    return { problems: [(err as Error).message], matchesCurrent: false, stale: null, manifest: null, manifestSha256: null };
  }
  const problems = checksumProblems(dir, manifest);
  const storeId = store.get('settings').storeId;
  if (manifest.storeId !== storeId) problems.push(`the backup ${dir} is of store ${manifest.storeId}, not of this store (${storeId})`);
  if (problems.length > 0) return { problems, matchesCurrent: false, stale: null, manifest, manifestSha256 };
  const stale = tailDifference(store, LoyaltyBook.of(store), manifest);
  return { problems, matchesCurrent: stale === null, stale, manifest, manifestSha256 };
}

/** Checks every checksum of the backup in `dir` and whether it holds exactly the current data. */
export function verifyLoyaltyBackup(store: Store, dir: string): BackupVerdict {
  return verdictOf(store, path.resolve(dir));
}

/** The backups under backups/ with a manifest, oldest first (a folder without one is not a backup). */
export function listLoyaltyBackups(store: Store): LoyaltyBackupInfo[] {
  const root = path.join(store.dir, BACKUPS_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return [];
  }
  const out: LoyaltyBackupInfo[] = [];
  for (const name of names.sort()) {
    const dir = path.join(root, name);
    let m: LoyaltyTablesManifest;
    try {
      m = readManifest(dir).manifest;
    } catch {
      continue;
    }
    out.push({ dir, takenAt: m.takenAt, epochId: m.epoch.id, matchesCurrent: verdictOf(store, dir).matchesCurrent });
  }
  return out.sort((a, b) => (a.takenAt < b.takenAt ? -1 : a.takenAt > b.takenAt ? 1 : 0));
}
