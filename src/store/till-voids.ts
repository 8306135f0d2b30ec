// Void records of a till session: an open sale abandoned, or a tender removed, while it held a
// loyalty provider's authorisations. The record (with the reversals the hooks put in its rows) is
// written before the open sale changes, so a crash in between is finished at the next start by
// applying the last record again (applyVoid), never by reversing twice or not at all.
import type { CompletedSale, OpenSale, PendingAuthorisation, TenderTaken } from '../engine/types.js';
import type { JournalRecord, VoidDoc } from './journal-format.js';
import { documentNumber } from './journal-format.js';
import type { JournalReader } from './journal-reader.js';
import type { TillJournalWriter } from './index.js';
import type { TillHooks } from './till-types.js';
import { recordedOpenSale } from './till-lookups.js';

export interface VoidRequest {
  sale: OpenSale;
  reason: VoidDoc['reason'];
  tenders: readonly TenderTaken[];
  pending: readonly PendingAuthorisation[];
}

/** Writes the void record when there is something to undo; null when there is not. */
export function recordVoid(writer: TillJournalWriter, hooks: TillHooks, operator: string, at: string, v: VoidRequest): JournalRecord | null {
  const tenders = v.tenders.filter((t) => t.authorisation !== undefined);
  if (tenders.length === 0 && v.pending.length === 0) return null;
  const doc: VoidDoc = {
    kind: 'void', number: writer.documentNumber(), saleId: v.sale.id, till: v.sale.till, operator, completedAt: at,
    reason: v.reason, tenders: tenders.map((t) => ({ ...t })), pending: v.pending.map((p) => ({ ...p })),
  };
  const rows = hooks.forVoid?.(doc) ?? [];
  return writer.append({ kind: 'void', operator, at, doc, rows, entries: [] });
}

/** The till's last record when it is a void of open sale `saleId`. */
export function lastVoidOf(journals: JournalReader, till: string, lastSeq: number, saleId: string): VoidDoc | undefined {
  if (lastSeq < 1) return undefined;
  const last = journals.findDocument(documentNumber(till, lastSeq));
  return last?.kind === 'void' && last.saleId === saleId ? last : undefined;
}

/**
 * The open sale as it is once the void took effect: gone for an abandoned or voided sale;
 * without the voided tenders and unanswered authorisations otherwise.
 */
export function applyVoid(sale: OpenSale, v: { reason: VoidDoc['reason']; tenders: readonly TenderTaken[]; pending: readonly PendingAuthorisation[] }): OpenSale | null {
  if (v.reason === 'abandoned' || v.reason === 'voided') return null;
  const gone = new Set(v.tenders.map((t) => t.authorisation));
  const keys = new Set(v.pending.map((p) => p.key));
  const tenders = sale.tenders.filter((t) => t.authorisation === undefined || !gone.has(t.authorisation));
  const authorising = (sale.authorising ?? []).filter((p) => !keys.has(p.key));
  const next: OpenSale = { ...sale, tenders };
  if (authorising.length > 0) next.authorising = authorising;
  else delete next.authorising;
  return next;
}

/**
 * The open sale a crash left, as the till's last record says it now is: already recorded (then
 * `last` is its sale and nothing is open), changed or ended by a void, or as saved.
 */
export function reopenedSale(journals: JournalReader, writer: TillJournalWriter, till: string): { sale: OpenSale | null; last?: CompletedSale } {
  const saved = writer.openSale.load();
  if (!saved) return { sale: null };
  const lastSeq = writer.nextSeq() - 1;
  const last = recordedOpenSale(journals, till, lastSeq, saved.id);
  if (last) {
    writer.openSale.clear();
    return { sale: null, last };
  }
  const voided = lastVoidOf(journals, till, lastSeq, saved.id);
  if (!voided) return { sale: saved };
  const after = applyVoid(saved, voided);
  if (after) writer.openSale.save(after);
  else writer.openSale.clear();
  return { sale: after };
}
