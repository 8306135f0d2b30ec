// The journal entry of a completed sale.
//
//   Dr each tender's ledger account   what it took (cash net of the change given)
//   Cr sales                          total excluding VAT
//   Cr VAT output                     one line per tax rate ("VAT 15%"), 0% rates post nothing
//   Cr / Dr cash rounding             the sale's `rounding`: > 0 the customer paid more (Cr), < 0 less (Dr)
//
// It balances because a settled sale satisfies tendered - change - rounding == total (see
// sale-totals.ts), and sales + VAT == total by construction of the tax breakdown. Account tenders
// debit their own ledger account (Debtors Control in the default chart) and the loyalty tender its
// own (Loyalties Accrued, so paying with credits uses up the liability the accrual built).
import { formatRate } from '../rate.js';
import { buildEntry, tenderFor, type Posting } from './entry.js';
import { LEDGER_ERR, ledgerAssert } from './errors.js';
import type { Cents, CompletedSale, TaxLine, TenderTaken } from '../types.js';
import type { LedgerEntry, PostingAccounts, PostingContext } from './types.js';

/** Tender lines summed per tender code, in the order first taken (two card swipes: one line). */
export function tenderTotals(tenders: readonly TenderTaken[]): TenderTaken[] {
  const byCode = new Map<string, TenderTaken>();
  for (const t of tenders) {
    const seen = byCode.get(t.tenderCode);
    byCode.set(t.tenderCode, seen ? { ...seen, amount: seen.amount + t.amount } : { ...t });
  }
  return [...byCode.values()];
}

/**
 * Takes the change off the cash tenders, last first: change is given in cash only and the cash
 * tender that settled the sale is the one it came out of (earlier ones were all needed).
 */
function netOfChange(totals: TenderTaken[], change: Cents, source: string): TenderTaken[] {
  let left = change;
  const out = totals.map((t) => ({ ...t }));
  for (let i = out.length - 1; i >= 0 && left > 0; i -= 1) {
    const t = out[i] as TenderTaken;
    if (t.kind !== 'cash') continue;
    const off = Math.min(t.amount, left);
    t.amount -= off;
    left -= off;
  }
  ledgerAssert(left === 0, LEDGER_ERR.BAD_DOCUMENT, `${source}: change is more than the cash tendered`);
  return out;
}

/**
 * Sales and VAT of a document's tax lines with `sign` (-1 credits them: a sale; +1 debits them: a
 * refund). Sales in one line (the total excluding VAT), VAT one line per rate so a VAT return can
 * be read off the journal.
 */
export function salesAndVat(tax: readonly TaxLine[], ledger: PostingAccounts, sign: 1 | -1): Posting[] {
  const net = tax.reduce((s, t) => s + t.gross - t.tax, 0);
  return [
    { account: ledger.sales, amount: sign * net, memo: 'Sales excl. VAT' },
    ...tax.map((t) => ({ account: ledger.vatOutput, amount: sign * t.tax, memo: `VAT ${formatRate(t.rate)}` })),
  ];
}

/** Checks the figures a posting relies on, so a damaged record is named rather than mis-posted. */
export function assertTaxAddsUp(doc: { total: Cents; tax: readonly TaxLine[]; taxTotal: Cents }, source: string): void {
  const gross = doc.tax.reduce((s, t) => s + t.gross, 0);
  const tax = doc.tax.reduce((s, t) => s + t.tax, 0);
  ledgerAssert(gross === doc.total && tax === doc.taxTotal, LEDGER_ERR.BAD_DOCUMENT,
    `${source}: tax lines (gross ${gross}, tax ${tax}) do not match the total ${doc.total} and tax ${doc.taxTotal}`);
}

/** The sale's entry (index 0); none when the sale moved no money (a free item, cash of 0). */
export function postSale(sale: CompletedSale, ctx: PostingContext): LedgerEntry[] {
  const source = `Sale ${sale.saleNumber}`;
  assertTaxAddsUp(sale, source);
  const tendered = sale.tenders.reduce((s, t) => s + t.amount, 0);
  ledgerAssert(tendered - sale.change - sale.rounding === sale.total, LEDGER_ERR.BAD_DOCUMENT,
    `${source}: tenders ${tendered} less change ${sale.change} and rounding ${sale.rounding} ` +
    `do not make the total ${sale.total}`);
  const tenders: Posting[] = netOfChange(tenderTotals(sale.tenders), sale.change, source).map((t) => ({
    account: tenderFor(ctx.tenders, t.tenderCode, source).ledgerAccount,
    amount: t.amount,
    memo: t.kind === 'cash' && sale.change > 0 ? `${t.name} net of change` : t.name,
  }));
  const entry = buildEntry({ source: sale.saleNumber, kind: 'sale', at: sale.completedAt, memo: source }, [
    ...tenders,
    ...salesAndVat(sale.tax, ctx.ledger, -1),
    { account: ctx.ledger.cashRounding, amount: -sale.rounding, memo: 'Cash rounding' },
  ]);
  return entry === null ? [] : [entry];
}
