// The till's Loyalty Plus flows (SPEC.md section 5): attach a member (offline: keep the card and
// queue the earn), balance enquiry, enrol, and the Loyalty Plus tender, authorised before the
// sale completes. The earn and refund calls ride in the sale's own journal record (the hooks), so
// the slip never waits on the network for more than the one answer it prints, and not at all
// while the provider is offline.
import { randomUUID } from 'node:crypto';
import type { SlipLoyaltyAnswer } from '../../../engine/slip.js';
import type { CompletedRefund, CompletedSale, ExternalMember } from '../../../engine/types.js';
import type { JournalRecord } from '../../../store/journal-format.js';
import type { TillExternalApi, TillHooks, TillSessionApi } from '../../../store/till-types.js';
import type { Outbox } from '../outbox/outbox.js';
import { meansUnreachable, type LoyaltyPlusProvider } from '../provider.js';
import { LoyaltyPlusError, type Member } from '../types.js';
import { appendEnrolment, checkEnrolment, maskCard, enrolmentKey, type EnrolFields } from './enrolment.js';
import { loyaltyPlusRowHooks } from './row-hooks.js';

export type TillSession = TillSessionApi & TillExternalApi;

export interface LoyaltyPlusTillOptions {
  session: TillSession;
  provider: LoyaltyPlusProvider;
  outbox: Outbox;
  /** How long the slip may wait for the earn's answer while the provider is online (its timeout). */
  answerWaitMs: () => number;
  /** Where a successful enrolment is recorded for the go-live checklist (start.ts passes the store's). */
  enrolmentLog?: { storeDir: string; now: () => Date; warn: (m: string) => void };
}

export interface Signal { signal?: AbortSignal }

/** Thrown when the fields of an enrolment are not valid; nothing was sent. */
export class EnrolmentInvalid extends Error {
  override name = 'EnrolmentInvalid';
  constructor(readonly problems: Partial<Record<keyof EnrolFields, string>>) {
    super(Object.values(problems).join('; '));
  }
}

const memberOf = (number: string, m: Member): ExternalMember => ({ number, account: m.account, name: m.name, points: m.points, pointsValue: m.pointsValue });

/** Outcomes that prove an authorisation was never applied (it was not sent, or was refused). */
function neverApplied(err: unknown): boolean {
  if (!(err instanceof LoyaltyPlusError)) return false;
  if (err.kind === 'offline' || err.kind === 'name-lookup' || err.kind === 'connect' || err.kind === 'tls') return true;
  return !meansUnreachable(err) && err.kind !== 'bad-response' && err.kind !== 'timeout';
}

export class LoyaltyPlusTill {
  private readonly s: TillSession;
  /** The last document's wait for its answer (tests and the bench await it). */
  settling: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: LoyaltyPlusTillOptions) {
    this.s = o.session;
    this.s.setHooks(this.hooks());
  }

  /**
   * Looks the card or account number up and attaches the member. Offline (or the call could not
   * reach the service) the number is kept and the earn queued: `offline` says so.
   */
  async attach(number: string, o: Signal = {}): Promise<{ member: ExternalMember; offline: boolean }> {
    const n = number.trim();
    if (!/^[A-Za-z0-9-]{1,64}$/.test(n)) throw new LoyaltyPlusError('refused', 'Card or account number: 1 to 64 letters, digits or dashes');
    try {
      const m = await this.o.provider.call((api, signal) => api.lookup(n, { signal }), o);
      const member = memberOf(n, m);
      this.s.setMember(member);
      return { member, offline: false };
    } catch (err) {
      if (!(err instanceof LoyaltyPlusError) || !(err.kind === 'offline' || meansUnreachable(err))) throw err;
      const member: ExternalMember = { number: n };
      this.s.setMember(member);
      return { member, offline: true };
    }
  }

  detach(): void {
    this.s.setMember(null);
  }

  /** The member's points now: the attached member's, or the number given. Needs the service. */
  async balance(number?: string, o: Signal = {}): Promise<Member> {
    const n = number?.trim() || this.s.getState().sale?.member?.number;
    if (!n) throw new LoyaltyPlusError('refused', 'No member is attached: give a card or account number');
    return this.o.provider.call((api, signal) => api.lookup(n, { signal }), o);
  }

  /** Enrols a new member and attaches them to the sale. Throws EnrolmentInvalid before sending anything. */
  async enrol(f: EnrolFields, o: Signal = {}): Promise<Member> {
    const { fields, problems } = checkEnrolment(f);
    if (Object.keys(problems).length > 0) throw new EnrolmentInvalid(problems);
    const key = enrolmentKey(this.s.till, fields);
    const m = await this.o.provider.call((api, signal) => api.enrol(fields, key, { signal }), o);
    this.noteEnrolment(m.card);
    this.s.setMember(memberOf(m.card, m));
    return m;
  }

  /** The member exists at the provider whatever happens here, so a failed write only warns. */
  private noteEnrolment(card: string): void {
    const log = this.o.enrolmentLog;
    if (!log) return;
    try {
      appendEnrolment(log.storeDir, { at: log.now().toISOString(), till: this.s.till, card });
    } catch (err) {
      log.warn(`the enrolment of card ${maskCard(card)} was made but could not be recorded for the go-live checklist: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * Takes the Loyalty Plus tender: saved as asked for, then authorised, then taken (completing the
   * sale when it settles it). A refusal leaves nothing behind; an answer that never came (timeout,
   * Esc) is queued for reversal by its key.
   */
  async tender(tenderCode: string, amount: number | undefined, o: Signal = {}): Promise<CompletedSale | null> {
    const open = this.s.getState().sale;
    const totals = this.s.getState().totals;
    if (!open || !totals) throw new LoyaltyPlusError('refused', 'There is no open sale to tender');
    if (this.o.provider.state() !== 'online') {
      throw new LoyaltyPlusError('offline', 'Redemption needs Loyalty Plus online, and it is offline now: use another tender (the earn is still queued)');
    }
    const account = open.member?.account ?? '';
    const p = this.s.noteAuthorising({ key: `${this.s.till}:auth:${randomUUID()}`, tenderCode, account, amount: amount ?? totals.due });
    let r: { authorisation: string; amount: number };
    try {
      r = await this.o.provider.call((api, signal) => api.authorise({ account, sale: open.id, amount: p.amount }, p.key, { signal }), o);
    } catch (err) {
      this.s.dropAuthorising(p.key, neverApplied(err) ? 'refused' : 'unanswered');
      throw err;
    }
    return this.s.authorised(p.key, r.authorisation, r.amount);
  }

  /**
   * Waits (while the provider is online, at most its timeout) for the answer to the document's
   * call, then rewrites its slip with the points; the answer, or undefined ("loyalty pending").
   */
  async settle(doc: CompletedSale | CompletedRefund): Promise<SlipLoyaltyAnswer | undefined> {
    if (!doc.member) return undefined;
    if (this.o.provider.state() === 'online') await this.o.outbox.awaitDelivery(callId(doc), this.o.answerWaitMs());
    const answer = this.answer(doc);
    if (answer) this.s.rewriteSlips(doc);
    return answer;
  }

  private answer(doc: CompletedSale | CompletedRefund): SlipLoyaltyAnswer | undefined {
    const a = this.o.outbox.answerOf(callId(doc)) as { points?: unknown; balance?: unknown } | undefined;
    return a && typeof a.points === 'number' && typeof a.balance === 'number' ? { points: a.points, balance: a.balance } : undefined;
  }

  private hooks(): TillHooks {
    return {
      ...loyaltyPlusRowHooks(),
      recorded: (rec: JournalRecord) => {
        this.o.outbox.noteRecorded(rec);
        const doc = rec.doc;
        // The slip is on screen at once ("loyalty pending") and gets its points when the answer comes.
        if ((doc.kind === 'sale' || doc.kind === 'refund') && doc.member) this.settling = this.settle(doc).catch(() => undefined);
        else void this.o.outbox.deliverDue();
      },
      slipAnswer: (doc) => this.answer(doc),
    };
  }
}

function callId(doc: CompletedSale | CompletedRefund): string {
  return doc.kind === 'sale' ? `${doc.saleNumber}:earn` : `${doc.refundNumber}:refund`;
}

