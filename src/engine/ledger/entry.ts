// Building and checking journal entries. Every posting rule states its amounts as signed postings
// (+ debit, - credit) and lets buildEntry turn them into lines, so "each line one side only, no
// zero lines, debits equal credits" is enforced in one place instead of in every rule.
import { instantMs } from '../loyalty/time-zone.js';
import { isLoyaltyError } from '../loyalty/errors.js';
import { LEDGER_ENTRY_KINDS } from './types.js';
import { LEDGER_ERR, LedgerError, ledgerAssert } from './errors.js';
import type { Cents, Tender } from '../types.js';
import type { LedgerEntry, LedgerEntryKind, LedgerLine } from './types.js';

/** A signed amount on an account: positive is a debit, negative a credit. */
export interface Posting {
  account: string;
  amount: Cents;
  memo?: string;
}

export interface EntryHead {
  source: string;
  kind: LedgerEntryKind;
  at: string;
  memo?: string;
  /** Position among the entries one document posts (0 for the first). */
  index?: number;
}

export function entryId(source: string, kind: LedgerEntryKind, index = 0): string {
  return `${source}:${kind}:${index}`;
}

const nonEmpty = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';

/** Milliseconds of an ISO instant with an offset; refused with a ledger error otherwise. */
export function ledgerInstantMs(iso: string, what: string): number {
  try {
    return instantMs(iso, what);
  } catch (e) {
    // The loyalty module owns the one strict ISO parser; its refusal is re-labelled for the ledger.
    if (isLoyaltyError(e)) throw new LedgerError(LEDGER_ERR.BAD_ENTRY, e.message);
    throw e;
  }
}

/**
 * The entry of these postings, or null when every amount is 0 (a free item paid with a cash tender
 * of 0 moves nothing, and an entry without lines would only clutter the journal).
 */
export function buildEntry(head: EntryHead, postings: readonly Posting[]): LedgerEntry | null {
  const lines: LedgerLine[] = [];
  for (const p of postings) {
    ledgerAssert(nonEmpty(p.account), LEDGER_ERR.BAD_SETTINGS,
      `${head.kind} ${head.source}: a ledger account is not chosen${p.memo ? ` (${p.memo})` : ''}: choose it in setup`);
    ledgerAssert(Number.isSafeInteger(p.amount), LEDGER_ERR.BAD_AMOUNT,
      `${head.kind} ${head.source}: amount on ${p.account} must be whole cents (got ${String(p.amount)})`);
    if (p.amount === 0) continue;
    const line: LedgerLine = p.amount > 0
      ? { account: p.account, debit: p.amount, credit: 0 }
      : { account: p.account, debit: 0, credit: -p.amount };
    if (p.memo !== undefined) line.memo = p.memo;
    lines.push(line);
  }
  if (lines.length === 0) return null;
  const entry: LedgerEntry = { id: entryId(head.source, head.kind, head.index ?? 0), at: head.at,
    source: head.source, kind: head.kind, lines };
  if (head.memo !== undefined) entry.memo = head.memo;
  assertEntry(entry);
  return entry;
}

export interface EntrySums {
  debit: Cents;
  credit: Cents;
}

/** Debit and credit sums of one entry, checked to stay exact. */
export function entrySums(entry: Pick<LedgerEntry, 'lines'>): EntrySums {
  let debit = 0;
  let credit = 0;
  for (const l of entry.lines) {
    debit += l.debit;
    credit += l.credit;
  }
  return { debit, credit };
}

function lineProblem(l: LedgerLine): string | null {
  if (!nonEmpty(l.account)) return 'names no account';
  if (!Number.isSafeInteger(l.debit) || !Number.isSafeInteger(l.credit)) return 'is not whole cents';
  if (l.debit < 0 || l.credit < 0) return 'is negative';
  if (l.debit > 0 && l.credit > 0) return 'has both a debit and a credit';
  if (l.debit === 0 && l.credit === 0) return 'is zero';
  return null;
}

/**
 * Refuses an entry that is not a well-formed balanced entry. Used on the way in (buildEntry) and
 * on the way back (the accumulator and the trial balance), so a damaged journal record can never
 * make the trial balance lie quietly.
 */
export function assertEntry(entry: LedgerEntry): void {
  // Messages are built only when a check fails (an accrual run posts tens of thousands of entries).
  const what = (): string => `Ledger entry ${String(entry.id)}`;
  if (!(nonEmpty(entry.id) && nonEmpty(entry.source))) ledgerAssert(false, LEDGER_ERR.BAD_ENTRY, `${what()}: id and source must be set`);
  if (!LEDGER_ENTRY_KINDS.includes(entry.kind)) {
    ledgerAssert(false, LEDGER_ERR.BAD_ENTRY, `${what()}: kind must be one of ${LEDGER_ENTRY_KINDS.join(', ')} (got "${String(entry.kind)}")`);
  }
  try {
    ledgerInstantMs(entry.at, 'Ledger entry time');
  } catch {
    ledgerInstantMs(entry.at, `${what()}: time`);
  }
  if (!(Array.isArray(entry.lines) && entry.lines.length > 0)) ledgerAssert(false, LEDGER_ERR.BAD_ENTRY, `${what()} has no lines`);
  entry.lines.forEach((l, i) => {
    const problem = lineProblem(l);
    if (problem !== null) ledgerAssert(false, LEDGER_ERR.BAD_LINE, `${what()}: line ${i + 1} (${String(l.account)}) ${problem}`);
  });
  const { debit, credit } = entrySums(entry);
  if (!(Number.isSafeInteger(debit) && Number.isSafeInteger(credit))) ledgerAssert(false, LEDGER_ERR.BAD_AMOUNT, `${what()}: totals are too large to hold exactly`);
  if (debit !== credit) ledgerAssert(false, LEDGER_ERR.UNBALANCED, `${what()} does not balance: debits ${debit} cents, credits ${credit} cents`);
}

/** True when assertEntry would accept the entry. */
export function isBalancedEntry(entry: LedgerEntry): boolean {
  try {
    assertEntry(entry);
    return true;
  } catch (e) {
    if (e instanceof LedgerError) return false;
    throw e;
  }
}

/** The setup tender a document's tender line names; its ledger account is where the money went. */
export function tenderFor(tenders: readonly Tender[], code: string, source: string): Tender {
  const found = tenders.find((t) => t.code === code);
  ledgerAssert(found !== undefined, LEDGER_ERR.UNKNOWN_TENDER,
    `${source}: tender ${code} is not set up, so its ledger account is unknown: ` +
    `use one of ${tenders.map((t) => t.code).join(', ') || '(none set up)'}`);
  ledgerAssert(nonEmpty(found.ledgerAccount), LEDGER_ERR.BAD_SETTINGS,
    `Tender ${code} has no ledger account: choose one at Tender Setup`);
  return found;
}
