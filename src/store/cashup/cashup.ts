// Cash-up at one till (docs/cash-up.md): the opening float, the X report (totals so far, nothing
// recorded) and the Z report (closes the business day: one per till per day, numbered, never
// reopened, with the drawer's over/short posted to the ledger). Floats and Zs are records of the
// till's own journal, written through the writer the till process holds.
import { cashupTotals } from '../../engine/cashup/totals.js';
import { overShortEntries } from '../../engine/cashup/post.js';
import type { CashupTotals, FloatDoc, ZDoc } from '../../engine/cashup/types.js';
import { formatMoney } from '../../engine/money.js';
import { wallTime } from '../../engine/zoned-time.js';
import type { Cents } from '../../engine/types.js';
import { readAudit } from '../audit/audit-log.js';
import { crashPoint } from '../crash-points.js';
import { StoreError } from '../errors.js';
import { positionOf } from '../journal-positions.js';
import type { TillJournalWriter } from '../journal-writer.js';
import { assertMay } from '../operators/guard.js';
import type { Store } from '../store.js';
import { cashOverShortOf, drawerTender } from './accounts.js';
import { asCashupRecord, sinceLastZ } from './read.js';
import { writeZSlips } from './slips.js';
import { markOf, saveCashupState, type ZMark } from './state.js';

/** What cash-up needs of the till process: its journal writer, who is at it, its clock. */
export interface CashupDesk {
  till: string;
  operator: string;
  writer: TillJournalWriter;
  now: () => Date;
  /** A sale being rung up: a Z waits until it is finished or abandoned. */
  saleOpen: boolean;
}

/** The totals since the last Z, as the next Z would count them. */
export interface CashupView {
  till: string;
  at: string;
  /** The number the next Z gets. */
  z: number;
  /** The store-time-zone date the next Z would close. */
  day: string;
  previous: ZMark | null;
  totals: CashupTotals;
  /** Set when the day already has its Z: why the next Z is refused. */
  closed: string | null;
}

export interface ZPreview extends CashupView {
  counted: Cents;
  overShort: Cents;
}

/** The store's business day (YYYY-MM-DD in its time zone) at `at`. */
export function businessDay(store: Store, at: Date): string {
  const w = wallTime(at.getTime(), store.get('settings').company.timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

function assertAmount(amount: number, field: string, what: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new StoreError('INVALID', `${what} must be an amount of 0 or more (got ${String(amount)})`, { field });
}

export function cashupView(store: Store, till: string, at: Date): CashupView {
  return viewWithZs(store, till, at).view;
}

function viewWithZs(store: Store, till: string, at: Date): { view: CashupView; zs: ZMark[] } {
  const since = sinceLastZ(store, till);
  const previous = since.zs.at(-1) ?? null;
  const day = businessDay(store, at);
  const closed = previous && previous.day === day
    ? `Z ${previous.z} already closed ${day} for till ${till}: the next Z can be taken on the next business day (records from now on belong to it)`
    : null;
  const totals = cashupTotals(since.records.map(asCashupRecord), { abandonedSales: abandonedSince(store, till, previous, at) });
  const view = { till, at: at.toISOString(), z: (previous?.z ?? 0) + 1, day, previous, totals, closed };
  return { view, zs: since.zs };
}

/**
 * Sales abandoned at the till since the previous Z: every abandon writes a 'void-sale' audit line
 * (only those holding a provider's authorisation also write a journal record).
 */
function abandonedSince(store: Store, till: string, previous: ZMark | null, at: Date): number {
  const fromMs = previous ? Date.parse(previous.at) : undefined;
  const { entries } = readAudit(store.dir, { ...(fromMs !== undefined ? { fromMs } : {}), toMs: at.getTime(), kinds: ['void-sale'] });
  return entries.filter((e) => e.till === till && (fromMs === undefined || Date.parse(e.at) > fromMs)).length;
}

/** The opening float: the last one typed before a Z is the one that Z counts. */
export function recordFloat(store: Store, desk: CashupDesk, amount: Cents): FloatDoc {
  assertAmount(amount, 'amount', 'The opening float');
  const at = desk.now().toISOString();
  const doc: FloatDoc = { kind: 'cashup', type: 'float', number: desk.writer.documentNumber(), till: desk.till, operator: desk.operator, completedAt: at, amount };
  desk.writer.append({ kind: 'cashup', operator: desk.operator, at, doc });
  return doc;
}

/** The X report: the totals so far, nothing recorded in the journal; the audit trail notes who looked. */
export function xReport(store: Store, till: string, at: Date): CashupView {
  const view = cashupView(store, till, at);
  auditCashup(store, till, `X report of till ${till} (records ${view.totals.fromSeq}-${view.totals.toSeq}, before Z ${view.z})`, `X-${till}`);
  return view;
}

/** The Z as it would be recorded with this drawer count; refuses as zReport would, writes nothing. */
export function zPreview(store: Store, desk: CashupDesk, counted: Cents, approvedBy?: string): ZPreview {
  return checkedZ(store, desk, counted, approvedBy).preview;
}

function checkedZ(store: Store, desk: CashupDesk, counted: Cents, approvedBy?: string): { preview: ZPreview; zs: ZMark[] } {
  assertMay(store, 'cash-up', approvedBy);
  assertAmount(counted, 'counted', 'The drawer count');
  if (desk.saleOpen) throw new StoreError('INVALID', `till ${desk.till} has a sale open: finish or abandon it before the Z`, { field: 'sale' });
  const { view, zs } = viewWithZs(store, desk.till, desk.now());
  if (view.closed !== null) throw new StoreError('INVALID', view.closed, { field: 'day' });
  return { preview: { ...view, counted, overShort: counted - view.totals.cash.expected }, zs };
}

/** Records the Z (one write, one fsync), then its state file, its slips and its audit line. */
export function zReport(store: Store, desk: CashupDesk, o: { counted: Cents; approvedBy?: string }): ZDoc {
  const { preview: p, zs } = checkedZ(store, desk, o.counted, o.approvedBy);
  const settings = store.get('settings');
  const doc: ZDoc = {
    kind: 'cashup', type: 'z', number: desk.writer.documentNumber(), till: desk.till, operator: desk.operator,
    ...(o.approvedBy !== undefined ? { approvedBy: o.approvedBy } : {}), completedAt: p.at, z: p.z, day: p.day,
    previousSeq: p.previous?.seq ?? 0, totals: p.totals, counted: p.counted,
    overShort: { amount: p.overShort, cashAccount: drawerTender(store.get('tenders')).ledgerAccount, overShortAccount: cashOverShortOf(settings) },
  };
  const rec = desk.writer.append({ kind: 'cashup', operator: desk.operator, at: p.at, doc, entries: overShortEntries(doc) });
  crashPoint('cashup-z-recorded');
  const pos = positionOf(rec);
  if (pos) saveCashupState(store, { v: 1, till: desk.till, zs: [...zs, markOf(rec, pos)] });
  writeZSlips(store, doc);
  const m = (c: Cents) => formatMoney(c, { symbol: settings.company.currencySymbol, decimals: settings.company.currencyDecimals });
  auditCashup(store, desk.till, `Z ${doc.z} of till ${desk.till} closed ${doc.day}: counted ${m(doc.counted)}, expected ${m(doc.totals.cash.expected)}, over/short ${m(doc.overShort.amount)}`, doc.number, o.approvedBy);
  return doc;
}

function auditCashup(store: Store, till: string, detail: string, ref: string, approvedBy?: string): void {
  try {
    store.audit({ kind: 'cash-up', action: 'cash-up', till, ref, detail, ...(approvedBy !== undefined ? { approvedBy } : {}) });
  } catch (err) {
    store.warn(`the audit line for ${ref} could not be written: ${(err as Error).message}`);
  }
}

/** The till's Zs, newest first. */
export function pastZs(store: Store, till: string): ZMark[] {
  return [...sinceLastZ(store, till).zs].reverse();
}

/** A past Z as it was recorded. */
export function readZ(store: Store, till: string, mark: ZMark): ZDoc {
  const rec = store.journals.readAt({ till, start: mark.start, end: mark.end });
  if (!rec || rec.doc.kind !== 'cashup' || rec.doc.type !== 'z' || rec.seq !== mark.seq) {
    throw new StoreError('INVALID', `Z ${mark.z} of till ${till} is no longer at seq ${mark.seq} of journals/${till}.jsonl`, { field: 'z' });
  }
  return rec.doc;
}
