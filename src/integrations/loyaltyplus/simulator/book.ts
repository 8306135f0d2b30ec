// The simulator's members, points and redemptions: the business side of the /v1 operations of
// docs/loyalty-plus-protocol.md, without HTTP, so the server only parses, authenticates and
// replays. One point per whole R1.00 earned; one point redeems one cent.
import * as z from 'zod/mini';
import type { Member } from '../types.js';

export type OperationName = 'lookup' | 'enrol' | 'earn' | 'authorise' | 'reverse' | 'refund';
export const OPERATION_NAMES: readonly OperationName[] = ['lookup', 'enrol', 'earn', 'authorise', 'reverse', 'refund'];

/** What the service answers; `applied` is false when nothing changed (a refusal). */
export interface Outcome {
  status: number;
  body: unknown;
  applied: boolean;
}

export function refusal(status: number, error: string, message: string): Outcome {
  return { status, body: { error, message }, applied: false };
}

const CENTS_PER_POINT_EARNED = 100;
const FIRST_ACCOUNT = 4_000_001;

const NUMBER = 'expected a card or account number of 1-64 letters, digits or dashes';
const CENTS = 'expected a whole number of cents';
const INSTANT = 'expected an ISO 8601 UTC date-time, e.g. 2026-12-01T10:00:00.000Z';
const pattern = (re: RegExp, error: string) => z.string({ error }).check(z.regex(re, { error }));
const text = (what: string, max: number) => {
  const error = `expected ${what} of 1-${max} characters`;
  return z.string({ error }).check(z.minLength(1, { error }), z.maxLength(max, { error }));
};
const cents = (min: number) => z.int({ error: CENTS }).check(z.minimum(min, { error: `${CENTS}, ${min} or more` }));
const numberSchema = pattern(/^[A-Za-z0-9-]{1,64}$/, NUMBER);
const instant = z.iso.datetime({ error: INSTANT });

const enrolSchema = z.object({
  name: text('a name', 100),
  cellphone: pattern(/^\+?[0-9]{7,15}$/, 'expected a cellphone number: 7-15 digits with an optional leading +'),
  card: numberSchema,
});
const earnSchema = z.object({
  account: numberSchema,
  sale: text('a sale number', 64),
  at: instant,
  amount: cents(0),
  lines: z.array(z.object({
    item: text('an item code', 64),
    qty: z.number({ error: 'expected a quantity' }),
    value: z.int({ error: CENTS }),
  }), { error: 'expected a list of sale lines' }),
});
const authoriseSchema = z.object({ account: numberSchema, sale: text('a sale number', 64), amount: cents(1) });
const reverseSchema = z.object({
  reason: z.enum(['abandoned', 'voided', 'refund'], { error: 'expected a reason: abandoned, voided or refund' }),
});
const refundSchema = z.object({
  account: numberSchema,
  sale: text('a sale number', 64),
  refund: text('a refund number', 64),
  at: instant,
  amount: cents(0),
});

type Parsed<T> = { ok: true; value: T } | { ok: false; outcome: Outcome };

function parse<T>(schema: z.ZodMiniType<T>, body: unknown): Parsed<T> {
  const r = schema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  const why = r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');
  return { ok: false, outcome: refusal(400, 'BAD_REQUEST', why) };
}

interface Redemption {
  account: string;
  amount: number;
  reversed: boolean;
}

export class MemberBook {
  private readonly byAccount = new Map<string, Member>();
  private readonly accountOfCard = new Map<string, string>();
  private readonly redemptions = new Map<string, Redemption>();
  private lastAuthorisation = 0;

  constructor(members: readonly Member[]) {
    for (const m of members) this.add({ ...m, pointsValue: m.points });
  }

  members(): Member[] {
    return [...this.byAccount.values()].map((m) => ({ ...m }));
  }

  lookup(number: string): Outcome {
    if (!numberSchema.safeParse(number).success) return refusal(400, 'BAD_REQUEST', `member number: ${NUMBER}`);
    const m = this.find(number);
    return m ? this.answer(m) : unknownAccount(number);
  }

  enrol(body: unknown): Outcome {
    const p = parse(enrolSchema, body);
    if (!p.ok) return p.outcome;
    const { name, card } = p.value;
    // A card equal to an existing account number would make lookups by number ambiguous.
    if (this.find(card)) return refusal(409, 'DUPLICATE_CARD', `card ${card} is already issued; enrol with a new card`);
    let n = FIRST_ACCOUNT;
    for (const account of this.byAccount.keys()) if (/^\d+$/.test(account)) n = Math.max(n, Number(account) + 1);
    while (this.find(String(n))) n += 1;
    return this.answer(this.add({ account: String(n), card, name, points: 0, pointsValue: 0 }));
  }

  earn(body: unknown): Outcome {
    const p = parse(earnSchema, body);
    if (!p.ok) return p.outcome;
    const m = this.find(p.value.account);
    if (!m) return unknownAccount(p.value.account);
    const points = Math.floor(p.value.amount / CENTS_PER_POINT_EARNED);
    setPoints(m, m.points + points);
    return { status: 200, body: { sale: p.value.sale, points, balance: m.points }, applied: true };
  }

  authorise(body: unknown): Outcome {
    const p = parse(authoriseSchema, body);
    if (!p.ok) return p.outcome;
    const { account, amount } = p.value;
    const m = this.find(account);
    if (!m) return unknownAccount(account);
    if (amount > m.points) {
      return refusal(409, 'INSUFFICIENT_POINTS', `redemption of ${amount} cents needs ${amount} points; account ${account} has ${m.points}`);
    }
    this.lastAuthorisation += 1;
    const authorisation = `A-${String(this.lastAuthorisation).padStart(6, '0')}`;
    this.redemptions.set(authorisation, { account, amount, reversed: false });
    setPoints(m, m.points - amount);
    return { status: 200, body: { authorisation, amount, balance: m.points }, applied: true };
  }

  reverse(authorisation: string, body: unknown): Outcome {
    const p = parse(reverseSchema, body);
    if (!p.ok) return p.outcome;
    const r = this.redemptions.get(authorisation);
    const m = r && this.byAccount.get(r.account);
    if (!r || !m) return refusal(404, 'UNKNOWN_AUTHORISATION', `no redemption authorisation ${authorisation}`);
    // Reversing twice (under two keys) is not an error, but the points go back only once.
    const applied = !r.reversed;
    if (applied) {
      r.reversed = true;
      setPoints(m, m.points + r.amount);
    }
    return { status: 200, body: { authorisation, reversed: true, balance: m.points }, applied };
  }

  refund(body: unknown): Outcome {
    const p = parse(refundSchema, body);
    if (!p.ok) return p.outcome;
    const m = this.find(p.value.account);
    if (!m) return unknownAccount(p.value.account);
    // Points already redeemed cannot be taken back, so the balance never goes below zero.
    const points = Math.min(Math.floor(p.value.amount / CENTS_PER_POINT_EARNED), m.points);
    setPoints(m, m.points - points);
    return { status: 200, body: { refund: p.value.refund, points, balance: m.points }, applied: true };
  }

  private find(number: string): Member | undefined {
    return this.byAccount.get(number) ?? this.byAccount.get(this.accountOfCard.get(number) ?? '');
  }

  private add(m: Member): Member {
    this.byAccount.set(m.account, m);
    this.accountOfCard.set(m.card, m.account);
    return m;
  }

  private answer(m: Member): Outcome {
    return { status: 200, body: { ...m }, applied: true };
  }
}

function setPoints(m: Member, points: number): void {
  m.points = points;
  m.pointsValue = points;
}

function unknownAccount(number: string): Outcome {
  return refusal(404, 'UNKNOWN_ACCOUNT', `no member with card or account number ${number}`);
}
