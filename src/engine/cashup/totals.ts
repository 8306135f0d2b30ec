// The totals of a till's records since its previous Z: pure, no clock, no I/O. The X report and
// the Z report are the same totals; only the Z is recorded.
import type { CompletedRefund, CompletedSale, TenderTaken } from '../types.js';
import type { CashupRecord, CashupTotals, FloatDoc, TaxTotal, TenderTotal } from './types.js';

interface Row { kind?: unknown; amount?: unknown; op?: unknown; debtor?: unknown }

const rowAmount = (r: Row): number => (Number.isSafeInteger(r.amount) ? (r.amount as number) : 0);

function tenderTotal(map: Map<string, TenderTotal>, t: TenderTaken): TenderTotal {
  let tt = map.get(t.tenderCode);
  if (!tt) {
    tt = { tenderCode: t.tenderCode, name: t.name, kind: t.kind, sales: 0, refunds: 0, net: 0 };
    map.set(t.tenderCode, tt);
  }
  return tt;
}

function taxTotal(map: Map<number, TaxTotal>, rate: number): TaxTotal {
  let tt = map.get(rate);
  if (!tt) {
    tt = { rate, gross: 0, tax: 0 };
    map.set(rate, tt);
  }
  return tt;
}

/** Cash taken on a sale's tenders, with the change coming out of its last cash tender. */
function saleTenders(sale: CompletedSale): { t: TenderTaken; amount: number }[] {
  const out = sale.tenders.map((t) => ({ t, amount: t.amount }));
  let change = sale.change;
  for (let i = out.length - 1; i >= 0 && change > 0; i--) {
    if (out[i]!.t.kind !== 'cash') continue;
    const off = Math.min(change, out[i]!.amount);
    out[i]!.amount -= off;
    change -= off;
  }
  return out;
}

/**
 * Totals over `records` (one till's, in journal order, all after its previous Z). Only tenders of
 * kind cash are money in the drawer. A sale abandoned without a loyalty provider's authorisation
 * leaves no journal record, so the store passes the count of abandoned sales it knows of
 * (`abandonedSales`); without it the void records of abandoned sales are counted.
 */
export function cashupTotals(records: readonly CashupRecord[], o: { abandonedSales?: number } = {}): CashupTotals {
  const tenders = new Map<string, TenderTotal>();
  const tax = new Map<number, TaxTotal>();
  const t: CashupTotals = {
    fromSeq: 0, toSeq: 0, sales: { count: 0, gross: 0 }, refunds: { count: 0, total: 0 }, voids: { lines: 0, abandoned: 0 },
    tenders: [], tax: [], rounding: 0, loyalty: { earned: 0, redeemed: 0, plusEarnCalls: 0, plusRedeemed: 0 },
    float: 0, cash: { in: 0, out: 0, expected: 0 },
  };
  for (const rec of records) {
    if (t.fromSeq === 0) t.fromSeq = rec.seq;
    t.toSeq = rec.seq;
    const kind = rec.doc.kind;
    if (kind === 'sale') {
      const sale = rec.doc as unknown as CompletedSale;
      t.sales.count++;
      t.sales.gross += sale.total;
      t.voids.lines += sale.voidedLines;
      t.rounding += sale.rounding;
      for (const x of sale.tax) {
        const tt = taxTotal(tax, x.rate);
        tt.gross += x.gross;
        tt.tax += x.tax;
      }
      for (const { t: tender, amount } of saleTenders(sale)) {
        tenderTotal(tenders, tender).sales += amount;
        if (tender.kind === 'cash') t.cash.in += amount;
        if (tender.authorisation !== undefined) t.loyalty.plusRedeemed += amount;
      }
    } else if (kind === 'refund') {
      const refund = rec.doc as unknown as CompletedRefund;
      t.refunds.count++;
      t.refunds.total += refund.total;
      t.rounding += refund.rounding;
      for (const x of refund.tax) {
        const tt = taxTotal(tax, x.rate);
        tt.gross -= x.gross;
        tt.tax -= x.tax;
      }
      for (const tender of refund.tenders) {
        tenderTotal(tenders, tender).refunds += tender.amount;
        if (tender.kind === 'cash') t.cash.out += tender.amount;
      }
    } else if (kind === 'void') {
      const reason = (rec.doc as { reason?: unknown }).reason;
      if (reason === 'abandoned' || reason === 'voided') t.voids.abandoned++;
    } else if (kind === 'cashup' && (rec.doc as unknown as FloatDoc).type === 'float') {
      t.float = (rec.doc as unknown as FloatDoc).amount; // the last float typed replaces the ones before
    }
    for (const raw of rec.rows) {
      const r = raw as Row;
      if (typeof r !== 'object' || r === null) continue;
      if (r.kind === 'earn' || r.kind === 'reversal') t.loyalty.earned += rowAmount(r);
      else if (r.kind === 'redemption' && typeof r.debtor === 'string') t.loyalty.redeemed += rowAmount(r);
      else if (r.kind === 'lp-outbox' && r.op === 'earn') t.loyalty.plusEarnCalls++;
    }
  }
  for (const tt of tenders.values()) tt.net = tt.sales - tt.refunds;
  t.tenders = [...tenders.values()].sort((a, b) => (a.tenderCode < b.tenderCode ? -1 : a.tenderCode > b.tenderCode ? 1 : 0));
  t.tax = [...tax.values()].sort((a, b) => a.rate - b.rate);
  t.cash.expected = t.float + t.cash.in - t.cash.out;
  if (o.abandonedSales !== undefined) t.voids.abandoned = o.abandonedSales;
  return t;
}

/** Counted less expected: over when more than 0, short when less. */
export const overShortOf = (totals: CashupTotals, counted: number): number => counted - totals.cash.expected;
