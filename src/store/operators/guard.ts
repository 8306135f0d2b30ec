// The store-level check behind every guarded action, so the screens and the command line refuse
// alike. The screens ask for an override first (src/screens/operators/) and pass its approver.
import { EngineError, ERR } from '../../engine/errors.js';
import { ACTION_LABEL, approverText, roleAllows, SYSTEM_OPERATOR, type GuardedAction } from '../../engine/roles.js';
import type { Store } from '../store.js';
import { findOperator, operatorsRequired } from './auth.js';
import type { Operator } from './types.js';

/** The operator acting in this process, or null for the built-in `system` operator. */
export function actingOperator(store: Store): Operator | null {
  const code = store.actor.operator;
  return code === SYSTEM_OPERATOR ? null : findOperator(store, code) ?? null;
}

/**
 * Whether `operator` (default: the acting one) may do `action` without an override. `system`, and
 * anyone in a store with no operators, may do everything; an unknown or inactive code nothing.
 */
export function mayDo(store: Store, action: GuardedAction, operator = store.actor.operator): boolean {
  if (operator === SYSTEM_OPERATOR || !operatorsRequired(store)) return true;
  const op = findOperator(store, operator);
  return op !== undefined && op.active && roleAllows(op.role, action);
}

/**
 * Throws NOT_ALLOWED unless the acting operator may do `action`, or `approvedBy` names an active
 * operator who may (an override whose PIN the caller has just checked with approveOverride).
 */
export function assertMay(store: Store, action: GuardedAction, approvedBy?: string): void {
  if (mayDo(store, action)) return;
  if (approvedBy !== undefined && approvedBy !== SYSTEM_OPERATOR && mayDo(store, action, approvedBy)) return;
  throw new EngineError(ERR.NOT_ALLOWED, `${ACTION_LABEL[action]} needs ${approverText(action)}: ${store.actor.operator} may not, and no override was given`);
}
