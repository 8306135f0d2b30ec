// The audit trail (issue 6): who did what that a store owner may have to answer for. Append-only,
// one line per entry in `audit/<YYYY-MM>.jsonl` (UTC month of the entry), checksummed like the
// journals. Refunds, payouts and adjustments are also journal records; their audit lines say who
// did and who approved them, so Reports > Audit reads one place.
import type { GuardedAction } from '../../engine/roles.js';

export type AuditKind =
  | 'login'
  | 'logout'
  | 'lock'
  | 'failed-pin'
  | 'locked-out'
  | 'unlock'
  | 'override'
  | 'void-line'
  | 'void-sale'
  | 'refund'
  | 'payout'
  | 'adjustment'
  | 'setup'
  | 'cash-up'
  | 'loyalty-tables'
  | 'outbox-retry';

export const AUDIT_KINDS: readonly AuditKind[] = ['login', 'logout', 'lock', 'failed-pin', 'locked-out', 'unlock', 'override', 'void-line', 'void-sale', 'refund', 'payout', 'adjustment', 'setup', 'cash-up', 'loyalty-tables', 'outbox-retry'];

export interface AuditEntry {
  /** ISO instant from the acting process's clock. */
  at: string;
  kind: AuditKind;
  /** Who acted (in an override: the operator who asked; for a failed PIN: the code typed). */
  operator: string;
  /** The till, when it happened at one. */
  till?: string;
  /** The supervisor or manager whose PIN allowed it (an override). */
  approvedBy?: string;
  action?: GuardedAction;
  /** The document or record it is about (T1-000042, settings.json, a Z number). */
  ref?: string;
  /** Setup changes: the field, and its old and new values (secrets only as "changed"). */
  field?: string;
  old?: string;
  new?: string;
  /** One line for people. Never a secret. */
  detail: string;
}

export interface AuditFilter {
  /** Inclusive instants in ms. */
  fromMs?: number;
  toMs?: number;
  operator?: string;
  kinds?: readonly AuditKind[];
}

/** Whoever acts in this process; setup changes made through Store.edit are audited as theirs. */
export interface StoreActor {
  operator: string;
  till?: string;
  now: () => Date;
}
