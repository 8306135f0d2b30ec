// The open sale of one till, `open/<TILL>.json`: saved durably on every change so a crash or a
// power cut reopens it, and removed durably when the sale completes or is abandoned.
import path from 'node:path';
import { LowSync } from 'lowdb';
import type { OpenSale } from '../engine/types.js';
import { DurableJsonFileSync, removeFileDurably } from './durable-file.js';
import { StoreError, ioError } from './errors.js';
import { newerVersionError } from './migrations.js';
import { openSaleSchema, validateWith } from './schemas.js';

/** `{schemaVersion, sale}`; version 0 was the bare sale object. */
export const OPEN_SALE_VERSION = 1;
interface OpenSaleDoc {
  schemaVersion: number;
  sale: OpenSale;
}

export interface OpenSaleFile {
  load(): OpenSale | null;
  save(sale: OpenSale): void;
  clear(): void;
}

export function openSaleFile(openDir: string, till: string, warn: (m: string) => void, assertHeld: () => void): OpenSaleFile {
  const file = path.join(openDir, `${till}.json`);
  const label = `open/${till}.json`;
  const adapter = new DurableJsonFileSync<OpenSaleDoc | OpenSale | null>(file, { warn, label });
  const db = new LowSync<OpenSaleDoc | OpenSale | null>(adapter, null);

  const unwrap = (raw: OpenSaleDoc | OpenSale): unknown => {
    if (!('schemaVersion' in raw)) return raw;
    if (typeof raw.schemaVersion === 'number' && raw.schemaVersion > OPEN_SALE_VERSION) {
      throw newerVersionError(label, 'schema version', raw.schemaVersion, OPEN_SALE_VERSION);
    }
    return raw.sale;
  };

  const check = (sale: unknown): OpenSale => {
    validateWith(openSaleSchema, sale, label);
    const s = sale as OpenSale;
    if (s.till !== till) throw new StoreError('INVALID', `${label}: till: the open sale belongs to till ${s.till}, not ${till}`, { file: label, field: 'till' });
    return s;
  };

  return {
    load() {
      assertHeld();
      const raw = adapter.read();
      return raw === null ? null : check(unwrap(raw));
    },
    save(sale) {
      assertHeld();
      db.data = { schemaVersion: OPEN_SALE_VERSION, sale: check(sale) };
      db.write();
    },
    clear() {
      assertHeld();
      try {
        removeFileDurably(file);
      } catch (err) {
        throw ioError('removing', label, err);
      }
      db.data = null;
    },
  };
}
