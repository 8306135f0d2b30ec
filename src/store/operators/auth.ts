// Checking an operator's PIN: at login, when the idle-locked till is unlocked, for an override and
// for a one-shot command's --operator. Every failure is in the audit trail, and five wrong PINs in
// a row (within LOCKOUT_MINUTES) lock the operator for LOCKOUT_MINUTES. The lockout is worked out
// from the audit trail itself, so every till and command sees the same count.
import { approverText, ACTION_LABEL, roleAllows, roleLabel, type GuardedAction } from '../../engine/roles.js';
import { wallTime } from '../../engine/zoned-time.js';
import { verifyPin } from '../manager-pin.js';
import type { Store } from '../store.js';
import { readAudit } from '../audit/audit-log.js';
import { LOCKOUT_MINUTES, MAX_FAILED_PINS, type Operator } from './types.js';

export type AuthPurpose = 'login' | 'unlock' | 'override' | 'command';

export type AuthResult =
  | { ok: true; operator: Operator }
  | { ok: false; reason: 'unknown' | 'inactive' | 'wrong-pin' | 'locked' | 'role'; message: string; lockedUntil?: string };

/** Recent entries are at the end of the month's file: this much of it covers any lockout window. */
const RECENT_BYTES = 512 * 1024;
const MINUTE = 60_000;

export function findOperator(store: Store, code: string): Operator | undefined {
  const c = code.trim().toUpperCase();
  return store.get('operators').operators.find((o) => o.code === c);
}

/** With no active operator the store opens without a login (SPEC section 6: a one-person shop). */
export function operatorsRequired(store: Store): boolean {
  return store.get('operators').operators.some((o) => o.active);
}

/** When the operator is locked out, the instant the lock ends; otherwise null. */
export function lockedUntil(store: Store, code: string, now: Date): Date | null {
  return lockedUntilIn(store.dir, code, now);
}

/** lockedUntil for a store folder that is not opened (the doctor). */
export function lockedUntilIn(storeDir: string, code: string, now: Date): Date | null {
  const windowStart = now.getTime() - LOCKOUT_MINUTES * MINUTE;
  // No upper bound: a line just written (or from a till whose clock runs ahead) counts too.
  const recent = readAudit(storeDir, { fromMs: windowStart }, RECENT_BYTES, 'appended').entries;
  const failures: number[] = [];
  for (const e of recent) {
    const ms = Date.parse(e.at);
    const succeeded = (e.operator === code && (e.kind === 'login' || e.kind === 'unlock')) || (e.kind === 'override' && e.approvedBy === code);
    const cleared = e.kind === 'unlock' && e.ref === code;
    if (succeeded || cleared) failures.length = 0;
    else if (e.kind === 'failed-pin' && e.operator === code) failures.push(ms);
  }
  if (failures.length < MAX_FAILED_PINS) return null;
  return new Date(failures[failures.length - MAX_FAILED_PINS]! + LOCKOUT_MINUTES * MINUTE);
}

/** HH:MM in the store's time zone, as the till's clock on the wall shows it. */
function clock(store: Store, d: Date): string {
  const w = wallTime(d.getTime(), store.get('settings').company.timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

export interface AuthContext {
  purpose: AuthPurpose;
  /** For an override: the action it is asked for, and who asked. */
  action?: GuardedAction;
}

/**
 * Checks `code` and `pin`. A wrong PIN, an unknown code and an attempt while locked are written to
 * the audit trail (never the PIN); a successful login or unlock is too. An override's success is
 * recorded by approveOverride, with both operators.
 */
export function authenticate(store: Store, code: string, pin: string, ctx: AuthContext): AuthResult {
  const now = store.actor.now();
  const typed = code.trim().toUpperCase();
  const op = findOperator(store, typed);
  const what = ctx.purpose === 'override' && ctx.action ? `override for ${ACTION_LABEL[ctx.action]}` : ctx.purpose;
  if (!op) {
    store.audit({ kind: 'failed-pin', operator: typed || '(blank)', detail: `${what}: no operator with code ${typed || '(blank)'}` });
    return { ok: false, reason: 'unknown', message: `No operator with code ${typed || '(blank)'}` };
  }
  if (!op.active) {
    store.audit({ kind: 'failed-pin', operator: op.code, detail: `${what}: ${op.code} is inactive` });
    return { ok: false, reason: 'inactive', message: `${op.code} ${op.name} is inactive: a manager can make them active in Operators` };
  }
  const until = lockedUntil(store, op.code, now);
  if (until) {
    store.audit({ kind: 'locked-out', operator: op.code, detail: `${what} refused: locked after ${MAX_FAILED_PINS} wrong PINs until ${until.toISOString()}` });
    return { ok: false, reason: 'locked', lockedUntil: until.toISOString(),
      message: `${op.code} is locked after ${MAX_FAILED_PINS} wrong PINs until ${clock(store, until)}; a manager can unlock them in Operators` };
  }
  if (!verifyPin(pin, op.pinHash)) {
    store.audit({ kind: 'failed-pin', operator: op.code, detail: `${what}: wrong PIN` });
    // Read again at the clock's time now: the failure just written is stamped after `now` (the hash
    // check takes a while), and a window ending at `now` would miss it until the next try.
    const nowLocked = lockedUntil(store, op.code, store.actor.now());
    if (nowLocked) {
      store.audit({ kind: 'locked-out', operator: op.code, detail: `locked after ${MAX_FAILED_PINS} wrong PINs until ${nowLocked.toISOString()}` });
      return { ok: false, reason: 'locked', lockedUntil: nowLocked.toISOString(), message: `Wrong PIN: ${op.code} is now locked for ${LOCKOUT_MINUTES} minutes` };
    }
    return { ok: false, reason: 'wrong-pin', message: `Wrong PIN for ${op.code}` };
  }
  if (ctx.purpose !== 'override') store.audit({ kind: ctx.purpose === 'unlock' ? 'unlock' : 'login', operator: op.code, detail: `${ctx.purpose === 'command' ? 'command line' : ctx.purpose} as ${op.name} (${roleLabel(op.role)})` });
  return { ok: true, operator: op };
}

export interface OverrideRequest {
  action: GuardedAction;
  /** The operator who pressed the key. */
  asking: string;
  code: string;
  pin: string;
  /** The sale, line or document it is for. */
  ref?: string;
}

/** A supervisor's or manager's PIN typed for a cashier: recorded with both operators when granted. */
export function approveOverride(store: Store, req: OverrideRequest): AuthResult {
  const r = authenticate(store, req.code, req.pin, { purpose: 'override', action: req.action });
  if (!r.ok) return r;
  if (!roleAllows(r.operator.role, req.action)) {
    return { ok: false, reason: 'role', message: `${r.operator.code} is a ${r.operator.role}: ${ACTION_LABEL[req.action]} needs ${approverText(req.action)}` };
  }
  store.audit({ kind: 'override', operator: req.asking, approvedBy: r.operator.code, action: req.action, ...(req.ref ? { ref: req.ref } : {}),
    detail: `${ACTION_LABEL[req.action]} approved by ${r.operator.code} ${r.operator.name}` });
  return r;
}
