// Operators for the guard tests: a manager, a supervisor and a cashier made with saveOperator,
// and a logged-in operator session (createOperatorSession + login) to hand to the screens.
import { expect } from 'vitest';
import { readAudit } from '../../src/store/audit/audit-log.js';
import type { AuditEntry, AuditKind } from '../../src/store/audit/types.js';
import { saveOperator } from '../../src/store/operators/operators.js';
import { createOperatorSession, type OperatorSession } from '../../src/store/operators/session.js';
import type { Store } from '../../src/store/store.js';
import type { TillSessionApi } from '../../src/store/till-types.js';
import { stripAnsi, type Rendered } from '../screens/render.js';

// Digits that no amount, sale number or clock in these tests spells.
export const PINS = { M1: '7391', S1: '6284', C1: '5173' } as const;
export type CrewCode = keyof typeof PINS;

export async function addCrew(store: Store): Promise<void> {
  await saveOperator(store, { code: 'M1', name: 'Mandla', role: 'manager', pin: PINS.M1, active: true }, 'add');
  await saveOperator(store, { code: 'S1', name: 'Sipho', role: 'supervisor', pin: PINS.S1, active: true }, 'add');
  await saveOperator(store, { code: 'C1', name: 'Carol', role: 'cashier', pin: PINS.C1, active: true }, 'add');
}

/** A session with `code` logged in (its actor reaches the store and the till). */
export function loggedIn(store: Store, till: TillSessionApi | null, code: CrewCode): OperatorSession {
  const session = createOperatorSession(store, till, () => new Date());
  expect(session.login(code, PINS[code])).toMatchObject({ ok: true });
  return session;
}

export function audit(store: Store, kinds?: AuditKind[]): AuditEntry[] {
  return readAudit(store.dir, kinds ? { kinds } : {}).entries;
}

/** No frame written so far shows any of the crew's PINs. */
export function noPinShown(view: Rendered): boolean {
  return view.frames.every((raw) => Object.values(PINS).every((pin) => !stripAnsi(raw).includes(pin)));
}

export const everyFrame = (view: Rendered, text: string): boolean => view.frames.some((raw) => stripAnsi(raw).includes(text));
