// Trial Balance: per account the debits and credits posted and the balance (debit - credit, so a
// debit balance is positive and a credit balance negative). Debits equal credits in total because
// every entry is checked to balance before it is counted.
//
// Two ways to the same figures: trialBalance() scans entries once; the accumulator (emptyBalances,
// addEntry, mergeBalances) lets the store keep running totals beside its journal, so the report
// never re-reads history, and a snapshot can be checked against a full replay at any time.
import { assertEntry } from './entry.js';
import { LEDGER_ERR, ledgerAssert } from './errors.js';
import type { Cents } from '../types.js';
import type { AccountType, ChartAccount, LedgerEntry } from './types.js';

export interface AccountTotals {
  debit: Cents;
  credit: Cents;
}

/** Running totals: plain JSON, so the store can persist them as a snapshot. */
export interface Balances {
  /** Posted debits and credits per account code (only accounts that have been posted to). */
  accounts: Readonly<Record<string, Readonly<AccountTotals>>>;
  /** How many entries went in: the journal position a snapshot stands for. */
  entries: number;
}

export interface TrialBalanceRow {
  account: string;
  /** The chart's name, or "(not in the chart)" for a code posted to but since removed. */
  name: string;
  /** null when the account is not in the chart. */
  type: AccountType | null;
  debit: Cents;
  credit: Cents;
  /** debit - credit: positive is a debit balance, negative a credit balance. */
  balance: Cents;
}

export interface TrialBalance {
  /** The chart's accounts in chart order (zero rows included), then unknown codes sorted. */
  rows: TrialBalanceRow[];
  totals: { debit: Cents; credit: Cents; balance: Cents };
  /** Total debits equal total credits (always true for entries that passed assertEntry). */
  balanced: boolean;
}

export const NOT_IN_CHART = '(not in the chart)';

function safeSum(a: Cents, b: Cents, account: string): Cents {
  const sum = a + b;
  ledgerAssert(Number.isSafeInteger(sum), LEDGER_ERR.BAD_AMOUNT,
    `Totals of account ${account} are too large to hold exactly`);
  return sum;
}

// Own-property lookups only: an account code such as "constructor" must not find Object's.
function totalsOf(accounts: Balances['accounts'], code: string): AccountTotals {
  return Object.hasOwn(accounts, code) ? (accounts[code] as AccountTotals) : { debit: 0, credit: 0 };
}

function withTotals(accounts: Balances['accounts'], code: string, add: AccountTotals): Record<string, AccountTotals> {
  const now = totalsOf(accounts, code);
  const next = { debit: safeSum(now.debit, add.debit, code), credit: safeSum(now.credit, add.credit, code) };
  const copy: Record<string, AccountTotals> = { ...accounts };
  // defineProperty, not assignment: "__proto__" would otherwise set the prototype.
  Object.defineProperty(copy, code, { value: next, enumerable: true, writable: true, configurable: true });
  return copy;
}

export function emptyBalances(): Balances {
  return { accounts: {}, entries: 0 };
}

/** Balances with one more entry counted; the input is left untouched. */
export function addEntry(balances: Balances, entry: LedgerEntry): Balances {
  assertEntry(entry);
  let accounts = balances.accounts;
  for (const l of entry.lines) accounts = withTotals(accounts, l.account, { debit: l.debit, credit: l.credit });
  return { accounts, entries: balances.entries + 1 };
}

/** Balances of two disjoint runs of entries (e.g. a snapshot and the entries journalled since). */
export function mergeBalances(a: Balances, b: Balances): Balances {
  let accounts = a.accounts;
  for (const code of Object.keys(b.accounts)) accounts = withTotals(accounts, code, totalsOf(b.accounts, code));
  return { accounts, entries: a.entries + b.entries };
}

export function balancesOf(entries: Iterable<LedgerEntry>): Balances {
  let balances = emptyBalances();
  for (const e of entries) balances = addEntry(balances, e);
  return balances;
}

function report(totals: ReadonlyMap<string, AccountTotals>, chart: readonly ChartAccount[]): TrialBalance {
  const rows: TrialBalanceRow[] = [];
  const listed = new Set<string>();
  const row = (account: string, name: string, type: AccountType | null): void => {
    const t = totals.get(account) ?? { debit: 0, credit: 0 };
    rows.push({ account, name, type, debit: t.debit, credit: t.credit, balance: t.debit - t.credit });
  };
  for (const a of chart) {
    if (listed.has(a.code)) continue; // a chart listing a code twice still shows it once
    listed.add(a.code);
    row(a.code, a.name, a.type);
  }
  // Codes posted to but not in the chart are shown, never dropped: dropping them would unbalance
  // the report and hide the very postings that need looking at.
  for (const code of [...totals.keys()].filter((c) => !listed.has(c)).sort()) row(code, NOT_IN_CHART, null);
  let debit = 0;
  let credit = 0;
  for (const r of rows) {
    debit = safeSum(debit, r.debit, 'total');
    credit = safeSum(credit, r.credit, 'total');
  }
  return { rows, totals: { debit, credit, balance: debit - credit }, balanced: debit === credit };
}

/** The Trial Balance of running totals (what the store keeps). */
export function trialBalanceOf(balances: Balances, chart: readonly ChartAccount[]): TrialBalance {
  const totals = new Map<string, AccountTotals>();
  for (const code of Object.keys(balances.accounts)) totals.set(code, totalsOf(balances.accounts, code));
  return report(totals, chart);
}

/** The Trial Balance of these entries in one pass (no accumulator objects: a plain Map). */
export function trialBalance(entries: Iterable<LedgerEntry>, chart: readonly ChartAccount[]): TrialBalance {
  const totals = new Map<string, AccountTotals>();
  for (const e of entries) {
    assertEntry(e);
    for (const l of e.lines) {
      const t = totals.get(l.account) ?? { debit: 0, credit: 0 };
      totals.set(l.account, { debit: safeSum(t.debit, l.debit, l.account), credit: safeSum(t.credit, l.credit, l.account) });
    }
  }
  return report(totals, chart);
}
