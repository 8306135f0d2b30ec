// Which files of a store a whole-store backup copies, and how. The rules follow what each file is
// (docs/architecture.md "Data folder"): journals are copied by length, other append-only logs up to
// their last complete line, documents whole, and derived files are left for the store to rebuild.
import fs from 'node:fs';
import path from 'node:path';
import { parseDocumentNumber } from '../journal-format.js';

/** Folders of the store that are never part of a backup. */
const SKIPPED_DIRS: Record<string, string> = {
  backups: 'backups/ (backups are never copied into a backup)',
  locks: 'locks/ (held by running processes; a restored store starts with none)',
  logs: 'logs/ (support\'s warnings, not store data; the replaced store keeps them)',
};

/** Derived files: the store rebuilds each from the journals when it is missing. */
const DERIVED: { test: (name: string) => boolean; why: string }[] = [
  { test: (n) => /^journals\/[^/]+\.index\.json$/.test(n), why: 'journals/<TILL>.index.json (journal index snapshots, rebuilt from the journal)' },
  { test: (n) => n === 'journals/loyalty-book.jsonl', why: 'journals/loyalty-book.jsonl (the books\' snapshot, rebuilt by a full scan)' },
  { test: (n) => n === 'journals/loyalty-epochs.json', why: 'journals/loyalty-epochs.json (cache of the epoch records in BACKOFFICE)' },
  { test: (n) => /^outbox\/[^/]+\.state\.json$/.test(n), why: 'outbox/<TILL>.state.json (where acknowledged rows end, found again by reading the journal)' },
  { test: (n) => /^cashup\/[^/]+\.json$/.test(n), why: 'cashup/<TILL>.json (where each Z is in its till\'s journal, found again by reading the journal)' },
];

const LEFTOVER = /(^|\/)\.|\.bak$|\.corrupt-\d+$|\.tmp$/;

export type FileRole = 'journal' | 'log' | 'slip' | 'document';

export interface StoreFile {
  name: string;
  role: FileRole;
}

export function skippedReasons(): string[] {
  return [...Object.values(SKIPPED_DIRS), ...DERIVED.map((d) => d.why),
    '<doc>.json.bak, .corrupt-<ms> and .tmp leftovers (the documents themselves are copied)'];
}

/** Journals: `journals/<NAME>.jsonl`, the name being the till (or BACKOFFICE). */
export function journalName(name: string): string | null {
  const m = /^journals\/([^/]+)\.jsonl$/.exec(name);
  return m && m[1] !== 'loyalty-book' ? m[1]! : null;
}

function roleOf(name: string): FileRole | null {
  if (LEFTOVER.test(name) || DERIVED.some((d) => d.test(name))) return null;
  if (journalName(name) !== null) return 'journal';
  if (name.startsWith('slips/')) return 'slip';
  // Lines appended and fsynced one by one (acks, upload batches, enrolments, the job log).
  if (name.endsWith('.jsonl')) return 'log';
  return 'document';
}

/** Every file of the store a backup takes, skipping `exclude` (the backup being written). */
export function storeFiles(root: string, exclude: string): StoreFile[] {
  const out: StoreFile[] = [];
  const walk = (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a folder removed meanwhile
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const abs = path.join(dir, e.name);
      const name = rel === '' ? e.name : `${rel}/${e.name}`;
      if (abs === exclude) continue;
      if (e.isDirectory()) {
        if (rel === '' && e.name in SKIPPED_DIRS) continue;
        walk(abs, name);
      } else if (e.isFile()) {
        const role = roleOf(name);
        if (role !== null) out.push({ name, role });
      }
    }
  };
  walk(root, '');
  return out;
}

/**
 * A slip belongs in the backup only when its document is: `slips/<date>/<TILL>-<seq>-40.txt` with
 * seq within the till's mark (a slip of a sale after the mark would stop that number's new slip
 * from being written once the restored till sells it again).
 */
export function slipWithinMarks(name: string, lastSeq: (till: string) => number | undefined): boolean {
  const m = /\/([^/]+)-(40|80)\.txt$/.exec(name);
  if (!m) return true;
  const doc = parseDocumentNumber(m[1]!);
  if (!doc) return true;
  return doc.seq <= (lastSeq(doc.till) ?? 0);
}
