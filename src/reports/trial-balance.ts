// The books' trial balance as it stands now (Ledger > Trial Balance).
import { backOffice } from '../store/back-office.js';
import type { Report } from './types.js';

export const trialBalanceReport: Report = {
  name: 'trial-balance',
  title: 'Trial balance',
  describe: 'every ledger account: debit, credit and balance (now)',
  period: 'none',
  totals: true,
  columns: [
    { key: 'account', title: 'Account', kind: 'text' },
    { key: 'name', title: 'Name', kind: 'text' },
    { key: 'type', title: 'Type', kind: 'text' },
    { key: 'debit', title: 'Debit', kind: 'money' },
    { key: 'credit', title: 'Credit', kind: 'money' },
    { key: 'balance', title: 'Balance', kind: 'money' },
  ],
  rows(ctx) {
    return backOffice(ctx.store, ctx.now).trialBalance().rows.map((r) => ({
      account: r.account, name: r.name, type: r.type ?? '', debit: r.debit, credit: r.credit, balance: r.balance,
    }));
  },
};
