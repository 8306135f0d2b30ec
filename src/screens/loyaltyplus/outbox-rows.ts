// Text of the Loyalty Plus outbox screen, kept apart from the keys so it is tested without Ink:
// the header counts, two text rows per call (what it is, then why it waits or failed), and the
// one-line result of a manager's retry.
import type { OutboxStatus, PendingEntry } from '../../integrations/loyaltyplus/outbox/outbox.js';
import type { FailedEntry } from '../../integrations/loyaltyplus/outbox/state.js';
import type { ProviderState } from '../../integrations/loyaltyplus/provider.js';
import { fit, localStamp } from '../loyalties/format.js';

export type OutboxRow = { kind: 'waiting'; entry: PendingEntry } | { kind: 'failed'; entry: FailedEntry };

/** Waiting calls first, in the order they will go, then the final refusals. */
export function outboxRows(pending: readonly PendingEntry[], failed: readonly FailedEntry[]): OutboxRow[] {
  return [
    ...pending.map((entry): OutboxRow => ({ kind: 'waiting', entry })),
    ...failed.map((entry): OutboxRow => ({ kind: 'failed', entry })),
  ];
}

/** "Loyalty Plus: offline · 3 waiting · 1 older than 24 h · 0 failed" */
export function headerText(state: ProviderState, s: OutboxStatus, dot: string): string {
  return [`Loyalty Plus: ${state}`, `${s.waiting} waiting`, `${s.stale} older than 24 h`, `${s.failed} failed`].join(` ${dot} `);
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

// Widths of the columns after the two-column selection mark: 7+12+8+17+10+16 = 70, so a row fits
// the 76 columns an 80-column terminal leaves inside the frame.
const W = { mark: 7, sale: 12, op: 8, stamp: 17, tries: 10 };

export function columnsHeader(): string {
  return `  ${fit('', W.mark)}${fit('Sale', W.sale)}${fit('Call', W.op)}${fit('Created', W.stamp)}${fit('Attempts', W.tries)}Next attempt`;
}

/** The two text rows of one call; `selected` puts the selection mark in front of the first. */
export function rowText(row: OutboxRow, timeZone: string, selected: string): [string, string] {
  const e = row.entry;
  const head = (mark: string, rest: string): string =>
    `${selected} ${fit(mark, W.mark)}${fit(e.sale, W.sale)}${fit(e.op, W.op)}${fit(localStamp(e.createdAt, timeZone), W.stamp)}${rest}`;
  if (row.kind === 'failed') {
    const f = row.entry;
    // No attempts or next attempt: it is never sent again, so when it was refused says more.
    return [head('FAILED', `refused ${localStamp(f.at, timeZone)}`), `    refused for good (${f.error.kind}): ${f.error.message}`];
  }
  const p = row.entry;
  const why = p.lastError ? `last error: ${p.lastError.kind}: ${p.lastError.message}` : 'not tried yet';
  return [head(p.stale ? 'STALE' : '', `${fit(String(p.attempts), W.tries)}${localStamp(p.nextAttemptAt, timeZone)}`), `    ${why}`];
}

export interface RetryOutcome {
  /** Every call waiting before the retry, in order. */
  before: readonly string[];
  /** The calls the retry was for: the selected one and every one before it. */
  sent: readonly string[];
  pendingAfter: readonly PendingEntry[];
  failedBefore: ReadonlySet<string>;
  failedAfter: readonly FailedEntry[];
}

/** "Retried: 2 delivered, 1 still waiting (connect: ...)"; error is true while any still waits. */
export function retrySummary(o: RetryOutcome): { text: string; error: boolean } {
  const waiting = new Map(o.pendingAfter.map((p) => [p.id, p]));
  const failedNow = new Set(o.failedAfter.filter((f) => !o.failedBefore.has(f.id)).map((f) => f.id));
  const still = o.sent.filter((id) => waiting.has(id));
  // The pass does not stop at the selected call: calls behind it that were due go too, and count.
  const refused = o.before.filter((id) => failedNow.has(id));
  const delivered = o.before.filter((id) => !waiting.has(id) && !failedNow.has(id)).length;
  const parts = [`${delivered} delivered`];
  if (refused.length > 0) parts.push(`${refused.length} refused for good`);
  if (still.length > 0) {
    // The first one still waiting is where the pass stopped, so its error is the reason for all.
    const first = waiting.get(still[0]!);
    const why = first?.lastError ? `${first.lastError.kind}: ${first.lastError.message}` : 'not sent: Loyalty Plus is not set up or is switched off';
    parts.push(`${still.length} still waiting (${why})`);
  }
  return { text: `Retried: ${parts.join(', ')}`, error: still.length > 0 || refused.length > 0 };
}

export function retryingText(n: number): string {
  return `Retrying ${plural(n, 'Loyalty Plus call')} now...`;
}
