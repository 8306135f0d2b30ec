// openStore: one data folder shared by every process of a store (SPEC section 6). Tills each
// claim their own journal; shared documents change under a short store-wide lock; every process
// follows the journals incrementally.
import fs from 'node:fs';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DocName, Documents } from './documents-types.js';
import { defaultDocuments, machineTimeZone } from './defaults.js';
import { DocumentSet } from './documents.js';
import { removeTempLeftovers } from './durable-file.js';
import { StoreError, errnoCode, errorText } from './errors.js';
import { JournalFollower, type JournalReader } from './journal-reader.js';
import { claimTillWriter, type TillJournalWriter, type WriterContext } from './journal-writer.js';
import { isProcessAlive, lockWaiting, lockWaitingSync, tryLock, type HeldLock } from './locks.js';
import { makeWarn } from './log.js';
import { SYSTEM_OPERATOR } from '../engine/roles.js';
import { cutOffRestoreText, restoreLeftover } from './restore-leftover.js';
import { appendAudit } from './audit/audit-log.js';
import { auditableChanges, AUDITED_DOCS } from './audit/setup-diff.js';
import type { AuditEntry, StoreActor } from './audit/types.js';

export interface OpenStoreOptions {
  /** Default true: a missing folder becomes an empty store with working defaults. */
  create?: boolean;
  /** Receives every warning line (they also go to stderr and logs/tillpoint.log). */
  log?: (line: string) => void;
  /** Default true; set false to keep warnings off stderr (they still reach the log). */
  stderr?: boolean | (() => boolean);
}

export interface Store {
  readonly dir: string;
  get<N extends DocName>(name: N): Documents[N];
  edit<N extends DocName>(name: N, change: (draft: Documents[N]) => void): Promise<Documents[N]>;
  withStoreLock<T>(fn: () => Promise<T> | T): Promise<T>;
  /**
   * The store lock for synchronous work (a refund checked and journalled in one go). Waits with
   * Atomics.wait up to ~5 s; `fn` must not return a promise (the lock is released when it returns).
   * Inside withStoreLock it runs in the lock already held.
   */
  withStoreLockSync<T>(fn: () => T): T;
  claimTill(till: string): TillJournalWriter;
  claimJobs(): { release(): void } | null;
  readonly journals: JournalReader;
  /** Who acts in this process (`system` until an operator logs in); setup edits are audited as theirs. */
  readonly actor: StoreActor;
  setActor(actor: StoreActor): void;
  /**
   * Appends to the audit trail (src/store/audit/); `at`, `operator` and `till` default to the
   * actor's. Throws StoreError IO when the entry cannot be written.
   */
  audit(entry: Omit<AuditEntry, 'at' | 'operator'> & Partial<Pick<AuditEntry, 'at' | 'operator'>>): AuditEntry;
  warn(message: string): void;
  close(): void;
}

/** What a store folder may hold; a folder with anything else and no settings.json is not a store. */
// The embedded default store (data/ beside tillpoint) also ships the demo data and its README.
const STORE_ENTRIES = /^(settings|items|tenders|accounts|debtors|contracts|automation|operators)\.json(\.bak)?$|^(journals|locks|open|logs|slips|backups|jobs|demo|outbox|uploads|archive|loyaltyplus|audit|cashup)$|^README\.md$|^\./;

function prepareFolder(dir: string, create: boolean): boolean {
  const settings = path.join(dir, 'settings.json');
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') throw new StoreError('IO', `cannot read the store folder ${dir}: ${errorText(err)}`, { cause: err });
    if (!create) throw new StoreError('NOT_A_STORE', `${dir} does not exist (there is no store there)`);
    const leftover = restoreLeftover(dir);
    if (leftover !== null) throw new StoreError('NOT_A_STORE', cutOffRestoreText(dir, leftover));
    fs.mkdirSync(dir, { recursive: true });
    entries = [];
  }
  const isNew = !fs.existsSync(settings) && !fs.existsSync(`${settings}.bak`);
  if (isNew) {
    const foreign = entries.filter((e) => !STORE_ENTRIES.test(e));
    if (!create) throw new StoreError('NOT_A_STORE', `${dir} is not a tillpoint store (it has no settings.json)`);
    if (foreign.length > 0) {
      throw new StoreError('NOT_A_STORE', `${dir} is not a tillpoint store: it has no settings.json and holds other files (${foreign.slice(0, 3).join(', ')}); choose an empty or new folder`);
    }
  }
  for (const sub of ['journals', 'locks', 'open', 'logs']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  return isNew;
}

class StoreImpl implements Store {
  readonly journals: JournalFollower;
  private readonly docs: DocumentSet;
  private readonly writers = new Set<TillJournalWriter>();
  private readonly jobLocks = new Set<HeldLock>();
  private readonly inLock = new AsyncLocalStorage<true>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly warnedOnce = new Set<string>();
  private readonly ctx: WriterContext;
  private closed = false;
  /** True while an async withStoreLock section of this process holds the lock. */
  private asyncHolder = false;
  actor: StoreActor = { operator: SYSTEM_OPERATOR, now: () => new Date() };

  constructor(readonly dir: string, private readonly warnFn: (m: string) => void) {
    this.docs = new DocumentSet(dir, warnFn);
    this.ctx = {
      journalsDir: path.join(dir, 'journals'),
      locksDir: path.join(dir, 'locks'),
      openDir: path.join(dir, 'open'),
      warn: warnFn,
      warnOnce: (key, m) => {
        if (this.warnedOnce.has(key)) return;
        this.warnedOnce.add(key);
        warnFn(m);
      },
    };
    this.journals = new JournalFollower(this.ctx);
  }

  async init(isNew: boolean): Promise<void> {
    for (const sub of ['', 'open', 'journals', 'outbox']) removeTempLeftovers(path.join(this.dir, sub), isProcessAlive);
    await this.withStoreLock(() => this.docs.load(() => defaultDocuments(machineTimeZone()), isNew));
    this.journals.init();
  }

  warn(message: string): void {
    this.warnFn(message);
  }

  get<N extends DocName>(name: N): Documents[N] {
    return this.docs.get(name);
  }

  edit<N extends DocName>(name: N, change: (draft: Documents[N]) => void): Promise<Documents[N]> {
    return this.withStoreLock(async () => {
      const before = AUDITED_DOCS.has(name) ? this.docs.get(name) : null;
      const after = await this.docs.edit(name, change);
      if (before !== null) this.auditSetup(name, before, after);
      return after;
    });
  }

  setActor(actor: StoreActor): void {
    this.actor = actor;
  }

  audit(entry: Omit<AuditEntry, 'at' | 'operator'> & Partial<Pick<AuditEntry, 'at' | 'operator'>>): AuditEntry {
    const { till } = this.actor;
    const full: AuditEntry = { at: this.actor.now().toISOString(), operator: this.actor.operator, ...(till === undefined ? {} : { till }), ...entry };
    appendAudit(this.dir, full);
    return full;
  }

  /** The document is already saved: an audit line that cannot be written is a warning, not a refusal. */
  private auditSetup(name: DocName, before: unknown, after: unknown): void {
    const changes = auditableChanges(before, after);
    const ref = `${name}.json`;
    try {
      if ('summary' in changes) this.audit({ kind: 'setup', ref, detail: `${ref}: ${changes.summary}` });
      else for (const c of changes) this.audit({ kind: 'setup', ref, field: c.field, old: c.old, new: c.new, detail: `${ref} ${c.field}: ${c.old} -> ${c.new}` });
    } catch (err) {
      this.warnFn(`a setup change to ${ref} is saved but not in the audit trail: ${(err as Error).message}`);
    }
  }

  withStoreLock<T>(fn: () => Promise<T> | T): Promise<T> {
    // Nested calls (an edit inside a locked section) run inside the lock they already hold.
    if (this.inLock.getStore()) return Promise.resolve().then(fn);
    const run = async (): Promise<T> => {
      const lock = await lockWaiting(this.storeLockFile(), 'store', this.warnFn);
      this.asyncHolder = true;
      try {
        return await this.inLock.run(true, fn);
      } finally {
        this.asyncHolder = false;
        lock.release();
      }
    };
    // Callers in this process take turns, so only one of them waits on the file at a time.
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  withStoreLockSync<T>(fn: () => T): T {
    if (this.inLock.getStore()) return fn();
    if (this.asyncHolder) {
      // Waiting here would block the very event loop the holder needs to finish.
      throw new StoreError('LOCKED', `the store is busy with another change in this process (${process.pid}); try again`, { holderPid: process.pid });
    }
    const lock = lockWaitingSync(this.storeLockFile(), 'store', this.warnFn);
    try {
      return this.inLock.run(true, fn);
    } finally {
      lock.release();
    }
  }

  private storeLockFile(): string {
    return path.join(this.ctx.locksDir, 'store.lock');
  }

  claimTill(till: string): TillJournalWriter {
    this.assertOpen();
    const writer: TillJournalWriter = claimTillWriter(this.ctx, till, () => this.writers.delete(writer));
    this.writers.add(writer);
    return writer;
  }

  claimJobs(): { release(): void } | null {
    this.assertOpen();
    const r = tryLock(path.join(this.ctx.locksDir, 'jobs.lock'), 'jobs', this.warnFn);
    if (!r.ok) return null;
    const lock = r.lock;
    this.jobLocks.add(lock);
    return {
      release: () => {
        this.jobLocks.delete(lock);
        lock.release();
      },
    };
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('IO', `the store ${this.dir} has been closed`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of [...this.writers]) w.release();
    for (const l of [...this.jobLocks]) l.release();
    this.jobLocks.clear();
    this.journals.close();
  }
}

export async function openStore(dir: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const abs = path.resolve(dir);
  const isNew = prepareFolder(abs, opts.create ?? true);
  const warn = makeWarn(path.join(abs, 'logs'), { ...(opts.log ? { log: opts.log } : {}), ...(opts.stderr === undefined ? {} : { stderr: opts.stderr }) });
  const store = new StoreImpl(abs, warn);
  await store.init(isNew);
  return store;
}
