// Invariants of the ledger over sales built by the engine's own commands (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEntry, type Posting } from '../../../src/engine/ledger/entry.js';
import { LEDGER_ERR } from '../../../src/engine/ledger/errors.js';
import { filterJournal } from '../../../src/engine/ledger/journal-filter.js';
import { postRefund } from '../../../src/engine/ledger/post-refund.js';
import { postSale } from '../../../src/engine/ledger/post-sale.js';
import {
  addEntry, balancesOf, emptyBalances, mergeBalances, trialBalance, trialBalanceOf,
} from '../../../src/engine/ledger/trial-balance.js';
import type { LedgerEntry } from '../../../src/engine/ledger/types.js';
import { buildRefund, type RefundRequestItem } from '../../../src/engine/refund.js';
import {
  addItem, addTender, balanceDue, cashDue, completeSale, newSale, saleTotals, setDiscount, voidLine,
} from '../../../src/engine/sale.js';
import type { CashRounding, CompletedRefund, CompletedSale, Item, OpenSale, Tender } from '../../../src/engine/types.js';
import { A, ACC, CARD, CASH, CHART, CTX, LOY, expectLedgerError, netByAccount, sums } from './helpers.js';

interface LineSpec { price: number; taxRate: number; qty: number; discountShare: number; voided: boolean }
interface SplitSpec { tender: Tender; share: number }

const lineArb: fc.Arbitrary<LineSpec> = fc.record({
  price: fc.integer({ min: 0, max: 500_000 }),
  taxRate: fc.constantFrom(0, 250, 1400, 1500),
  qty: fc.integer({ min: 1, max: 20 }),
  discountShare: fc.constantFrom(0, 0, 0, 5, 33, 100),
  voided: fc.boolean(),
});
const linesArb = fc.array(lineArb, { minLength: 1, maxLength: 8 })
  .filter((ls) => ls.some((l) => !l.voided));
const stepArb = fc.constantFrom<CashRounding>(0, 5, 10);
const splitsArb = fc.array(fc.record({ tender: fc.constantFrom(CASH, CARD, ACC, LOY), share: fc.integer({ min: 1, max: 100 }) }),
  { maxLength: 4 });
const extraCashArb = fc.constantFrom(0, 0, 1, 3, 50, 10_000);

/** -n without -0 (toBe compares with Object.is). */
const neg = (n: number): number => (n === 0 ? 0 : -n);

const TENDER_ACCOUNTS = new Set<string>([A.cash, A.card, A.debtors, A.loyaltyAccrued]);

let saleSeq = 0;
function ring(lines: LineSpec[]): OpenSale {
  let sale = newSale({ id: 'p', till: 'T1', operator: 'op', startedAt: '2026-04-01T07:00:00Z' });
  lines.forEach((l, i) => {
    const item: Item = { code: `I${i}`, barcode: '', description: `Item ${i}`, price: l.price, taxRate: l.taxRate };
    sale = addItem(sale, item, l.qty);
    const id = sale.nextLineId - 1;
    sale = setDiscount(sale, id, Math.floor((l.qty * l.price * l.discountShare) / 100));
    if (l.voided) sale = voidLine(sale, id);
  });
  return sale;
}

/** Takes the splits in turn (a share of what each may still take), then cash for the rest (+ extra: change). */
function settle(sale: OpenSale, splits: SplitSpec[], step: CashRounding, extraCash: number): OpenSale {
  let s = sale;
  for (const { tender, share } of splits) {
    if (saleTotals(s, step).settled) break;
    const cap = tender.kind === 'cash' ? cashDue(s, step) : balanceDue(s);
    const amount = Math.ceil((cap * share) / 100);
    if (amount > 0) s = addTender(s, tender, amount, step);
  }
  if (!saleTotals(s, step).settled) s = addTender(s, CASH, cashDue(s, step) + extraCash, step);
  return s;
}

function complete(sale: OpenSale, step: CashRounding): CompletedSale {
  saleSeq += 1;
  return completeSale(sale, { saleNumber: `T1-${String(saleSeq).padStart(6, '0')}`, completedAt: '2026-04-01T08:00:00Z', cashRounding: step });
}

function refundOf(sale: CompletedSale, request: RefundRequestItem[] | 'all', tender: Tender, step: CashRounding,
  prior: CompletedRefund[] = []): CompletedRefund {
  return buildRefund({ sale, priorRefunds: prior, request, refundNumber: `R-${sale.saleNumber}-${prior.length}`,
    till: 'T1', operator: 'op', completedAt: '2026-04-02T08:00:00Z', tender, cashRounding: step });
}

const saleArb = fc.tuple(linesArb, splitsArb, stepArb, extraCashArb).map(([lines, splits, step, extra]) => {
  const sale = complete(settle(ring(lines), splits, step, extra), step);
  return { sale, step };
});

describe('ledger properties', () => {
  it('postSale balances to the cent and puts every figure of the sale on its account', () => {
    fc.assert(fc.property(saleArb, ({ sale }) => {
      const entries = postSale(sale, CTX);
      const tendered = sale.tenders.reduce((s, t) => s + t.amount, 0);
      expect(entries).toHaveLength(tendered - sale.change === 0 && sale.rounding === 0 ? 0 : 1);
      for (const e of entries) {
        const s = sums(e);
        expect(s.debit).toBe(s.credit);
        for (const l of e.lines) expect((l.debit > 0) !== (l.credit > 0)).toBe(true);
      }
      const net = netByAccount(entries);
      const onTenders = [...net].filter(([acc]) => TENDER_ACCOUNTS.has(acc)).reduce((s, [, v]) => s + v, 0);
      expect(onTenders).toBe(tendered - sale.change);
      expect(net.get(A.sales) ?? 0).toBe(neg(sale.total - sale.taxTotal));
      expect(net.get(A.vat) ?? 0).toBe(neg(sale.taxTotal));
      expect(net.get(A.rounding) ?? 0).toBe(neg(sale.rounding));
      const vatLines = entries.flatMap((e) => e.lines.filter((l) => l.account === A.vat).map((l) => l.credit));
      expect(vatLines).toEqual(sale.tax.filter((t) => t.tax !== 0).map((t) => t.tax));
      expect(trialBalance(entries, CHART).balanced).toBe(true);
    }));
  });

  it('a sale paid on one tender, then refunded in full to it, nets every account to zero', () => {
    fc.assert(fc.property(linesArb, fc.constantFrom(CASH, CARD, ACC, LOY), stepArb, extraCashArb, (lines, tender, step, extra) => {
      const open = ring(lines);
      const paid = saleTotals(open, step).settled ? open
        : addTender(open, tender, tender.kind === 'cash' ? cashDue(open, step) + extra : undefined, step);
      const sale = complete(paid, step);
      const entries = [...postSale(sale, CTX), ...postRefund(refundOf(sale, 'all', tender, step), CTX)];
      expect(netByAccount(entries)).toEqual(new Map());
    }));
  });

  it('any split sale refunded in full to cash: sales and VAT net to zero and the books balance', () => {
    fc.assert(fc.property(saleArb, ({ sale, step }) => {
      const entries = [...postSale(sale, CTX), ...postRefund(refundOf(sale, 'all', CASH, step), CTX)];
      const net = netByAccount(entries);
      expect(net.get(A.sales)).toBeUndefined();
      expect(net.get(A.vat)).toBeUndefined();
      const tb = trialBalance(entries, CHART);
      expect(tb.totals.debit).toBe(tb.totals.credit);
      expect(tb.rows.reduce((s, r) => s + r.balance, 0)).toBe(0);
    }));
  });

  it('a card sale returned unit by unit over several refunds nets the card, and sales + VAT together, to zero', () => {
    fc.assert(fc.property(linesArb, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (lines, picks) => {
      const open = ring(lines);
      const sale = complete(saleTotals(open, 0).settled ? open : addTender(open, CARD, undefined, 0), 0);
      const refunds: CompletedRefund[] = [];
      const left = (): RefundRequestItem[] => sale.lines.map((l) => ({ lineNo: l.lineNo,
        qty: l.qty - refunds.flatMap((r) => r.lines).filter((x) => x.lineNo === l.lineNo).reduce((s, x) => s + x.qty, 0) }))
        .filter((x) => x.qty > 0);
      for (const pick of picks) {
        const open = left();
        if (open.length === 0) break;
        const line = open[pick % open.length] as RefundRequestItem;
        refunds.push(refundOf(sale, [{ lineNo: line.lineNo, qty: 1 + (pick % line.qty) }], CARD, 0, refunds));
      }
      if (left().length > 0) refunds.push(refundOf(sale, 'all', CARD, 0, refunds));
      const entries = [...postSale(sale, CTX), ...refunds.flatMap((r) => postRefund(r, CTX))];
      const net = netByAccount(entries);
      expect(net.get(A.card)).toBeUndefined();
      // VAT is rounded per refund, so it may move a cent between sales and VAT, never out of them.
      expect((net.get(A.sales) ?? 0) + (net.get(A.vat) ?? 0)).toBe(0);
      expect(trialBalance(entries, CHART).balanced).toBe(true);
    }));
  });

  // Hand-made entries too, on codes in and out of the chart, so the accumulator is not only fed sales.
  const codeArb = fc.constantFrom(A.cash, A.card, A.sales, A.vat, A.rounding, '9999.000.000.00', 'X');
  const manualArb = fc.tuple(fc.array(fc.record({ account: codeArb, amount: fc.integer({ min: -1_000_000, max: 1_000_000 }) }),
    { minLength: 1, maxLength: 5 }), codeArb, fc.integer({ min: 0, max: 1e6 }))
    .map(([postings, balancing, n]): LedgerEntry | null => {
      const rest = -postings.reduce((s, p) => s + p.amount, 0);
      return buildEntry({ source: `M${n}`, kind: 'loyalty-adjustment', at: '2026-04-03T00:00:00Z' },
        [...postings, { account: balancing, amount: rest }]);
    });
  const journalArb = fc.array(fc.oneof(saleArb.map(({ sale }) => postSale(sale, CTX)[0] ?? null), manualArb), { maxLength: 25 })
    .map((es) => es.filter((e): e is LedgerEntry => e !== null));

  it('running totals over any split and merge of the journal equal the one-shot Trial Balance', () => {
    fc.assert(fc.property(journalArb, fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (journal, cuts, reverseMerge) => {
      const at = [...new Set(cuts.map((c) => c % (journal.length + 1)))].sort((a, b) => a - b);
      const chunks = [0, ...at].map((start, i) => journal.slice(start, [...at, journal.length][i]));
      const parts = chunks.map((c) => balancesOf(c));
      const ordered = reverseMerge ? [...parts].reverse() : parts;
      const merged = ordered.reduce((acc, b) => mergeBalances(acc, b), emptyBalances());
      const folded = journal.reduce((acc, e) => addEntry(acc, e), emptyBalances());
      const oneShot = trialBalance(journal, CHART);
      expect(trialBalanceOf(merged, CHART)).toEqual(oneShot);
      expect(trialBalanceOf(folded, CHART)).toEqual(oneShot);
      expect(merged.entries).toBe(journal.length);
      expect(oneShot.totals.debit).toBe(oneShot.totals.credit);
      expect(oneShot.balanced).toBe(true);
    }));
  });

  it('buildEntry refuses postings that do not net to zero', () => {
    fc.assert(fc.property(fc.array(fc.record({ account: codeArb, amount: fc.integer({ min: -1e6, max: 1e6 }) }), { minLength: 1, maxLength: 5 }),
      (postings: Posting[]) => {
        fc.pre(postings.reduce((s, p) => s + p.amount, 0) !== 0);
        expectLedgerError(() => buildEntry({ source: 'S', kind: 'sale', at: '2026-04-01T00:00:00Z' }, postings), LEDGER_ERR.UNBALANCED);
      }));
  });

  it('journal filters: consecutive date ranges split the journal exactly; an account filter keeps that account\'s totals', () => {
    const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) });
    fc.assert(fc.property(journalArb, fc.array(instant, { maxLength: 25 }), fc.tuple(instant, instant, instant), codeArb,
      (journal, times, bounds, account) => {
        const dated = journal.map((e, i) => ({ ...e, at: new Date(times[i] ?? Date.UTC(2026, 5, 1)).toISOString() }));
        const [a, b, c] = [...bounds].sort((x, y) => x - y).map((ms) => new Date(ms).toISOString()) as [string, string, string];
        const whole = filterJournal(dated, { from: a, to: c });
        const split = [...filterJournal(dated, { from: a, to: b }), ...filterJournal(dated, { from: b, to: c })];
        expect(new Set(split)).toEqual(new Set(whole));
        expect(split).toHaveLength(whole.length);
        const rowOf = (es: LedgerEntry[]) => trialBalance(es, CHART).rows.find((r) => r.account === account);
        expect(rowOf(filterJournal(dated, { account }))).toEqual(rowOf(dated));
      }));
  });
});
