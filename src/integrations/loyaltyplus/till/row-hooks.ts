// The Loyalty Plus calls a till session's records carry: the earn of a member's sale, the refund
// of a member's sale, and the reversals of a void. Pure, so any process that records for a till
// (the till screen, `tillpoint sell/refund`) writes them; the till's outbox delivers them from its
// journal whichever process wrote them.
import type { CompletedRefund, CompletedSale } from '../../../engine/types.js';
import type { VoidDoc } from '../../../store/journal-format.js';
import type { TillHooks } from '../../../store/till-types.js';
import { cancelEntry, earnEntry, earnRequestOf, refundEntry, refundRequestOf, reverseEntry, type OutboxEntry } from '../outbox/entries.js';

export function loyaltyPlusRowHooks(): Pick<TillHooks, 'forSale' | 'forRefund' | 'forVoid'> {
  return {
    forSale: (doc, open) => {
      if (!open.member) return { doc, rows: [] };
      const member = { ...open.member };
      const sale: CompletedSale = { ...doc, member };
      return { doc: sale, rows: [earnEntry(earnRequestOf(sale, member.account ?? member.number))] };
    },
    forRefund: (doc, sale) => {
      if (!sale.member) return { doc, rows: [] };
      const refund: CompletedRefund = { ...doc, member: { ...sale.member } };
      return { doc: refund, rows: [refundEntry(refundRequestOf(refund, sale.member.account ?? sale.member.number))] };
    },
    forVoid: (doc) => reversalsOf(doc),
  };
}

/** The reversals a void record carries: its authorised tenders by id, the unanswered by key. */
export function reversalsOf(doc: VoidDoc): OutboxEntry[] {
  const reason = doc.reason === 'voided' ? 'voided' : 'abandoned';
  const at = doc.completedAt;
  const known = doc.tenders.flatMap((t) => (t.authorisation ? [reverseEntry({ doc: doc.number, sale: doc.saleId, authorisation: t.authorisation, reason, at })] : []));
  const unknown = doc.pending.map((p) => cancelEntry({ doc: doc.number, sale: doc.saleId, key: p.key, reason, at,
    authorise: { account: p.account, sale: doc.saleId, amount: p.amount } }));
  return [...known, ...unknown];
}
