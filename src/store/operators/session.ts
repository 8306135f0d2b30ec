// Who is at a till process right now. With no active operator the store needs no login and the
// session acts as `system` (SPEC section 6); otherwise nobody acts until a login, and the till
// locks after the idle minutes of operators.json. Every change of operator reaches the store's
// actor (setup audit) and the till session (its records), so they always agree.
import { SYSTEM_OPERATOR } from '../../engine/roles.js';
import type { Store } from '../store.js';
import type { TillSessionApi } from '../till-types.js';
import { authenticate, findOperator, operatorsRequired, type AuthResult } from './auth.js';
import type { Operator } from './types.js';

/** The actor of a process whose till waits for a login: no operator has that code. */
export const NOBODY = '-';

export interface OperatorSession {
  /** Whether this store needs a login (it has an active operator); read afresh each time. */
  required(): boolean;
  /** The operator logged in; null while nobody is (the login screen shows). */
  current(): Operator | null;
  /** The code every record and audit line carries now: the operator's, `system` (no logins), or NOBODY. */
  code(): string;
  /** True after the idle lock (or Lock) until the PIN is typed again; current() stays set. */
  locked(): boolean;
  /** Logs in (or, when locked, unlocks: the same operator or another one taking over). */
  login(code: string, pin: string): AuthResult;
  logout(): void;
  lock(): void;
  subscribe(listener: () => void): () => void;
}

export function createOperatorSession(store: Store, till: TillSessionApi | null, now: () => Date): OperatorSession {
  let current: Operator | null = null;
  let locked = false;
  const listeners = new Set<() => void>();
  const tillId = till?.till;

  const act = (code: string): void => {
    store.setActor({ operator: code, ...(tillId === undefined ? {} : { till: tillId }), now });
    till?.setOperator(code);
    for (const l of [...listeners]) l();
  };
  const required = (): boolean => operatorsRequired(store);
  // Logged out in a store with operators, the process acts as nobody: no role check can pass.
  const idle = (): string => (required() ? NOBODY : SYSTEM_OPERATOR);
  act(idle());

  return {
    required,
    current: () => (current ? findOperator(store, current.code) ?? current : null),
    code: () => store.actor.operator,
    locked: () => locked,
    login(code, pin) {
      const r = authenticate(store, code, pin, { purpose: locked && current?.code === code.trim().toUpperCase() ? 'unlock' : 'login' });
      if (r.ok) {
        current = r.operator;
        locked = false;
        act(r.operator.code);
      }
      return r;
    },
    logout() {
      if (current) store.audit({ kind: 'logout', detail: `${current.code} logged out` });
      current = null;
      locked = false;
      act(idle());
    },
    lock() {
      if (!current || locked) return;
      store.audit({ kind: 'lock', detail: `till locked (${current.code} away)` });
      locked = true;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
