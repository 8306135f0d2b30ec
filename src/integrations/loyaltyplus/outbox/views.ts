// What the outbox shows of itself (the outbox screen, the status line, `tillpoint doctor`).
import type { FailureKind } from '../types.js';
import type { OutboxEntry, OutboxOp } from './entries.js';
import type { Tracked } from './queue.js';

export interface PendingEntry {
  id: string;
  op: OutboxOp;
  sale: string;
  createdAt: string;
  attempts: number;
  /** When it goes next; entries behind a waiting one wait for it (delivery is in order). */
  nextAttemptAt: string;
  lastError?: { kind: FailureKind | 'unexpected'; message: string };
  /** Older than 24 h: flagged for reconciliation. */
  stale: boolean;
}

export interface OutboxStatus { online: boolean; waiting: number; stale: number; failed: number }

const DAY_MS = 24 * 60 * 60 * 1000;

export function pendingOf(queue: readonly Tracked[], now: number): PendingEntry[] {
  let blockedUntil = now;
  return queue.map((t) => {
    blockedUntil = Math.max(blockedUntil, t.nextAttemptAt);
    const e = t.entry;
    return {
      id: e.id, op: e.op, sale: e.sale, createdAt: e.createdAt, attempts: t.attempts,
      nextAttemptAt: new Date(blockedUntil).toISOString(),
      ...(t.lastError ? { lastError: { kind: t.lastError.kind, message: t.lastError.message } } : {}),
      stale: isStale(e, now),
    };
  });
}

export function isStale(e: OutboxEntry, now: number): boolean {
  const created = Date.parse(e.createdAt);
  return Number.isFinite(created) && now - created > DAY_MS;
}
