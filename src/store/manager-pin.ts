// The manager PIN: only its scrypt hash is stored (settings.json loyalty.managerPinHash). A PIN of
// 4-8 digits has at most 10^8 values, so the hash is salted and slow by design; nothing here ever
// puts the PIN itself into a message, a log line or a file.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { assert, ERR } from '../engine/errors.js';

const SCHEME = 'scrypt';
const SALT_BYTES = 16;
const KEY_BYTES = 64;
const HEX = /^(?:[0-9a-f]{2})+$/;

export const PIN_RULE = 'Manager PIN: 4 to 8 digits (0-9)';

/** Throws EngineError BAD_PIN unless `pin` is 4-8 digits; the message never repeats the PIN. */
export function assertPinFormat(pin: string): void {
  assert(typeof pin === 'string' && /^\d{4,8}$/.test(pin), ERR.BAD_PIN, PIN_RULE);
}

/** `scrypt$<saltHex>$<hashHex>` with a fresh random salt, so equal PINs hash differently. */
export function hashPin(pin: string): string {
  assertPinFormat(pin);
  const salt = randomBytes(SALT_BYTES);
  const key = scryptSync(pin, salt, KEY_BYTES);
  return `${SCHEME}$${salt.toString('hex')}$${key.toString('hex')}`;
}

/** True when `pin` matches `hash`; false for no PIN set (''), a malformed hash, or a wrong PIN. */
export function verifyPin(pin: string, hash: string): boolean {
  if (typeof pin !== 'string' || typeof hash !== 'string' || hash === '') return false;
  const parts = hash.split('$');
  if (parts.length !== 3 || parts[0] !== SCHEME) return false;
  const [, saltHex = '', keyHex = ''] = parts;
  // A short key would let a wrong PIN match by chance, so only the full length counts as a hash.
  if (saltHex.length !== SALT_BYTES * 2 || keyHex.length !== KEY_BYTES * 2 || !HEX.test(saltHex) || !HEX.test(keyHex)) return false;
  const expected = Buffer.from(keyHex, 'hex');
  const actual = scryptSync(pin, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}
