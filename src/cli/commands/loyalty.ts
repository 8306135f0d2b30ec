// `tillpoint loyalty DEBTOR [--json]`: the five balances of the Debtor Loyalty tab now, lifetime
// totals, and the rows behind them, derived from the journals exactly as the till sees them.
import { formatMoney } from '../../engine/money.js';
import { LoyaltyBook } from '../../store/loyalty-book.js';
import { onlyOptions, positionalCount, type Invocation } from '../args.js';
import { Refusal } from '../clock.js';
import { openCliStore } from '../open-store.js';
import { findDebtor } from '../../store/debtor-index.js';

export async function loyaltyCommand(inv: Invocation, now: () => Date): Promise<number> {
  onlyOptions(inv, []);
  positionalCount(inv, 1, 1, 'DEBTOR [--json]');
  const wanted = inv.positionals[0]!.trim().toUpperCase();
  const { store } = await openCliStore(inv);
  try {
    const debtor = findDebtor(store, wanted);
    if (!debtor) throw new Refusal(`no debtor with code "${inv.positionals[0]}"`);
    const book = LoyaltyBook.open(store);
    const b = book.balances(debtor.code, now().toISOString());
    const rows = book.rowsOf(debtor.code);
    if (inv.values.json) {
      const out = { debtor: debtor.code, name: debtor.name, monthToDate: b.monthToDate, pendingAccrual: b.pendingAccrual,
        accrued: b.accrued, redeemed: b.redeemed, available: b.available, lifetime: b.lifetime, rows };
      process.stdout.write(`${JSON.stringify(out)}\n`);
      return 0;
    }
    const { currencySymbol: symbol, currencyDecimals: decimals } = store.get('settings').company;
    const m = (c: number) => formatMoney(c, { symbol, decimals }).padStart(14);
    const w = process.stdout;
    w.write(`${debtor.code} ${debtor.name}\n`);
    w.write(`Loyalties Month to Date   ${m(b.monthToDate)}\n`);
    w.write(`Loyalties Pending Accrual ${m(b.pendingAccrual)}\n`);
    w.write(`Loyalties Accrued         ${m(b.accrued)}\n`);
    w.write(`Loyalties Redeemed        ${m(b.redeemed)}\n`);
    w.write(`Loyalties Available       ${m(b.available)}\n`);
    for (const r of rows) w.write(`${r.at}  ${r.kind.padEnd(15)} ${r.period.padEnd(8)} ${m(r.amount)}  ${r.source}\n`);
    return 0;
  } finally {
    store.close();
  }
}
