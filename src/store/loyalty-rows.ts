// Telling loyalty rows from other rows a journal record may carry (later: outbox entries).
import { LOYALTY_ROW_KINDS } from '../engine/loyalty/index.js';
import type { LoyaltyRow } from '../engine/loyalty/index.js';

export function isLoyaltyRow(row: unknown): row is LoyaltyRow {
  const r = row as Partial<LoyaltyRow> | null;
  return typeof r === 'object' && r !== null && typeof r.debtor === 'string'
    && LOYALTY_ROW_KINDS.includes(r.kind as LoyaltyRow['kind']);
}
