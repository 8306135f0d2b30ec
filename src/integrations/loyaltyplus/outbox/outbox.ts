// The durable outbox of one till's Loyalty Plus calls (SPEC section 5). The entries live in the
// till's journal records (written with their sale); this class only remembers which of them the
// provider acknowledged (`outbox/<TILL>.acks.jsonl`) and delivers the rest in the background, oldest
// first, with the entry's id as the Idempotency-Key, until each is acknowledged.
//
// Delivery is strictly in journal order: a pass stops at the first entry that must wait. That
// keeps a refund behind the earn of its sale, and it means acks are written in entry order,
// which is what lets the state file skip everything before its watermark.
import fs from 'node:fs';
import path from 'node:path';
import { removeTempLeftovers } from '../../../store/durable-file.js';
import { errorText } from '../../../store/errors.js';
import { fsyncDir } from '../../../store/fs-layer.js';
import { assertTillId, type JournalRecord } from '../../../store/journal-format.js';
import { isProcessAlive, lockNow, type HeldLock } from '../../../store/locks.js';
import type { Store } from '../../../store/store.js';
import type { LoyaltyPlusApi } from '../types.js';
import { AckLog, type Ack } from './ack-log.js';
import { backoffMs, DEFAULT_BACKOFF, deliver, type Backoff } from './delivery.js';
import { EntryQueue, type Tracked } from './queue.js';
import { loadState, saveState, type FailedEntry, type OutboxState } from './state.js';
import { isStale, pendingOf, type OutboxStatus, type PendingEntry } from './views.js';

export type { OutboxStatus, PendingEntry };

export interface OutboxOptions {
  /** The client to use now, or null when Loyalty Plus is not set up (entries then just wait). */
  client: () => LoyaltyPlusApi | null;
  now: () => Date;
  backoff?: Backoff;
  /** Default: the store's warnings (stderr and logs/tillpoint.log). Never given secrets. */
  warn?: (m: string) => void;
  /** For the jitter; tests may pin it. */
  random?: () => number;
}

const ANSWERS_KEPT = 200;

export class Outbox {
  private readonly q: EntryQueue;
  private readonly listeners = new Set<() => void>();
  private readonly abort = new AbortController();
  private readonly backoff: Backoff;
  private saved: OutboxState | null;
  private online = true;
  private running: Promise<void> | null = null;
  private rerun: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private generation = 0;
  private closed = false;
  /** The provider's answers to entries delivered by this process, newest last (for the slip). */
  private readonly answers = new Map<string, unknown>();

  private constructor(
    store: Store, readonly till: string, private readonly dir: string,
    private readonly opts: OutboxOptions, private readonly warn: (m: string) => void,
    private readonly lock: HeldLock, private readonly acks: AckLog, state: OutboxState | null,
  ) {
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.saved = state;
    this.q = new EntryQueue(store, till);
    for (const f of state?.failed ?? []) this.q.failedById.set(f.id, f);
    this.q.resumeAfter(state?.journal ?? null);
    for (const a of acks.read(state?.acksOffset ?? 0, warn)) this.q.remember(a);
    this.q.catchUp();
    this.saveIfMoved();
  }

  /** Opens the till's outbox: one process at a time per till (`locks/outbox-<TILL>.lock`). */
  static open(store: Store, till: string, opts: OutboxOptions): Outbox {
    assertTillId(till);
    const warn = opts.warn ?? ((m: string) => store.warn(m));
    const dir = path.join(store.dir, 'outbox');
    if (!fs.existsSync(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      fsyncDir(store.dir);
    }
    const lock = lockNow(path.join(store.dir, 'locks', `outbox-${till}.lock`), `Loyalty Plus outbox of till ${till}`, warn);
    let acks: AckLog | undefined;
    try {
      removeTempLeftovers(dir, isProcessAlive);
      acks = AckLog.open(dir, till, warn);
      return new Outbox(store, till, dir, opts, warn, lock, acks, loadState(store, dir, till, acks, warn));
    } catch (err) {
      acks?.close();
      lock.release();
      throw err;
    }
  }

  /** The entries of a record this till just wrote wait from now on (before any scan reads it). */
  noteRecorded(rec: JournalRecord): void {
    if (rec.till !== this.till || this.closed) return;
    if (this.q.take(rec, undefined)) this.emit();
  }

  /** One pass, oldest first; a pass already running is followed by (at most) one more. */
  deliverDue(): Promise<void> {
    if (this.running) {
      this.rerun ??= this.running.then(() => {
        this.rerun = null;
        return this.deliverDue();
      });
      return this.rerun;
    }
    this.running = this.pass()
      .catch((err: unknown) => this.warn(`the Loyalty Plus outbox of till ${this.till} stopped a delivery pass: ${errorText(err)}`))
      .finally(() => { this.running = null; });
    return this.running;
  }

  /** Runs deliverDue every `everyMs`, never two at once; the timer does not keep the process alive. */
  start(everyMs: number): void {
    this.stop();
    const generation = this.generation;
    const schedule = () => {
      if (this.closed || generation !== this.generation) return;
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.deliverDue().finally(schedule);
      }, everyMs);
      this.timer.unref();
    };
    schedule();
  }

  stop(): void {
    this.generation += 1; // a pass still running does not schedule the next one
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Delivers now and waits at most `ms` for the entry's answer; undefined when it did not come
   * (it waits behind another entry, the provider is offline, or the call failed and backs off).
   */
  async awaitDelivery(id: string, ms: number): Promise<unknown> {
    if (!this.answers.has(id) && this.q.waiting.has(id)) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); });
      await Promise.race([this.deliverDue(), late]).finally(() => clearTimeout(timer));
    }
    return this.answers.get(id);
  }

  /** A manager's "retry now": the entry (and, to keep the order, every entry before it) goes at once. */
  retryNow(id?: string): Promise<void> {
    const queue = this.q.ordered();
    const upto = id === undefined ? queue.length : queue.findIndex((t) => t.entry.id === id) + 1;
    if (upto === 0) return Promise.reject(new RangeError(`no Loyalty Plus call ${id} is waiting in the outbox of till ${this.till}`));
    const now = this.opts.now().getTime();
    for (const t of queue.slice(0, upto)) t.nextAttemptAt = Math.min(t.nextAttemptAt, now);
    this.emit();
    return this.deliverDue();
  }

  pending(): PendingEntry[] {
    return pendingOf(this.q.ordered(), this.opts.now().getTime());
  }

  /** The provider's answer to an entry this process delivered, if it has it. */
  answerOf(id: string): unknown {
    return this.answers.get(id);
  }

  /** Final refusals, acknowledged as 'failed': they are never retried and wait for reconciliation. */
  failed(): FailedEntry[] {
    return this.q.failed();
  }

  status(): OutboxStatus {
    const now = this.opts.now().getTime();
    const waiting = [...this.q.waiting.values()];
    return {
      online: this.online && this.opts.client() !== null,
      waiting: waiting.length,
      stale: waiting.filter((t) => isStale(t.entry, now)).length,
      failed: this.q.failedById.size,
    };
  }

  /** Called after anything pending(), failed() or status() show has changed; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the timer, cancels a call in flight (it is sent again next time), saves the state, unlocks. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.stop();
    this.closed = true;
    this.abort.abort();
    await this.running;
    await this.rerun;
    try {
      this.q.catchUp();
      this.saveIfMoved();
    } finally {
      this.acks.close();
      this.lock.release();
    }
  }

  private async pass(): Promise<void> {
    if (this.closed) return;
    if (this.q.catchUp()) this.emit();
    const client = this.opts.client();
    const queue = this.q.ordered();
    this.flagStale(queue);
    if (client === null) {
      this.setOnline(false);
    } else {
      for (const t of queue) {
        if (this.closed || t.nextAttemptAt > this.opts.now().getTime()) break;
        if (!(await this.attempt(client, t))) break;
      }
    }
    this.saveIfMoved();
  }

  /** One entry; false when the pass must stop (the provider is offline, or the outbox closing). */
  private async attempt(client: LoyaltyPlusApi, t: Tracked): Promise<boolean> {
    const r = await deliver(client, t.entry, this.abort.signal);
    if (!r.ok && r.verdict === 'cancelled') return false;
    const at = this.opts.now();
    t.attempts += 1;
    if (!r.ok && r.verdict === 'wait') {
      t.lastError = r.error;
      t.nextAttemptAt = at.getTime() + backoffMs(t.attempts, this.backoff, this.opts.random);
      this.online = false;
      this.emit();
      return false;
    }
    const e = t.entry;
    const ack: Ack = { id: e.id, op: e.op, sale: e.sale, createdAt: e.createdAt, at: at.toISOString(), ...(r.ok ? { result: 'delivered', answer: r.answer } : { result: 'failed', error: r.error }) };
    try {
      this.acks.append(ack);
    } catch (err) {
      // The provider has it; without the ack it goes again with the same key, which is safe.
      this.warn(`could not record the Loyalty Plus answer for ${e.id} in ${this.acks.label}: ${errorText(err)}; it will be sent again with the same key`);
      t.nextAttemptAt = at.getTime() + backoffMs(t.attempts, this.backoff, this.opts.random);
      return false;
    }
    this.q.remember(ack, t.seq);
    if (r.ok) this.noteAnswer(e.id, r.answer);
    if (!r.ok) this.warn(`Loyalty Plus refused ${e.op} ${e.id} for sale ${e.sale} for good (${r.error.message}); it will not be retried and needs reconciliation`);
    this.setOnline(true);
    this.emit();
    return true;
  }

  private noteAnswer(id: string, answer: unknown): void {
    this.answers.set(id, answer);
    if (this.answers.size > ANSWERS_KEPT) this.answers.delete(this.answers.keys().next().value!);
  }

  private saveIfMoved(): void {
    const journal = this.q.watermark();
    const prev = this.saved;
    const failed = this.q.failedById.size;
    if (prev ? prev.journal?.end === journal?.end && prev.failed.length === failed : journal === null && failed === 0) return;
    const upto = journal?.seq ?? 0;
    // Delivery is in order, so every delivered ack so far belongs at or before the watermark and
    // the next start may skip the acks file up to here; should one not, the old offset is kept.
    const acksOffset = this.q.deliveredUpTo(upto) ? this.acks.length : prev?.acksOffset ?? 0;
    const state: OutboxState = { v: 1, till: this.till, journal, acksOffset, failed: this.q.failed() };
    saveState(this.dir, state, this.warn);
    this.saved = state;
    this.q.forgetUpTo(upto);
  }

  private flagStale(queue: readonly Tracked[]): void {
    const now = this.opts.now().getTime();
    for (const t of queue) {
      if (t.warnedStale || !isStale(t.entry, now)) continue;
      t.warnedStale = true;
      this.warn(`Loyalty Plus ${t.entry.op} ${t.entry.id} for sale ${t.entry.sale} has waited more than 24 hours; it is still retried, and is flagged for reconciliation`);
    }
  }

  private setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.emit();
  }

  private emit(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch (err) {
        this.warn(`an outbox listener failed: ${errorText(err)}`);
      }
    }
  }
}
