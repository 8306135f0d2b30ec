// operators.json: who may use the tills, with which role, and the idle lock. Only a PIN's slow
// salted hash is kept (src/store/manager-pin.ts); the PIN itself is never stored or logged.
import type { Role } from '../../engine/roles.js';

export interface Operator {
  /** What the operator types at login: 1-8 capital letters or digits. */
  code: string;
  name: string;
  role: Role;
  /** scrypt$<salt>$<hash> of the PIN. */
  pinHash: string;
  /** An inactive operator cannot log in or approve; kept so the audit trail still names them. */
  active: boolean;
}

export interface OperatorsDoc {
  schemaVersion: number;
  /** The till locks after this many minutes without a key; 0 = never. */
  idleLockMinutes: number;
  operators: Operator[];
}

export const OPERATOR_CODE = /^[A-Z0-9]{1,8}$/;
export const OPERATOR_CODE_RULE = 'Operator code: 1 to 8 capital letters or digits';
export const IDLE_LOCK_RANGE = { min: 0, max: 240 } as const;
export const DEFAULT_IDLE_LOCK_MINUTES = 5;

/** Wrong PINs in a row that lock an operator, and for how long. */
export const MAX_FAILED_PINS = 5;
export const LOCKOUT_MINUTES = 15;
