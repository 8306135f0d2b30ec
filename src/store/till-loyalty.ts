// The debtor side of a till session: contract prices, the loyalty preview, the gates for the
// account and loyalty tenders, and the loyalty rows a sale or refund carries in its own journal
// record (SPEC sections 3, 4 and 6). TillService keeps the sale; this module keeps the rules.
import { EngineError, ERR } from '../engine/errors.js';
import { deepFreeze } from '../engine/freeze.js';
import { formatMoney, type MoneyFormat } from '../engine/money.js';
import {
  checkRedemption, earnForSale, earningBasis, earnRow, redemptionRow, reversalRow, reverseForRefund,
} from '../engine/loyalty/index.js';
import type { Contract, EarnLine, LoyaltyRow, RowContext, SaleEarning } from '../engine/loyalty/index.js';
import { activeLines, lineValue } from '../engine/sale.js';
import type { BasisPoints, Cents, CompletedRefund, CompletedSale, Item, OpenSale, Tender } from '../engine/types.js';
import type { Debtor } from './documents-types.js';
import type { JournalRecord } from './journal-format.js';
import { LoyaltyBook } from './loyalty-book.js';
import { saveBook, SAVE_AFTER } from './books-snapshot.js';
import type { Store } from './store.js';
import { findDebtor } from './debtor-index.js';

/** What the till shows while a debtor is attached. */
export interface LoyaltyPreview {
  debtor: string;
  name: string;
  /** The tier rate that applies to this sale (basis points; 0 when the debtor cannot earn now). */
  rate: BasisPoints;
  /** The credit this sale earns as it stands (after any loyalty tender taken). */
  earned: Cents;
  /** Loyalties Available now. */
  available: Cents;
  /** The debtor's sales in the current period before this sale. */
  periodSales: Cents;
}

const sumOf = (sale: OpenSale, kind: Tender['kind']): Cents =>
  sale.tenders.filter((t) => t.kind === kind).reduce((n, t) => n + t.amount, 0);

export class TillLoyalty {
  constructor(private readonly store: Store, private readonly money: () => MoneyFormat) {}

  /** Built on first use: a till that never attaches a debtor never scans the journals. */
  get book(): LoyaltyBook {
    return LoyaltyBook.of(this.store);
  }

  /** Polls every journal; feeds the book when it exists (if not, its scan will see the records). */
  catchUp(): void {
    const book = LoyaltyBook.existing(this.store);
    if (book) book.catchUp();
    else this.store.journals.poll();
  }

  /** Saves the books' snapshot when this process built them and has read many records since. */
  saveBooks(): void {
    const book = LoyaltyBook.existing(this.store);
    if (book && book.fedSinceSnapshot >= SAVE_AFTER) saveBook(this.store, book);
  }

  /** Our own record counts at once; poll is told it need not read it back. */
  recorded(rec: JournalRecord): void {
    this.store.journals.noteOwn(rec);
    LoyaltyBook.existing(this.store)?.add(rec);
  }

  debtor(code: string): Debtor {
    const wanted = code.trim().toUpperCase();
    const d = findDebtor(this.store, wanted);
    if (!d) throw new EngineError(ERR.UNKNOWN_DEBTOR, `No debtor with code "${code.trim()}"`);
    return d;
  }

  /** Debtors whose code, name or cellphone contains every word of the query (case-insensitive). */
  findDebtors(query: string, limit: number): Debtor[] {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    // A cellphone may be typed the local way (082...) while stored with its country code (+2782...).
    const digits = query.replace(/\D/g, '').replace(/^0+/, '');
    const out: Debtor[] = [];
    for (const d of this.store.get('debtors').debtors) {
      if (out.length >= limit) break;
      const hay = `${d.code} ${d.name} ${d.cellphone}`.toLowerCase();
      const byPhone = digits.length >= 3 && d.cellphone.replace(/\D/g, '').includes(digits);
      if (byPhone || words.every((w) => hay.includes(w))) out.push(d);
    }
    return out;
  }

  contract(debtor: string | undefined, item: string): Contract | undefined {
    if (!debtor) return undefined;
    return this.store.get('contracts').contracts.find((c) => c.debtor === debtor && c.item === item);
  }

  /** The item as the till sells it to `debtor`: the contract price replaces the item price. */
  priced(item: Item, debtor: string | undefined): Item {
    const c = this.contract(debtor, item.code);
    return c ? { ...item, price: c.price } : item;
  }

  /** Every active line repriced for `debtor` (its contract price, or back to the item price). */
  reprice(sale: OpenSale, debtor: string | undefined, itemOf: (code: string) => Item | undefined): OpenSale {
    // A card already charged must not end up charged for a different total.
    if (sale.tenders.length > 0) throw new EngineError(ERR.LINES_LOCKED, 'Remove the tenders first to change the debtor');
    const lines = sale.lines.map((l) => {
      if (l.voided) return l;
      const item = itemOf(l.itemCode);
      if (!item) return l;
      const unitPrice = this.priced(item, debtor).price;
      if (l.discount > l.qty * unitPrice) {
        throw new EngineError(ERR.BAD_DISCOUNT, `${l.description}: its discount is more than the new price: lower it first`);
      }
      return { ...l, unitPrice };
    });
    const next: OpenSale = { ...sale, lines, debtor };
    if (debtor === undefined) delete next.debtor;
    return next;
  }

  private earnLines(sale: OpenSale, itemOf: (code: string) => Item | undefined): EarnLine[] {
    // Numbered as completeSale numbers the slip (voided lines skipped), so refunds match.
    return activeLines(sale).map((l, i) => {
      const c = this.contract(sale.debtor, l.itemCode);
      return { lineNo: i + 1, itemCode: l.itemCode, qty: l.qty, value: lineValue(l),
        item: itemOf(l.itemCode)?.loyalty ?? { loyaltyApplicable: false },
        contract: c ? { excludeFromRebates: c.excludeFromRebates } : null };
    });
  }

  earning(sale: OpenSale, at: string, itemOf: (code: string) => Item | undefined): SaleEarning {
    const d = this.debtor(sale.debtor ?? '');
    return earnForSale({
      loyalty: d.loyalty, periodSalesBefore: this.book.periodSalesBefore(d.code, at),
      lines: this.earnLines(sale, itemOf), at, loyaltyPaid: sumOf(sale, 'loyalty'),
    });
  }

  /** Never throws: a preview must not stop the till (say the debtor was deleted in the back office). */
  preview(sale: OpenSale | null, at: string, itemOf: (code: string) => Item | undefined): LoyaltyPreview | null {
    if (!sale?.debtor) return null;
    try {
      this.catchUp();
      const d = this.debtor(sale.debtor);
      const e = this.builtIn() ? this.earning(sale, at, itemOf) : { rate: 0, earned: 0 };
      return { debtor: d.code, name: d.name, rate: e.rate, earned: e.earned, available: this.book.available(d.code),
        periodSales: this.book.periodSalesBefore(d.code, at) };
    } catch (err) {
      this.store.warn(`loyalty preview for debtor ${sale.debtor}: ${(err as Error).message}`);
      return null;
    }
  }

  /** Refuses the account or loyalty tender with the reason; other tenders pass. */
  checkTender(sale: OpenSale, tender: Tender, amount: Cents, total: Cents, at: string): void {
    if (tender.useLoyaltyPlus) {
      throw new EngineError(ERR.TENDER_REFUSED, `${tender.name} (${tender.code}) is taken only with Loyalty Plus's authorisation: at the till, with the member's card attached and the service online`);
    }
    if (tender.kind !== 'account' && tender.kind !== 'loyalty') return;
    if (!sale.debtor) {
      const who = tender.kind === 'account' ? 'a debtor account' : 'a loyalty member';
      throw new EngineError(ERR.UNKNOWN_TENDER, `${tender.name} (${tender.code}) needs ${who} attached to the sale: attach a debtor first`);
    }
    this.catchUp();
    const d = this.debtor(sale.debtor);
    const m = (c: Cents) => formatMoney(c, this.money());
    if (tender.kind === 'account') {
      if (d.account.onHold) throw new EngineError(ERR.TENDER_REFUSED, `Account refused: ${d.code} ${d.name} is on hold`);
      const balance = this.book.accountBalance(d.code) + sumOf(sale, 'account');
      if (balance + amount > d.account.creditLimit) {
        throw new EngineError(ERR.TENDER_REFUSED, `Account refused: ${m(amount)} would take ${d.code} past the credit limit ` +
          `${m(d.account.creditLimit)} (balance ${m(balance)})`);
      }
      return;
    }
    if (!this.builtIn()) {
      throw new EngineError(ERR.UNKNOWN_TENDER, `${tender.name} (${tender.code}) is not a built-in loyalty tender`);
    }
    const check = checkRedemption({
      loyalty: d.loyalty, periodSalesBefore: this.book.periodSalesBefore(d.code, at), saleTotal: total,
      available: this.book.available(d.code) - sumOf(sale, 'loyalty'), amount, money: this.money(),
    });
    if (!check.allowed) throw new EngineError(ERR.TENDER_REFUSED, `Loyalty refused: ${check.reason}`);
  }

  private builtIn(): boolean {
    return this.store.get('settings').defaults2.loyaltyProvider === 'built-in';
  }

  private ctx(d: Debtor, at: string, source: string): RowContext {
    return { debtor: d.code, applicable: d.loyalty.applicable, calendar: this.book.calendar(), at, source };
  }

  /** The sale with its debtor and loyalty fields, and the rows of its journal record. */
  forSale(completed: CompletedSale, open: OpenSale, itemOf: (code: string) => Item | undefined): { doc: CompletedSale; rows: LoyaltyRow[] } {
    if (!open.debtor) return { doc: completed, rows: [] };
    this.catchUp();
    const d = this.debtor(open.debtor);
    const at = completed.completedAt;
    const rows: LoyaltyRow[] = [];
    const paid = sumOf(open, 'loyalty');
    if (paid > 0) rows.push(redemptionRow(this.ctx(d, at, completed.saleNumber), paid));
    // Another provider (Loyalty Plus) keeps the debtor's contract prices and account, not the earning.
    if (!this.builtIn()) return { doc: deepFreeze({ ...completed, debtor: d.code, debtorName: d.name }), rows };
    const e = this.earning(open, at, itemOf);
    const earn = earnRow(this.ctx(d, at, completed.saleNumber), e.earned);
    if (earn) rows.push(earn);
    // Earned credits count only once accrued, so what is left to use now is Available less the redemption.
    const available = this.book.available(d.code) - paid;
    const doc = { ...completed, debtor: d.code, debtorName: d.name, loyalty: { rate: e.rate, earned: e.earned, basis: earningBasis(e), available } };
    return { doc: deepFreeze(doc), rows };
  }

  /** The refund with its debtor and what it takes back, and its reversal row (SPEC section 3). */
  forRefund(refund: CompletedRefund, sale: CompletedSale, prior: readonly CompletedRefund[]): { doc: CompletedRefund; rows: LoyaltyRow[] } {
    if (!sale.debtor) return { doc: refund, rows: [] };
    const earned = sale.loyalty;
    if (!earned || earned.earned === 0) return { doc: deepFreeze({ ...refund, debtor: sale.debtor }), rows: [] };
    const before = prior.filter((r) => r.saleNumber === sale.saleNumber).flatMap((r) => r.lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty })));
    const { reversed } = reverseForRefund({ earning: earned.basis, before, returning: refund.lines.map((l) => ({ lineNo: l.lineNo, qty: l.qty })) });
    const d = findDebtor(this.store, sale.debtor);
    const ctx: RowContext = { debtor: sale.debtor, applicable: d?.loyalty.applicable ?? 'no', calendar: this.book.calendar(),
      at: refund.completedAt, source: refund.refundNumber };
    const row = reversalRow(ctx, reversed);
    return { doc: deepFreeze({ ...refund, debtor: sale.debtor, loyalty: { reversed } }), rows: row ? [row] : [] };
  }
}
