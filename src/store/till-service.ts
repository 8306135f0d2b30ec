// A till session: applies engine commands to the open sale, keeps it durable as it changes, and
// commits sales and refunds to the till's journal (one write, one fsync) before the slip shows.
// The till screen and `tillpoint sell/refund` both go through here, so they record the same.
import { randomUUID } from 'node:crypto';
import { EngineError, ERR } from '../engine/errors.js';
import { indexItems } from '../engine/items.js';
import type { MoneyFormat } from '../engine/money.js';
import * as sales from '../engine/sale.js';
import { renderSlip } from '../engine/slip.js';
import type { Cents, CompanyDetails, CompletedRefund, CompletedSale, ExternalMember, Item, OpenSale, PendingAuthorisation, Tender } from '../engine/types.js';
import type { Debtor, Store, TillJournalWriter } from './index.js';
import { BACK_OFFICE_JOURNAL } from './back-office-types.js';
import { StoreError } from './errors.js';
import { docNumberOf, type JournalRecord } from './journal-format.js';
import { entriesFor } from './ledger-posting.js';
import { TillLoyalty } from './till-loyalty.js';
import { refundableLines, saleForRefund } from './till-lookups.js';
import { tillRefund } from './till-refunds.js';
import { writeSlipFiles, slipFilePaths } from './till-service-slips.js';
import type { RefundableLine, RefundRequestLine, TillExternalApi, TillHooks, TillServiceOptions, TillSessionApi, TillState } from './till-types.js';
import { recordVoid, reopenedSale, type VoidRequest } from './till-voids.js';
import { TillExternal } from './till-external.js';
import { assertMay } from './operators/guard.js';
import { auditAbandon, auditRefund, auditVoidLine, warnOnThrow, type TillAuditContext } from './till-audit.js';

export class TillService implements TillSessionApi, TillExternalApi {
  readonly till: string;
  operator: string;
  private readonly writer: TillJournalWriter;
  private state: TillState;
  private readonly listeners = new Set<() => void>();
  private catalog: { doc: unknown; index: ReturnType<typeof indexItems> } | null = null;
  /** Contract prices, loyalty preview, tender gates and loyalty rows of the attached debtor. */
  private readonly loyalty: TillLoyalty;
  private hooks: TillHooks = {};
  private readonly external: TillExternal;

  private constructor(
    private readonly store: Store,
    private readonly opts: TillServiceOptions,
  ) {
    this.till = opts.till;
    this.operator = opts.operator;
    this.writer = store.claimTill(opts.till);
    this.loyalty = new TillLoyalty(store, () => this.money());
    this.external = new TillExternal({
      state: () => this.state, now: () => this.opts.now().toISOString(), newSale: () => this.newSale(),
      setSale: (sale, extra) => this.setSale(sale, extra), tender: (code) => this.tender(code),
      rounding: () => this.rounding(), money: () => this.money(), complete: (sale) => this.complete(sale), void: (v) => this.void(v) });
    this.state = { sale: null, totals: null, last: null, resumed: false, loyalty: null };
    try {
      this.reopen();
    } catch (err) {
      this.writer.release();
      throw err;
    }
  }

  static open(store: Store, opts: TillServiceOptions): TillService {
    if (opts.till === BACK_OFFICE_JOURNAL) throw new StoreError('INVALID', `till id ${BACK_OFFICE_JOURNAL} is the back office's journal: choose another till id`, { field: 'till' });
    return new TillService(store, opts);
  }

  private get durable(): boolean { return this.opts.durableOpenSale !== false; }

  /** After a crash the open sale is reopened, unless it had already reached the journal. */
  private reopen(): void {
    const { sale, last } = reopenedSale(this.store.journals, this.writer, this.till);
    if (last) this.state = { ...this.state, last };
    if (!sale) return;
    if (!this.durable) {
      throw new EngineError(ERR.OPEN_SALE_WAITING, `Till ${this.till} has an open sale waiting (reopened after a restart): finish or abandon it at the till first`);
    }
    this.state = { sale, totals: sales.saleTotals(sale, this.rounding()), last: null, resumed: true, loyalty: this.preview(sale) };
  }

  getState = (): TillState => this.state;
  setOperator = (code: string): void => void (this.operator = code);
  /** What cash-up (src/store/cashup) writes through: the float and the Z are records of this till's journal. */
  cashupDesk = () => ({ till: this.till, operator: this.operator, writer: this.writer, now: this.opts.now, saleOpen: this.state.sale !== null });
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  company = (): CompanyDetails => this.store.get('settings').company;
  tenders = (): Tender[] => this.store.get('tenders').tenders;

  private rounding() {
    return this.company().cashRounding;
  }

  private money(): MoneyFormat {
    const { currencySymbol: symbol, currencyDecimals: decimals } = this.company();
    return { symbol, decimals };
  }

  private items() {
    const doc = this.store.get('items');
    if (this.catalog?.doc !== doc) this.catalog = { doc, index: indexItems(doc.items) };
    return this.catalog.index;
  }

  lookupItem = (codeOrBarcode: string): Item | undefined => this.items().lookup(codeOrBarcode.trim());
  findItems = (query: string, limit: number): Item[] => this.items().find(query, limit);

  private readonly itemOf = (code: string): Item | undefined => this.items().lookup(code);

  private preview(sale: OpenSale | null) {
    return this.loyalty.preview(sale, this.opts.now().toISOString(), this.itemOf);
  }

  findDebtors = (query: string, limit: number): Debtor[] => this.loyalty.findDebtors(query, limit);

  /**
   * Attaches a debtor to the open sale (starting one when none is open), or detaches with null.
   * Lines already rung up are repriced: the contract price replaces the item price, and back.
   */
  attachDebtor(code: string | null): void {
    const debtor = code === null ? undefined : this.loyalty.debtor(code).code;
    if (debtor === undefined && !this.state.sale) return; // nothing to detach from
    this.loyalty.catchUp();
    const next = this.loyalty.reprice(this.state.sale ?? this.newSale(), debtor, this.itemOf);
    this.setSale(next, this.state.sale ? {} : { last: null, resumed: false });
  }

  private newSale(): OpenSale {
    return sales.newSale({ id: randomUUID(), till: this.till, operator: this.operator, startedAt: this.opts.now().toISOString() });
  }

  /** Persists first, then shows: a sale that is on screen is on disk. */
  private setSale(sale: OpenSale | null, extra: Partial<TillState> = {}): void {
    if (this.durable) {
      if (sale) this.writer.openSale.save(sale);
      else this.writer.openSale.clear();
    }
    this.publish({ ...extra, sale });
  }

  private publish(change: Partial<TillState>): void {
    const sale = change.sale === undefined ? this.state.sale : change.sale;
    this.state = { ...this.state, ...change, sale, totals: sale ? sales.saleTotals(sale, this.rounding()) : null, loyalty: this.preview(sale) };
    for (const listener of this.listeners) listener();
  }

  private requireSale = (): OpenSale => sales.requireSale(this.state.sale);

  scan(codeOrBarcode: string, qty = 1): void {
    const code = codeOrBarcode.trim();
    const item = this.lookupItem(code);
    if (!item) throw new EngineError(ERR.UNKNOWN_ITEM, `No item with code or barcode "${code}"`);
    const current = this.state.sale ?? this.newSale();
    this.setSale(sales.addItem(current, this.loyalty.priced(item, current.debtor), qty), this.state.sale ? {} : { last: null, resumed: false });
  }

  changeQty = (lineId: number, qty: number): void => this.setSale(sales.changeQty(this.requireSale(), lineId, qty, this.money()));
  voidLine(lineId: number, approvedBy?: string): void {
    assertMay(this.store, 'void-line', approvedBy);
    const open = this.requireSale();
    this.setSale(sales.voidLine(open, lineId));
    auditVoidLine(this.auditContext(), open, lineId, approvedBy);
  }

  private auditContext(): TillAuditContext {
    return { store: this.store, till: this.till, operator: this.operator, at: this.opts.now().toISOString(), money: this.money() };
  }

  setDiscount = (lineId: number, discount: number): void => this.setSale(sales.setDiscount(this.requireSale(), lineId, discount, this.money()));
  private tender = (codeOrKind: string): Tender => sales.resolveTender(this.tenders(), codeOrKind);

  addTender(tenderCode: string, amount?: number): CompletedSale | null {
    const tender = this.tender(tenderCode);
    const open = this.requireSale();
    const { total } = sales.saleTotals(open, this.rounding());
    // Gated before the engine takes it; the engine then refuses amounts over the balance as usual.
    this.loyalty.checkTender(open, tender, amount ?? sales.balanceDue(open), total, this.opts.now().toISOString());
    const sale = sales.addTender(open, tender, amount, this.rounding(), this.money());
    if (!sales.saleTotals(sale, this.rounding()).settled) {
      this.setSale(sale);
      return null;
    }
    return this.complete(sale);
  }

  private complete(sale: OpenSale): CompletedSale {
    if (this.state.last?.kind === 'sale' && this.state.last.saleId === sale.id) {
      throw new EngineError(ERR.ALREADY_SETTLED, `This sale was already recorded as ${this.state.last.saleNumber}`);
    }
    const plain = sales.completeSale(sale, { saleNumber: this.writer.documentNumber(), completedAt: this.opts.now().toISOString(), cashRounding: this.rounding(), money: this.money() });
    // Loyalty rows go in the sale's own record: one write, one fsync (SPEC section 6).
    const own = this.loyalty.forSale(plain, sale, this.itemOf);
    const ext = this.hooks.forSale?.(own.doc, sale) ?? { doc: own.doc, rows: [] };
    const completed = ext.doc;
    const rows = [...own.rows, ...ext.rows];
    this.recorded(this.writer.append({ kind: 'sale', operator: this.operator, at: completed.completedAt, doc: completed, rows, entries: this.entries(completed, rows) }));
    // From here on the sale is recorded: nothing below may make the till offer it again.
    this.writeSlips(completed);
    // A leftover open sale is recognised as recorded at the next start (its id is in the journal).
    if (this.durable) warnOnThrow(() => this.writer.openSale.clear(), (m) => this.store.warn(`${completed.saleNumber} is recorded, but open/${this.till}.json could not be removed: ${m}`));
    this.publish({ sale: null, last: completed, resumed: false });
    return completed;
  }

  /** Slips can be rebuilt from the journal, so a failure here warns instead of failing the sale. */
  private writeSlips(doc: CompletedSale | CompletedRefund, replace = false): void {
    warnOnThrow(() => writeSlipFiles(this.store.dir, doc, this.company(), (width) => this.slipText(doc, width), { replace }),
      (m) => this.store.warn(`slip files for ${docNumberOf(doc)} could not be written: ${m}`));
  }

  /** The ledger entries go in the same record as the document (SPEC section 6: one write). */
  private entries(doc: CompletedSale | CompletedRefund, rows: readonly unknown[]) {
    return entriesFor(doc, rows, { settings: this.store.get('settings'), tenders: this.store.get('tenders') });
  }

  private recorded(rec: JournalRecord): void {
    this.loyalty.recorded(rec);
    this.hooks.recorded?.(rec);
  }

  removeTender(index: number): void {
    const open = this.requireSale();
    const next = sales.removeTender(open, index);
    this.void({ sale: open, reason: 'tender-removed', tenders: [open.tenders[index]!], pending: [] });
    this.setSale(next);
  }

  abandon(): void {
    const open = this.requireSale();
    const reason = this.state.resumed ? 'voided' : 'abandoned';
    this.void({ sale: open, reason, tenders: open.tenders, pending: open.authorising ?? [] });
    this.setSale(null, { resumed: false });
    auditAbandon(this.auditContext(), open, reason, this.rounding());
  }

  private void(v: VoidRequest): void {
    const rec = recordVoid(this.writer, this.hooks, this.operator, this.opts.now().toISOString(), v);
    if (rec) this.recorded(rec);
  }

  setHooks(hooks: TillHooks): void {
    this.hooks = hooks;
    this.external.resolveUnanswered();
  }

  // The external provider's side of the sale: till-external.ts.
  setMember = (member: ExternalMember | null): void => this.external.setMember(member);
  noteAuthorising = (p: Omit<PendingAuthorisation, 'requestedAt'>): PendingAuthorisation => this.external.noteAuthorising(p);
  authorised = (key: string, authorisation: string, amount: Cents): CompletedSale | null => this.external.authorised(key, authorisation, amount);
  dropAuthorising = (key: string, outcome: 'refused' | 'unanswered'): void => this.external.dropAuthorising(key, outcome);

  refundable(saleNumber: string): { sale: CompletedSale; lines: RefundableLine[] } {
    this.loyalty.catchUp();
    const { sale, prior } = saleForRefund(this.store.journals, saleNumber);
    return { sale, lines: refundableLines(sale, prior) };
  }

  private buildRefund(saleNumber: string, lines: RefundRequestLine[] | 'all', tenderCode?: string): { doc: CompletedRefund; rows: unknown[] } {
    return tillRefund({ journals: this.store.journals, loyalty: this.loyalty, hooks: this.hooks, tender: this.tender(tenderCode ?? 'cash'),
      number: this.writer.documentNumber(), till: this.till, operator: this.operator, at: this.opts.now().toISOString(), cashRounding: this.rounding() },
    saleNumber, lines);
  }

  /** The refund exactly as `refund` would record it now (payout and rounding included); nothing is written. */
  previewRefund(saleNumber: string, lines: RefundRequestLine[] | 'all', tenderCode?: string): CompletedRefund {
    return this.buildRefund(saleNumber, lines, tenderCode).doc;
  }

  /** Under the store lock, after catching up every till's journal: two tills cannot both return the last unit. */
  refund(saleNumber: string, lines: RefundRequestLine[] | 'all', tenderCode?: string, approvedBy?: string): CompletedRefund {
    assertMay(this.store, 'refund', approvedBy);
    const refund = this.store.withStoreLockSync(() => {
      const { doc, rows } = this.buildRefund(saleNumber, lines, tenderCode);
      this.recorded(this.writer.append({ kind: 'refund', operator: this.operator, ...(approvedBy ? { approvedBy } : {}), at: doc.completedAt, doc, rows, entries: this.entries(doc, rows) }));
      return doc;
    });
    this.writeSlips(refund);
    this.publish({ last: refund });
    auditRefund(this.auditContext(), refund, approvedBy);
    return refund;
  }

  slipText(doc: CompletedSale | CompletedRefund, width: 40 | 80): string {
    const answer = this.hooks.slipAnswer?.(doc);
    return renderSlip(doc, this.company(), width, answer ? { loyaltyAnswer: answer } : {});
  }

  rewriteSlips(doc: CompletedSale | CompletedRefund): void {
    this.writeSlips(doc, true);
    if (this.state.last === doc) this.publish({});
  }

  slipPaths(doc: CompletedSale | CompletedRefund): { w40: string; w80: string } {
    return slipFilePaths(this.store.dir, doc, this.company());
  }

  close(): void {
    this.writer.release();
    this.loyalty.saveBooks(); // the next open, or the night's accrual, then reads only what follows
  }
}
