// Per-debtor loyalty figures kept incrementally from the journals: each debtor's period sales
// totals (the tier and the redemption gate, SPEC section 4 rules 3-4), its loyalty ledger state
// (the five balances, rule 9), its rows and its account balance. One record costs O(1), so a sale
// at the till never scans history.
//
// Built at open by scanning every journal once. That is acceptable for now; the next step is a
// periodic snapshot (like journals/<TILL>.index.json) so that opening reads only the tail.
// Kept current by `catchUp()`, which polls `store.journals` and feeds what it returns: every
// caller of poll() inside a till session goes through here, so no record is consumed unseen.
import {
  apply, availableOf, balancesOf, emptyLedgerState, LOYALTY_ROW_KINDS, periodKindOf, recordSale, salesAt,
  EMPTY_PERIOD_SALES,
} from '../engine/loyalty/index.js';
import type { LoyaltyBalances, LoyaltyCalendar, LoyaltyLedgerState, LoyaltyRow, PeriodSales } from '../engine/loyalty/index.js';
import type { Cents } from '../engine/types.js';
import type { JournalRecord } from './journal-format.js';
import type { Store } from './store.js';

interface DebtorEntry {
  sales: PeriodSales;
  ledger: LoyaltyLedgerState;
  rows: LoyaltyRow[];
  /** Charged on the account tender minus paid back on it (payments on account come later). */
  account: Cents;
}

/** A loyalty row inside a record (records may later carry other rows, e.g. outbox entries). */
export function isLoyaltyRow(row: unknown): row is LoyaltyRow {
  const r = row as Partial<LoyaltyRow> | null;
  return typeof r === 'object' && r !== null && typeof r.debtor === 'string'
    && LOYALTY_ROW_KINDS.includes(r.kind as LoyaltyRow['kind']);
}

const shared = new WeakMap<Store, LoyaltyBook>();

export class LoyaltyBook {
  private readonly debtors = new Map<string, DebtorEntry>();
  /** Highest seq fed per till: a record both scanned and later polled is counted once. */
  private readonly seen = new Map<string, number>();

  private constructor(private readonly store: Store) {}

  /**
   * The one book of this store in this process. poll() has one cursor per store, so every till
   * session of a process must feed the same book, or one session's poll would hide records from another's.
   */
  static of(store: Store): LoyaltyBook {
    let book = shared.get(store);
    if (!book) {
      book = LoyaltyBook.open(store);
      shared.set(store, book);
    }
    return book;
  }

  /** The shared book when one was built, else undefined (nothing is scanned). */
  static existing(store: Store): LoyaltyBook | undefined {
    return shared.get(store);
  }

  /** A fresh book from a full scan (one-shot commands and tests). */
  static open(store: Store): LoyaltyBook {
    const book = new LoyaltyBook(store);
    for (const rec of store.journals.scan()) book.add(rec);
    return book;
  }

  calendar(): LoyaltyCalendar {
    const c = this.store.get('settings').company;
    return { timeZone: c.timeZone, fyStartMonth: c.financialYearStartMonth };
  }

  /** Reads what other tills (and this one) appended since; returns the polled records. */
  catchUp(): JournalRecord[] {
    const recs = this.store.journals.poll();
    for (const rec of recs) this.add(rec);
    return recs;
  }

  private entry(debtor: string): DebtorEntry {
    let e = this.debtors.get(debtor);
    if (!e) {
      e = { sales: EMPTY_PERIOD_SALES, ledger: emptyLedgerState(debtor), rows: [], account: 0 };
      this.debtors.set(debtor, e);
    }
    return e;
  }

  /** Feeds one journal record (idempotent per till and seq). */
  add(rec: JournalRecord): void {
    if (rec.seq <= (this.seen.get(rec.till) ?? 0)) return;
    this.seen.set(rec.till, rec.seq);
    const doc = rec.doc;
    const sign = doc.kind === 'sale' ? 1 : -1;
    if (typeof doc.debtor === 'string' && doc.debtor !== '') {
      const e = this.entry(doc.debtor);
      e.sales = recordSale(e.sales, doc.completedAt, sign * doc.total, this.calendar());
      for (const t of doc.tenders) if (t.kind === 'account') e.account += sign * t.amount;
    }
    for (const row of rec.rows) {
      if (!isLoyaltyRow(row)) continue;
      const e = this.entry(row.debtor);
      try {
        e.ledger = apply(e.ledger, row);
        e.rows.push(row);
      } catch (err) {
        // A damaged row must not stop the till; it is left out of the balances, loudly.
        this.store.warn(`journals/${rec.till}.jsonl seq ${rec.seq}: loyalty row skipped: ${(err as Error).message}`);
      }
    }
  }

  balances(debtor: string, at: string): LoyaltyBalances {
    return balancesOf(this.entry(debtor).ledger, at, this.calendar());
  }

  /** The debtor's sales total in its current period at `at` (before a sale made at `at`). */
  periodSalesBefore(debtor: string, at: string): Cents {
    const d = this.store.get('debtors').debtors.find((x) => x.code === debtor);
    const kind = (d && periodKindOf(d.loyalty.applicable)) ?? 'month';
    return salesAt(this.entry(debtor).sales, at, kind, this.calendar());
  }

  available(debtor: string): Cents {
    return availableOf(this.entry(debtor).ledger);
  }

  rowsOf(debtor: string): readonly LoyaltyRow[] {
    return this.entry(debtor).rows;
  }

  accountBalance(debtor: string): Cents {
    return this.entry(debtor).account;
  }
}
