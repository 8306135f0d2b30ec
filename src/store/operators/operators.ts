// Adding and changing operators (Utilities > Setup > Operators, `tillpoint operator`). The PIN is
// hashed here and never kept. Once operators exist at least one active manager must remain, or
// nobody could reach setup again.
import { ROLES, type Role } from '../../engine/roles.js';
import { hashPin } from '../manager-pin.js';
import type { Store } from '../store.js';
import { StoreError } from '../errors.js';
import { OPERATOR_CODE, OPERATOR_CODE_RULE, type Operator } from './types.js';

export const OPERATOR_PIN_RULE = 'PIN: 4 to 8 digits (0-9)';

export interface OperatorInput {
  code: string;
  name: string;
  role: Role;
  /** Required for a new operator; omitted or '' keeps the PIN of an existing one. */
  pin?: string;
  active: boolean;
}

function invalid(field: string, message: string): StoreError {
  return new StoreError('INVALID', message, { field });
}

/** The problems of `input` by field, before anything is hashed or written. */
export function operatorProblems(input: OperatorInput, existing: Operator | undefined): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (!OPERATOR_CODE.test(input.code)) out.push({ field: 'code', message: OPERATOR_CODE_RULE });
  const name = input.name.trim();
  if (name === '' || name.length > 40) out.push({ field: 'name', message: 'Name: 1 to 40 characters' });
  if (!ROLES.includes(input.role)) out.push({ field: 'role', message: `Role: one of ${ROLES.join(', ')}` });
  const pin = input.pin ?? '';
  if (pin === '' ? existing === undefined : !/^\d{4,8}$/.test(pin)) out.push({ field: 'pin', message: OPERATOR_PIN_RULE });
  return out;
}

function managersLeft(list: readonly Operator[]): number {
  return list.filter((o) => o.active && o.role === 'manager').length;
}

/** Adds or changes one operator under the store lock; refuses with the field when input is bad. */
export async function saveOperator(store: Store, input: OperatorInput, mode: 'add' | 'edit'): Promise<Operator> {
  const code = input.code.trim().toUpperCase();
  const wanted = { ...input, code, name: input.name.trim() };
  let saved: Operator | undefined;
  await store.edit('operators', (draft) => {
    const i = draft.operators.findIndex((o) => o.code === code);
    const existing = i < 0 ? undefined : draft.operators[i];
    if (mode === 'add' && existing) throw invalid('code', `Operator code ${code} is taken by ${existing.name}`);
    if (mode === 'edit' && !existing) throw invalid('code', `No operator with code ${code}`);
    const problem = operatorProblems(wanted, existing)[0];
    if (problem) throw invalid(problem.field, problem.message);
    const next: Operator = {
      code, name: wanted.name, role: wanted.role, active: wanted.active,
      pinHash: wanted.pin ? hashPin(wanted.pin) : existing!.pinHash,
    };
    const list = existing ? draft.operators.map((o) => (o.code === code ? next : o)) : [...draft.operators, next];
    if (managersLeft(list) === 0 && list.some((o) => o.active)) {
      throw invalid('role', draft.operators.some((o) => o.active)
        ? 'At least one active manager must remain: make another operator a manager first'
        : 'The first operator must be a manager, so someone can reach setup once logins start');
    }
    draft.operators = list;
    saved = next;
  });
  return saved!;
}

/** Clears a lockout after wrong PINs (a manager, in Operators): the audit line resets the count. */
export function unlockOperator(store: Store, code: string): void {
  store.audit({ kind: 'unlock', ref: code, detail: `lockout of ${code} cleared by ${store.actor.operator}` });
}
