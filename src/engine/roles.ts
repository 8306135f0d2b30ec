// Operator roles and what each guarded action needs (SPEC section 8, issue 6). A role allows what
// every role below it allows; the built-in `system` operator (one-shot commands without
// --operator, a store with no operators) holds every right, because whoever can write the data
// folder from a shell already does.

export type Role = 'cashier' | 'supervisor' | 'manager';
export const ROLES: readonly Role[] = ['cashier', 'supervisor', 'manager'];

export const SYSTEM_OPERATOR = 'system';

export type GuardedAction =
  | 'void-line'
  | 'refund'
  | 'cash-up'
  | 'payout'
  | 'loyalty-adjust'
  | 'setup'
  | 'delete-loyalty-tables'
  | 'outbox-retry';

export const GUARDED_ACTIONS: readonly GuardedAction[] = ['void-line', 'refund', 'cash-up', 'payout', 'loyalty-adjust', 'setup', 'delete-loyalty-tables', 'outbox-retry'];

export const ACTION_ROLE: Readonly<Record<GuardedAction, Role>> = {
  'void-line': 'supervisor',
  refund: 'supervisor',
  // The Z report closes the till's day for good and posts the drawer's over/short.
  'cash-up': 'supervisor',
  payout: 'manager',
  'loyalty-adjust': 'manager',
  setup: 'manager',
  'delete-loyalty-tables': 'manager',
  'outbox-retry': 'manager',
};

export const ACTION_LABEL: Readonly<Record<GuardedAction, string>> = {
  'void-line': 'Void line',
  refund: 'Refund',
  'cash-up': 'Z report and drawer count',
  payout: 'Loyalty payout',
  'loyalty-adjust': 'Loyalty adjustment',
  setup: 'Setup',
  'delete-loyalty-tables': 'Delete Loyalty tables',
  'outbox-retry': 'Loyalty Plus outbox retry',
};

const RANK: Readonly<Record<Role, number>> = { cashier: 0, supervisor: 1, manager: 2 };

export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** Whether an operator of `role` may do `action` without an override. */
export function roleAllows(role: Role, action: GuardedAction): boolean {
  return roleAtLeast(role, ACTION_ROLE[action]);
}

export function roleLabel(role: Role): string {
  return role === 'cashier' ? 'Cashier' : role === 'supervisor' ? 'Supervisor' : 'Manager';
}

/** "a supervisor or manager" / "a manager": who may approve `action`. */
export function approverText(action: GuardedAction): string {
  return ACTION_ROLE[action] === 'manager' ? 'a manager' : 'a supervisor or manager';
}
