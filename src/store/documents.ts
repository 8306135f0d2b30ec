// The lowdb documents of a store. Each process keeps a frozen copy of each and re-reads a
// file when another process replaced it (the stat changed). Changes are made under the store
// lock by the caller, re-read from disk first so no other terminal's edit is overwritten.
import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { DocName, Documents } from './documents-types.js';
import { DurableJsonFile, DurableJsonFileSync } from './durable-file.js';
import { StoreError } from './errors.js';
import { migrateDocument } from './migrations.js';
import { validateDocument } from './schemas.js';

export const DOC_NAMES: readonly DocName[] = ['settings', 'items', 'tenders', 'accounts', 'debtors', 'contracts', 'automation', 'operators'];

/**
 * Documents newer than the first release: a store written before them simply never had them, so
 * creating them empty is no news. One that is missing while its `.bak` is there (every durable
 * write leaves one, the first included) did exist and was lost, and then we do warn.
 */
const ADDED_LATER: ReadonlySet<DocName> = new Set<DocName>(['debtors', 'contracts', 'automation', 'operators']);

interface Cached<N extends DocName> {
  value: Documents[N];
  stamp: string;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

export class DocumentSet {
  private readonly cache = new Map<DocName, Cached<DocName>>();

  constructor(private readonly dir: string, private readonly warn: (m: string) => void) {}

  fileOf(name: DocName): string {
    return path.join(this.dir, `${name}.json`);
  }

  private stamp(name: DocName): string {
    try {
      const st = fs.statSync(this.fileOf(name), { bigint: true });
      return `${st.ino}:${st.size}:${st.mtimeNs}`;
    } catch {
      return 'missing';
    }
  }

  private adapter<N extends DocName>(name: N): DurableJsonFile<Documents[N]> {
    return new DurableJsonFile<Documents[N]>(this.fileOf(name), { warn: this.warn, label: `${name}.json` });
  }

  /** Reads are synchronous so get() can be; only a process holding the store lock repairs. */
  private reader(name: DocName, repair: boolean): DurableJsonFileSync<unknown> {
    return new DurableJsonFileSync<unknown>(this.fileOf(name), { warn: this.warn, label: `${name}.json`, repair });
  }

  /**
   * Reads, migrates and validates a document from disk. With `writeBack` (the caller holds the
   * store lock) a repaired or migrated document is written back.
   */
  private async readFromDisk<N extends DocName>(name: N, writeBack: boolean): Promise<Documents[N] | null> {
    const stamp = this.stamp(name);
    const raw = this.reader(name, writeBack).read();
    if (raw === null) return null;
    const { doc, from } = migrateDocument(name, raw);
    validateDocument(name, doc);
    const value = doc as unknown as Documents[N];
    if (writeBack && doc !== raw) {
      await this.write(name, value);
      this.warn(`${name}.json was schema version ${from}; migrated it to the current version (the old copy is ${name}.json.bak)`);
    } else {
      this.cache.set(name, { value: deepFreeze(value), stamp });
    }
    return value;
  }

  private async write<N extends DocName>(name: N, value: Documents[N]): Promise<void> {
    const db = new Low<Documents[N]>(this.adapter(name), value);
    await db.write();
    this.cache.set(name, { value: deepFreeze(value), stamp: this.stamp(name) });
  }

  /** Opening the store (under the store lock): load each document, creating defaults where missing. */
  /** `defaults` is a function: building them reads the machine's time zone, which loads ICU data. */
  async load(defaults: () => Documents, isNewStore: boolean): Promise<void> {
    let built: Documents | undefined;
    for (const name of DOC_NAMES) {
      const value = await this.readFromDisk(name, true);
      if (value !== null) continue;
      const lost = !ADDED_LATER.has(name) || fs.existsSync(`${this.fileOf(name)}.bak`);
      if (!isNewStore && lost) this.warn(`${name}.json was missing; created it with the defaults of a new store`);
      built ??= defaults();
      await this.write(name, structuredClone(built[name]));
    }
  }

  get<N extends DocName>(name: N): Documents[N] {
    const cached = this.cache.get(name) as Cached<N> | undefined;
    if (cached && cached.stamp === this.stamp(name)) return cached.value;
    // Another process replaced the file (or this is the first read).
    const stamp = this.stamp(name);
    const raw = this.reader(name, false).read();
    if (raw === null) {
      if (cached) {
        this.warn(`${name}.json has disappeared from the store folder; using the copy read earlier`);
        return cached.value;
      }
      throw new StoreError('CORRUPT', `${name}.json is missing from the store folder`, { file: `${name}.json` });
    }
    const { doc } = migrateDocument(name, raw);
    validateDocument(name, doc);
    const value = deepFreeze(doc as unknown as Documents[N]);
    this.cache.set(name, { value, stamp });
    return value;
  }

  /** Caller holds the store lock. */
  async edit<N extends DocName>(name: N, change: (draft: Documents[N]) => void): Promise<Documents[N]> {
    const current = await this.readFromDisk(name, true);
    if (current === null) throw new StoreError('CORRUPT', `${name}.json is missing from the store folder`, { file: `${name}.json` });
    const draft = structuredClone(current) as Documents[N];
    change(draft);
    validateDocument(name, draft);
    try {
      await this.write(name, draft);
    } catch (err) {
      // Memory must not run ahead of the disk: forget the copy so the next get() re-reads.
      this.cache.delete(name);
      try {
        await this.readFromDisk(name, false);
      } catch { /* the original error says more */ }
      throw err;
    }
    return this.get(name);
  }
}
