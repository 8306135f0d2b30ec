// The one role check of the Cash-up screens, kept in one function so the override dialog (a
// supervisor's PIN on the spot) can replace it: it then answers with the approver instead.
import { ACTION_LABEL, approverText } from '../../engine/roles.js';
import { mayDo } from '../../store/operators/guard.js';
import type { Store } from '../../store/index.js';

export type CashupPermission = { ok: true; approvedBy?: string } | { ok: false; message: string };

/** Whether `operator` may take the Z and count the drawer. */
export function cashupPermission(store: Store, operator: string): CashupPermission {
  if (mayDo(store, 'cash-up', operator)) return { ok: true };
  return { ok: false, message: `${ACTION_LABEL['cash-up']} needs ${approverText('cash-up')}: ${operator} may not` };
}
