import { describe, expect, it } from 'vitest';
import { EngineError, ERR } from '../../src/engine/errors.js';
import { assertPinFormat, hashPin, PIN_RULE, verifyPin } from '../../src/store/manager-pin.js';
import { DEMO_MANAGER_PIN, seedDemo } from '../../src/cli/demo.js';
import { quietStore, tempDir } from './helpers.js';

function refusal(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('expected an EngineError');
}

describe('assertPinFormat', () => {
  it.each(['1234', '00000000', '98765'])('takes %s', (pin) => {
    expect(() => assertPinFormat(pin)).not.toThrow();
  });

  it.each(['', '123', '123456789', '12a4', ' 1234', '1234 ', '12.4', '-1234', '١٢٣٤'])('refuses %j with BAD_PIN, never repeating it', (pin) => {
    const e = refusal(() => assertPinFormat(pin));
    expect(e.code).toBe(ERR.BAD_PIN);
    expect(e.message).toBe(PIN_RULE);
  });
});

describe('hashPin / verifyPin', () => {
  it('stores scrypt$<16-byte salt hex>$<hash hex>, never the PIN', () => {
    const hash = hashPin('4711');
    expect(hash).toMatch(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{128}$/);
    expect(hash).not.toContain('4711');
  });

  it('salts each hash: the same PIN hashes differently, and both verify', () => {
    const a = hashPin('1234');
    const b = hashPin('1234');
    expect(a).not.toBe(b);
    expect(verifyPin('1234', a)).toBe(true);
    expect(verifyPin('1234', b)).toBe(true);
  });

  it('refuses a wrong PIN', () => {
    const hash = hashPin('1234');
    expect(verifyPin('1235', hash)).toBe(false);
    expect(verifyPin('12345', hash)).toBe(false);
    expect(verifyPin('', hash)).toBe(false);
  });

  it('hashPin refuses a PIN of the wrong format', () => {
    expect(refusal(() => hashPin('12')).code).toBe(ERR.BAD_PIN);
  });

  it('is false when no PIN is set or the hash is malformed', () => {
    const good = hashPin('1234');
    const [, salt, key] = good.split('$') as [string, string, string];
    for (const bad of [
      '', 'scrypt', 'scrypt$$', `bcrypt$${salt}$${key}`, `scrypt$${salt}`, `scrypt$${salt}$${key}$x`,
      `scrypt$${salt.slice(2)}$${key}`, `scrypt$${salt}$${key.slice(2)}`, `scrypt$${salt}$${key.slice(0, 2)}`,
      `scrypt$${salt.replace(/./, 'g')}$${key}`, `scrypt$${salt}$${key.toUpperCase()}`,
    ]) {
      expect(verifyPin('1234', bad), bad).toBe(false);
    }
  });
});

describe('the demo store', () => {
  it('has manager PIN 1234, stored only as its hash', async () => {
    const { store } = await quietStore(`${tempDir()}/demo`);
    try {
      await seedDemo(store, () => new Date('2026-01-05T08:00:00Z'));
      const hash = store.get('settings').loyalty?.managerPinHash ?? '';
      expect(DEMO_MANAGER_PIN).toBe('1234');
      expect(verifyPin('1234', hash)).toBe(true);
      expect(hash).toMatch(/^scrypt\$/);
    } finally {
      store.close();
    }
  });
});
