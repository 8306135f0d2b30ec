// Store documents read the way the store reads them (durable adapter, migration, schema), but
// never repaired: a damaged file with a good `.bak` is reported, not rewritten (only a process
// holding the store lock may do that, and the doctor takes no lock).
import fs from 'node:fs';
import path from 'node:path';
import type { DocName, Documents } from '../store/documents-types.js';
import { DurableJsonFileSync } from '../store/durable-file.js';
import { errorText } from '../store/errors.js';
import { migrateDocument } from '../store/migrations.js';
import { validateDocument } from '../store/schemas.js';

export type DocReading<N extends DocName = DocName> =
  | { ok: true; value: Documents[N]; /** Set when the main file was bad and `.bak` was read. */ fromBackup?: string }
  | { ok: false; missing: boolean; hadBackup: boolean; problem: string };

export interface DocumentReader {
  read<N extends DocName>(name: N): DocReading<N>;
  /** settings.json when it reads, else null (checks that need it say why they cannot run). */
  settings(): Documents['settings'] | null;
}

function readOne<N extends DocName>(dir: string, name: N): DocReading<N> {
  const file = path.join(dir, `${name}.json`);
  const hadBackup = fs.existsSync(`${file}.bak`);
  if (!fs.existsSync(file) && !hadBackup) return { ok: false, missing: true, hadBackup, problem: `${name}.json is missing` };
  const notes: string[] = [];
  try {
    const raw = new DurableJsonFileSync<unknown>(file, { warn: (m) => notes.push(m), label: `${name}.json`, repair: false }).read();
    if (raw === null) return { ok: false, missing: true, hadBackup, problem: `${name}.json is missing (its ${name}.json.bak is there)` };
    const { doc } = migrateDocument(name, raw);
    validateDocument(name, doc);
    return { ok: true, value: doc as unknown as Documents[N], ...(notes.length > 0 ? { fromBackup: notes.join('; ') } : {}) };
  } catch (err) {
    return { ok: false, missing: false, hadBackup, problem: errorText(err) };
  }
}

export function documentReader(dir: string): DocumentReader {
  const cache = new Map<DocName, DocReading>();
  const read = <N extends DocName>(name: N): DocReading<N> => {
    let r = cache.get(name) as DocReading<N> | undefined;
    if (!r) {
      r = readOne(dir, name);
      cache.set(name, r);
    }
    return r;
  };
  return {
    read,
    settings: () => {
      const r = read('settings');
      return r.ok ? r.value : null;
    },
  };
}
