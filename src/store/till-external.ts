// The external loyalty provider's side of a sale in progress (Loyalty Plus): its member on the
// sale, and redemption authorisations saved with the open sale before they are asked for. An
// authorisation whose answer never came (a timeout, a crash) is not guessed at: a void record
// says it must be reversed by its key, and the provider's idempotency makes that exact.
import { EngineError, ERR } from '../engine/errors.js';
import * as sales from '../engine/sale.js';
import type { CashRounding, Cents, CompletedSale, ExternalMember, OpenSale, PendingAuthorisation, Tender } from '../engine/types.js';
import type { MoneyFormat } from '../engine/money.js';
import type { TillState } from './till-types.js';
import { applyVoid, type VoidRequest } from './till-voids.js';

/** What TillService lends this module of itself. */
export interface TillCore {
  state(): TillState;
  now(): string;
  newSale(): OpenSale;
  setSale(sale: OpenSale | null, extra?: Partial<TillState>): void;
  tender(code: string): Tender;
  rounding(): CashRounding;
  money(): MoneyFormat;
  complete(sale: OpenSale): CompletedSale;
  void(v: VoidRequest): void;
}

export class TillExternal {
  constructor(private readonly c: TillCore) {}

  private requireSale(): OpenSale {
    return sales.requireSale(this.c.state().sale);
  }

  /** Asked for before a crash and never answered: whether they happened is unknown, so they are reversed by key. */
  resolveUnanswered(): void {
    const open = this.c.state().sale;
    if (open?.authorising?.length) this.dropPending(open, open.authorising);
  }

  setMember(member: ExternalMember | null): void {
    const current = this.c.state().sale;
    if (member === null && !current) return;
    const open = current ?? this.c.newSale();
    // The authorisation was for this member's points.
    if (open.tenders.some((t) => t.authorisation !== undefined)) throw new EngineError(ERR.LINES_LOCKED, 'Remove the loyalty tender first to change the member');
    const next: OpenSale = { ...open };
    if (member) next.member = { ...member };
    else delete next.member;
    this.c.setSale(next, current ? {} : { last: null, resumed: false });
  }

  noteAuthorising(p: Omit<PendingAuthorisation, 'requestedAt'>): PendingAuthorisation {
    const open = this.requireSale();
    const tender = this.c.tender(p.tenderCode);
    const due = sales.balanceDue(open);
    if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw new EngineError(ERR.BAD_AMOUNT, 'The loyalty tender needs an amount above zero');
    if (p.amount > due) throw new EngineError(ERR.TENDER_REFUSED, 'The loyalty tender is more than the balance due');
    if (!tender.useLoyaltyPlus) throw new EngineError(ERR.UNKNOWN_TENDER, `${tender.name} (${tender.code}) is not the Loyalty Plus tender`);
    if (!open.member?.account) throw new EngineError(ERR.TENDER_REFUSED, `${tender.name} needs a Loyalty Plus member looked up online: attach the card first (F7)`);
    if (p.account !== open.member.account) throw new EngineError(ERR.TENDER_REFUSED, 'The authorisation is for another member than the one attached');
    const pending: PendingAuthorisation = { ...p, requestedAt: this.c.now() };
    this.c.setSale({ ...open, authorising: [...(open.authorising ?? []), pending] });
    return pending;
  }

  authorised(key: string, authorisation: string, amount: Cents): CompletedSale | null {
    const open = this.requireSale();
    const p = open.authorising?.find((a) => a.key === key);
    if (!p) throw new EngineError(ERR.TENDER_REFUSED, `No authorisation ${key} is waiting on this sale`);
    const rest = applyVoid(open, { reason: 'tender-removed', tenders: [], pending: [p] })!;
    const taken = sales.addTender(rest, this.c.tender(p.tenderCode), amount, this.c.rounding(), this.c.money());
    const last = taken.tenders.length - 1;
    const sale: OpenSale = { ...taken, tenders: taken.tenders.map((t, i) => (i === last ? { ...t, authorisation } : t)) };
    if (!sales.saleTotals(sale, this.c.rounding()).settled) {
      this.c.setSale(sale);
      return null;
    }
    return this.c.complete(sale);
  }

  dropAuthorising(key: string, outcome: 'refused' | 'unanswered'): void {
    const open = this.requireSale();
    const p = open.authorising?.filter((a) => a.key === key) ?? [];
    if (p.length === 0) return;
    if (outcome === 'unanswered') this.dropPending(open, p);
    else this.c.setSale(applyVoid(open, { reason: 'tender-removed', tenders: [], pending: p }));
  }

  private dropPending(open: OpenSale, pending: readonly PendingAuthorisation[]): void {
    this.c.void({ sale: open, reason: 'uncertain', tenders: [], pending });
    this.c.setSale(applyVoid(open, { reason: 'uncertain', tenders: [], pending }));
  }
}
