// The audit lines of back-office payouts and adjustments (Reports > Audit reads one place). The
// document is already written when they are: a line that cannot be written is a warning, never a
// refused or repeated payout.
import type { GuardedAction } from '../engine/roles.js';
import type { AuditKind } from './audit/types.js';
import type { Store } from './store.js';

export interface BackOfficeAuditLine {
  kind: Extract<AuditKind, 'payout' | 'adjustment' | 'loyalty-tables'>;
  action: GuardedAction;
  /** The back-office document number. */
  ref: string;
  approvedBy: string | undefined;
  detail: string;
}

export function auditBackOffice(store: Store, line: BackOfficeAuditLine): void {
  const { approvedBy, ...rest } = line;
  try {
    store.audit({ ...rest, ...(approvedBy ? { approvedBy } : {}) });
  } catch (err) {
    store.warn(`not in the audit trail (${line.detail}): ${(err as Error).message}`);
  }
}
