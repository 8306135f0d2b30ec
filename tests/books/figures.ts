// The figures the books tests compare: per debtor the five balances (with lifetime totals) and the
// account balance, and the trial balance. Read through the back office (the book, from its
// snapshot and tails), or derived independently from a full scan of the journals (engine replay
// of every loyalty row, the account movements of every document, every ledger entry summed).
import { addEntry, emptyBalances, trialBalanceOf, type TrialBalance } from '../../src/engine/ledger/index.js';
import { replay } from '../../src/engine/loyalty/balances.js';
import type { LoyaltyBalances, LoyaltyRow } from '../../src/engine/loyalty/index.js';
import { BACK_OFFICE_JOURNAL, openStore, type Store } from '../../src/store/index.js';
import { backOffice, type BackOffice } from '../../src/store/back-office.js';
import { isTillDoc } from '../../src/store/journal-format.js';
import { entriesOf } from '../../src/store/ledger-posting.js';
import { isLoyaltyRow } from '../../src/store/loyalty-rows.js';

export interface DebtorFigures {
  balances: LoyaltyBalances;
  account: number;
}

export interface Figures {
  debtors: Record<string, DebtorFigures>;
  trial: TrialBalance;
}

/** What the back office shows (enquiry, account, trial balance). */
export function bookFigures(bo: BackOffice, codes: readonly string[]): Figures {
  const debtors: Record<string, DebtorFigures> = {};
  for (const code of codes) debtors[code] = { balances: bo.enquiry(code).balances, account: bo.account(code).balance };
  return { debtors, trial: bo.trialBalance() };
}

/** Every loyalty row in the journals, per debtor (a full scan, not the book's references). */
export function scannedRows(store: Store): Map<string, LoyaltyRow[]> {
  const out = new Map<string, LoyaltyRow[]>();
  for (const rec of store.journals.scan()) {
    for (const row of rec.rows) {
      if (!isLoyaltyRow(row)) continue;
      const list = out.get(row.debtor) ?? [];
      list.push(row as LoyaltyRow);
      out.set(row.debtor, list);
    }
  }
  return out;
}

/** The same figures from a full scan: engine replay, account movements, every entry summed. */
export function replayFigures(store: Store, codes: readonly string[], at: string): Figures {
  const c = store.get('settings').company;
  const calendar = { timeZone: c.timeZone, fyStartMonth: c.financialYearStartMonth };
  const setup = { settings: store.get('settings'), tenders: store.get('tenders') };
  const rows = scannedRows(store);
  const account = new Map<string, number>();
  const move = (d: string, n: number) => account.set(d, (account.get(d) ?? 0) + n);
  let ledger = emptyBalances();
  for (const rec of store.journals.scan()) {
    const doc = rec.doc;
    if (isTillDoc(doc) && typeof doc.debtor === 'string' && doc.debtor !== '') {
      const sign = doc.kind === 'sale' ? 1 : -1;
      for (const t of doc.tenders) if (t.kind === 'account') move(doc.debtor, sign * t.amount);
    } else if (doc.kind === 'payment') move(doc.debtor, -doc.amount);
    for (const row of rec.rows) if (isLoyaltyRow(row) && row.kind === 'journal-credit') move(row.debtor, -row.amount);
    for (const e of entriesOf(rec, setup)) ledger = addEntry(ledger, e);
  }
  const debtors: Record<string, DebtorFigures> = {};
  for (const code of codes) {
    debtors[code] = { balances: replay(rows.get(code) ?? [], at, calendar), account: account.get(code) ?? 0 };
  }
  return { debtors, trial: trialBalanceOf(ledger, store.get('accounts').accounts) };
}

/** Totals of the back-office journal's loyalty rows by kind, and how many records it has. */
export function backOfficeTotals(store: Store): { records: number; byKind: Record<string, number> } {
  const byKind: Record<string, number> = {};
  let records = 0;
  for (const rec of store.journals.scan()) {
    if (rec.till !== BACK_OFFICE_JOURNAL) continue;
    records++;
    for (const row of rec.rows) if (isLoyaltyRow(row)) byKind[row.kind] = (byKind[row.kind] ?? 0) + row.amount;
  }
  return { records, byKind };
}

/** Opens a store folder, reads it with a fixed clock, and closes it again. */
export async function withStore<T>(dir: string, at: string, fn: (store: Store, bo: BackOffice) => T): Promise<T> {
  const store = await openStore(dir, { log: () => {}, stderr: false });
  try {
    return fn(store, backOffice(store, () => new Date(at)));
  } finally {
    store.close();
  }
}
