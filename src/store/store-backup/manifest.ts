// manifest.json of a whole-store backup: which store, when, every file copied (its size, sha256
// and the mode it had in the store) and, per journal, how far the copy goes. Written last, so a
// folder without one is not a backup; checked in full before a restore touches anything.
import fs from 'node:fs';
import path from 'node:path';
import { StoreError, errnoCode, errorText } from '../errors.js';
import { sha256 } from '../loyalty-tables/manifest.js';

export const STORE_BACKUP_KIND = 'store';
export const MANIFEST_FILE = 'manifest.json';

export interface StoreBackupFile {
  /** Path inside the store (and the backup), with `/` separators, e.g. `journals/T1.jsonl`. */
  name: string;
  bytes: number;
  sha256: string;
  /** The file's permission bits in the store (settings.json: 0600); the backup copy is always 0600. */
  mode: number;
}

/** How far a journal's copy goes: its first `bytes` bytes, ending with the record of `lastSeq` (0: empty). */
export interface JournalMark {
  bytes: number;
  lastSeq: number;
}

export interface StoreBackupManifest {
  kind: typeof STORE_BACKUP_KIND;
  version: 1;
  storeId: string;
  takenAt: string;
  /** Per journal name (`T1`, `BACKOFFICE`): the mark its copy ends at. */
  journals: Record<string, JournalMark>;
  files: StoreBackupFile[];
  /** What was left out on purpose, and why (rebuilt by the store, or not the store's data). */
  skipped: string[];
}

// Relative, forward slashes, no `..`, no hidden tricks: a damaged manifest must not write outside.
const SAFE_PART = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

export function isSafeName(name: string): boolean {
  const parts = name.split('/');
  return name !== MANIFEST_FILE && parts.every((p) => SAFE_PART.test(p) && p !== '..' && p !== '.');
}

function refuse(message: string, file = MANIFEST_FILE): never {
  throw new StoreError('INVALID', message, { file, field: 'backup' });
}

/** The kind a backup folder's manifest names, or null when it has no readable manifest. */
export function manifestKind(dir: string): unknown {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as { kind?: unknown })?.kind ?? null;
  } catch {
    return null;
  }
}

export function readStoreManifest(dir: string): StoreBackupManifest {
  let raw: string;
  try {
    raw = fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') refuse(`${dir} has no ${MANIFEST_FILE}: it is not a backup, or an incomplete one`);
    refuse(`cannot read ${path.join(dir, MANIFEST_FILE)}: ${errorText(err)}`);
  }
  let m: Partial<StoreBackupManifest>;
  try {
    m = JSON.parse(raw) as Partial<StoreBackupManifest>;
  } catch {
    refuse(`${MANIFEST_FILE} in ${dir} is damaged (not JSON)`);
  }
  if (m?.kind !== STORE_BACKUP_KIND) refuse(`${dir} is not a whole-store backup (kind ${JSON.stringify(m?.kind)})`);
  const names = new Set<string>();
  const filesOk = Array.isArray(m.files) && m.files.every((f) => {
    const ok = typeof f?.name === 'string' && isSafeName(f.name) && !names.has(f.name) && Number.isSafeInteger(f.bytes) && f.bytes >= 0
      && typeof f.sha256 === 'string' && /^[0-9a-f]{64}$/.test(f.sha256) && Number.isInteger(f.mode) && f.mode >= 0 && f.mode <= 0o777;
    if (ok) names.add(f.name);
    return ok;
  });
  const journalsOk = typeof m.journals === 'object' && m.journals !== null && Object.entries(m.journals).every(([till, j]) =>
    SAFE_PART.test(till) && Number.isSafeInteger(j?.bytes) && Number.isSafeInteger(j?.lastSeq)
    && (m.files ?? []).some((f) => f.name === `journals/${till}.jsonl` && f.bytes === j.bytes));
  const ok = m.version === 1 && typeof m.storeId === 'string' && m.storeId !== '' && typeof m.takenAt === 'string' && filesOk && journalsOk
    && names.has('settings.json');
  if (!ok) refuse(`${MANIFEST_FILE} in ${dir} is damaged (a field is missing or wrong)`);
  return { ...(m as StoreBackupManifest), skipped: Array.isArray(m.skipped) ? m.skipped : [] };
}

/** One problem per missing, changed or extra-damaged file, naming it (empty: every checksum holds). */
export function storeChecksumProblems(dir: string, manifest: StoreBackupManifest): string[] {
  const problems: string[] = [];
  for (const f of manifest.files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(dir, ...f.name.split('/')));
    } catch {
      problems.push(`${f.name} is missing from the backup ${dir}`);
      continue;
    }
    if (bytes.length !== f.bytes || sha256(bytes) !== f.sha256) problems.push(`${f.name} in the backup ${dir} does not match its checksum in ${MANIFEST_FILE} (damaged or changed)`);
  }
  return problems;
}

export function assertStoreChecksums(dir: string, manifest: StoreBackupManifest): void {
  const problems = storeChecksumProblems(dir, manifest);
  if (problems.length === 0) return;
  const err = new StoreError('CORRUPT', problems.join('; '), { file: problems[0]!.split(' ')[0]! }) as StoreError & { problems?: string[] };
  err.problems = problems;
  throw err;
}
