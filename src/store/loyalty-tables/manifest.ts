// manifest.json of a Loyalty tables backup (and of the archive Delete leaves): what the folder
// holds, of which store and epoch, and each file's size and sha256. Written last, so a folder
// without one is an incomplete backup; checked in full before anything relies on the folder.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StoreError, errnoCode, errorText } from '../errors.js';
import { fsyncDir, storeFs, writeAll } from '../fs-layer.js';
import { MANIFEST_FILE, type Extract } from './extract.js';

export const LOYALTY_TABLES_KIND = 'loyalty-tables';

export interface ManifestFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface LoyaltyTablesManifest {
  kind: typeof LOYALTY_TABLES_KIND;
  version: 1;
  storeId: string;
  /** The epoch the tables are of: its id and marks (per journal, the last seq of earlier epochs). */
  epoch: { id: string; from: Record<string, number>; fromAt: Record<string, number>; startedAt: string | null };
  /** Per journal: the last seq (and the end of that record) the files cover. */
  to: Record<string, number>;
  toAt: Record<string, number>;
  /** When it was taken; the balances are as of this instant. */
  takenAt: string;
  files: ManifestFile[];
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function refuse(message: string, file?: string): never {
  throw new StoreError('INVALID', message, file === undefined ? {} : { file });
}

export function manifestOf(storeId: string, extract: Extract, takenAt: string): LoyaltyTablesManifest {
  const e = extract.epoch;
  return {
    kind: LOYALTY_TABLES_KIND, version: 1, storeId,
    epoch: { id: e.id, from: { ...e.from }, fromAt: { ...e.fromAt }, startedAt: e.startedAt },
    to: extract.to, toAt: extract.toAt, takenAt,
    files: extract.files.map((f) => ({ name: f.name, bytes: f.bytes.length, sha256: sha256(f.bytes) })),
  };
}

/** The manifest of `dir` and its own sha256; refuses a folder that is not a backup tillpoint can read. */
export function readManifest(dir: string): { manifest: LoyaltyTablesManifest; sha256: string } {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(path.join(dir, MANIFEST_FILE));
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') refuse(`${dir} has no ${MANIFEST_FILE}: it is not a backup, or an incomplete one`);
    refuse(`cannot read ${path.join(dir, MANIFEST_FILE)}: ${errorText(err)}`);
  }
  let m: Partial<LoyaltyTablesManifest>;
  try {
    m = JSON.parse(raw.toString('utf8')) as Partial<LoyaltyTablesManifest>;
  } catch {
    refuse(`${MANIFEST_FILE} in ${dir} is damaged (not JSON)`, MANIFEST_FILE);
  }
  const kind = (m as { kind?: unknown })?.kind;
  if (kind === 'store') refuse(`${dir} is a whole-store backup: this tillpoint restores only Loyalty tables backups`, MANIFEST_FILE);
  if (kind !== LOYALTY_TABLES_KIND) refuse(`${dir} holds a backup of kind ${JSON.stringify(kind)}, which this tillpoint cannot restore (it knows "${LOYALTY_TABLES_KIND}")`, MANIFEST_FILE);
  const ok = m.version === 1 && typeof m.storeId === 'string' && typeof m.takenAt === 'string' && typeof m.epoch?.id === 'string'
    && typeof m.epoch.from === 'object' && m.epoch.from !== null && Array.isArray(m.files)
    && m.files.every((f) => typeof f?.name === 'string' && SAFE_NAME.test(f.name) && f.name !== MANIFEST_FILE
      && Number.isSafeInteger(f.bytes) && typeof f.sha256 === 'string');
  if (!ok) refuse(`${MANIFEST_FILE} in ${dir} is damaged (a field is missing or wrong)`, MANIFEST_FILE);
  const manifest = m as LoyaltyTablesManifest;
  manifest.epoch.fromAt ??= {};
  return { manifest, sha256: sha256(raw) };
}

/** Every file's size and checksum: one problem per bad or missing file, naming it (empty: all good). */
export function checksumProblems(dir: string, manifest: LoyaltyTablesManifest): string[] {
  const problems: string[] = [];
  for (const f of manifest.files) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(dir, f.name));
    } catch {
      problems.push(`${f.name} is missing from the backup ${dir}`);
      continue;
    }
    if (bytes.length !== f.bytes || sha256(bytes) !== f.sha256) problems.push(`${f.name} in the backup ${dir} does not match its checksum in ${MANIFEST_FILE} (damaged or changed)`);
  }
  return problems;
}

/** Throws naming every bad file; nothing has been changed by then. */
export function assertChecksums(dir: string, manifest: LoyaltyTablesManifest): void {
  const problems = checksumProblems(dir, manifest);
  if (problems.length > 0) {
    const err = new StoreError('CORRUPT', problems.join('; '), { file: problems[0]!.split(' ')[0]! });
    (err as StoreError & { problems?: string[] }).problems = problems;
    throw err;
  }
}

function writeDurably(file: string, bytes: Uint8Array): void {
  const fd = storeFs.openSync(file, 'wx', 0o600);
  try {
    writeAll(fd, bytes, null);
    storeFs.fsyncSync(fd);
  } finally {
    storeFs.closeSync(fd);
  }
}

/** Writes the files of `extract` and then its manifest into a new folder `dir` (each fsynced). */
export function writeTablesFolder(dir: string, extract: Extract, manifest: LoyaltyTablesManifest): void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(dir);
  for (const f of extract.files) writeDurably(path.join(dir, f.name), f.bytes);
  fsyncDir(dir);
  writeDurably(path.join(dir, MANIFEST_FILE), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  fsyncDir(dir);
  fsyncDir(path.dirname(dir));
}
