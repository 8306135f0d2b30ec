// Debits and credits per account, added to in place: the trial balance of a store with years of
// history is a look-up, never a replay. (The engine's Balances are immutable and copy per entry,
// which is right for tests and too slow for a million records.)
import { trialBalanceOf } from '../engine/ledger/index.js';
import type { Balances, ChartAccount, LedgerEntry, TrialBalance } from '../engine/ledger/index.js';
import { StoreError } from './errors.js';

export interface LedgerTotalsJson {
  accounts: Record<string, [number, number]>;
  entries: number;
}

export class LedgerTotals {
  private readonly accounts = new Map<string, [number, number]>();
  entries = 0;

  /**
   * Adds a record's entries, all or none: each line on one account, one side, in whole cents,
   * and each entry balanced, which is all the totals depend on (assertEntry checked the rest
   * when the entry was made). Returns the problem instead when there is one.
   */
  addRecord(entries: readonly LedgerEntry[]): string | null {
    for (const e of entries) {
      if (!Array.isArray(e?.lines) || e.lines.length === 0) return `entry ${String(e?.id)} has no lines`;
      let debit = 0;
      let credit = 0;
      for (const l of e.lines) {
        const ok = typeof l.account === 'string' && l.account !== '' && Number.isSafeInteger(l.debit) && Number.isSafeInteger(l.credit)
          && l.debit >= 0 && l.credit >= 0 && (l.debit === 0) !== (l.credit === 0);
        if (!ok) return `entry ${String(e.id)} has a line that is not one side in whole cents`;
        debit += l.debit;
        credit += l.credit;
      }
      if (debit !== credit || !Number.isSafeInteger(debit)) return `entry ${String(e.id)} does not balance (${debit} / ${credit})`;
    }
    for (const e of entries) this.add(e);
    return null;
  }

  /** `entry` has passed assertEntry or addRecord's checks. */
  add(entry: LedgerEntry): void {
    for (const l of entry.lines) {
      let t = this.accounts.get(l.account);
      if (!t) {
        t = [0, 0];
        this.accounts.set(l.account, t);
      }
      t[0] += l.debit;
      t[1] += l.credit;
      if (!Number.isSafeInteger(t[0]) || !Number.isSafeInteger(t[1])) {
        throw new StoreError('INVALID', `ledger totals of account ${l.account} are too large to hold exactly`);
      }
    }
    this.entries++;
  }

  balances(): Balances {
    const accounts: Record<string, { debit: number; credit: number }> = {};
    for (const [code, [debit, credit]] of this.accounts) {
      Object.defineProperty(accounts, code, { value: { debit, credit }, enumerable: true, writable: true, configurable: true });
    }
    return { accounts, entries: this.entries };
  }

  trialBalance(chart: readonly ChartAccount[]): TrialBalance {
    return trialBalanceOf(this.balances(), chart);
  }

  toJson(): LedgerTotalsJson {
    const accounts: Record<string, [number, number]> = {};
    for (const [code, t] of this.accounts) Object.defineProperty(accounts, code, { value: [...t], enumerable: true });
    return { accounts, entries: this.entries };
  }

  load(json: LedgerTotalsJson): void {
    this.accounts.clear();
    for (const [code, t] of Object.entries(json.accounts)) this.accounts.set(code, [t[0], t[1]]);
    this.entries = json.entries;
  }
}

export function isLedgerTotalsJson(v: unknown): v is LedgerTotalsJson {
  const j = v as Partial<LedgerTotalsJson> | null;
  return typeof j === 'object' && j !== null && Number.isSafeInteger(j.entries)
    && typeof j.accounts === 'object' && j.accounts !== null
    && Object.values(j.accounts).every((t) => Array.isArray(t) && t.length === 2 && t.every((n) => Number.isSafeInteger(n)));
}
