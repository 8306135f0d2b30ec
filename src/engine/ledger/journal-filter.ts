// Journal enquiry: entries narrowed by date range, account, source and kind. Entries come back
// whole (every line), in the order given, so the screen shows each one balanced.
import { ledgerInstantMs } from './entry.js';
import { LEDGER_ERR, ledgerAssert } from './errors.js';
import { LEDGER_ENTRY_KINDS } from './types.js';
import type { LedgerEntry, LedgerEntryKind } from './types.js';

export interface JournalFilter {
  /** ISO instant with offset; entries at or after it. */
  from?: string;
  /**
   * ISO instant with offset; entries strictly before it. Half-open like loyalty periods, so
   * consecutive ranges never count an entry twice. A local day is the caller's to turn into
   * instants (the store's time zone), because "2026-04-01" alone means a different instant per zone.
   */
  to?: string;
  /** Entries with at least one line on this account code. */
  account?: string;
  /** Entries of this sale/refund number, payment id or loyalty row id. */
  source?: string;
  /** One kind or any of several. */
  kind?: LedgerEntryKind | readonly LedgerEntryKind[];
}

/** A predicate for one filter, with the filter's instants parsed once rather than per entry. */
export function journalMatcher(filter: JournalFilter): (entry: LedgerEntry) => boolean {
  const from = filter.from === undefined ? null : ledgerInstantMs(filter.from, 'Journal filter "from"');
  const to = filter.to === undefined ? null : ledgerInstantMs(filter.to, 'Journal filter "to"');
  ledgerAssert(from === null || to === null || from <= to, LEDGER_ERR.BAD_FILTER,
    `Journal filter: "from" (${String(filter.from)}) must not be after "to" (${String(filter.to)})`);
  const kinds = filter.kind === undefined ? null : new Set(typeof filter.kind === 'string' ? [filter.kind] : filter.kind);
  for (const k of kinds ?? []) {
    ledgerAssert(LEDGER_ENTRY_KINDS.includes(k), LEDGER_ERR.BAD_FILTER,
      `Journal filter: kind must be one of ${LEDGER_ENTRY_KINDS.join(', ')} (got "${String(k)}")`);
  }
  const { account, source } = filter;
  return (e) => {
    if (kinds !== null && !kinds.has(e.kind)) return false;
    if (source !== undefined && e.source !== source) return false;
    if (account !== undefined && !e.lines.some((l) => l.account === account)) return false;
    if (from !== null || to !== null) {
      const at = ledgerInstantMs(e.at, `Ledger entry ${e.id}: time`);
      if (from !== null && at < from) return false;
      if (to !== null && at >= to) return false;
    }
    return true;
  };
}

export function filterJournal(entries: Iterable<LedgerEntry>, filter: JournalFilter): LedgerEntry[] {
  const matches = journalMatcher(filter);
  const out: LedgerEntry[] = [];
  for (const e of entries) if (matches(e)) out.push(e);
  return out;
}
