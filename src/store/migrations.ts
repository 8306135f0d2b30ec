// Schema versions. Every document carries `schemaVersion`; a document written by an older
// tillpoint is migrated step by step (from version n to n + 1) and written back, and one written by
// a newer tillpoint is refused rather than guessed at, because saving it would drop what we do not
// understand. Version 0 is a document from before versions existed (no `schemaVersion` field).
import type { DocName } from './documents-types.js';
import { StoreError } from './errors.js';

export const CURRENT_SCHEMA_VERSION = 1;
/** The journal record format (`v` of every record). */
export const JOURNAL_RECORD_VERSION = 1;

type Doc = Record<string, unknown>;
type Migration = (doc: Doc) => Doc;

/** MIGRATIONS[name][n] turns a version-n document into a version n + 1 one. */
export const MIGRATIONS: Record<DocName, Record<number, Migration>> = {
  settings: { 0: (doc) => ({ ...doc, schemaVersion: 1 }) },
  items: { 0: (doc) => ({ ...doc, schemaVersion: 1 }) },
  tenders: { 0: (doc) => ({ ...doc, schemaVersion: 1 }) },
  accounts: { 0: (doc) => ({ ...doc, schemaVersion: 1 }) },
  debtors: { 0: (doc) => ({ ...doc, schemaVersion: 1 }) },
  contracts: { 0: (doc) => ({ ...doc, schemaVersion: 1 }) },
  automation: { 0: (doc) => ({ ...doc, schemaVersion: 1 }) },
  operators: { 0: (doc) => ({ ...doc, schemaVersion: 1 }) },
};

export function newerVersionError(file: string, what: string, version: number, readsUpTo: number): StoreError {
  return new StoreError(
    'NEWER_SCHEMA',
    `${file} has ${what} ${version}; this tillpoint reads up to ${readsUpTo}: install a newer tillpoint`,
    { file },
  );
}

export interface Migrated {
  doc: Doc;
  /** Version the stored document had (0 when it had none). */
  from: number;
}

/** Brings a raw document to the current version; throws NEWER_SCHEMA or INVALID. */
export function migrateDocument(name: DocName, raw: unknown): Migrated {
  const file = `${name}.json`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new StoreError('INVALID', `${file}: expected a JSON object`, { file });
  }
  let doc = raw as Doc;
  const stated = doc.schemaVersion;
  const from = stated === undefined ? 0 : stated;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    throw new StoreError('INVALID', `${file}: schemaVersion: expected a whole number`, { file, field: 'schemaVersion' });
  }
  if (from > CURRENT_SCHEMA_VERSION) throw newerVersionError(file, 'schema version', from, CURRENT_SCHEMA_VERSION);
  for (let v = from; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[name][v];
    if (!step) throw new StoreError('INVALID', `${file}: no migration from schema version ${v}`, { file, field: 'schemaVersion' });
    doc = step(doc);
  }
  return { doc, from };
}
