// Operators, PINs, lockout and the audit trail at the store level (issue 6).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { approveOverride, authenticate, lockedUntil, operatorsRequired } from '../../src/store/operators/auth.js';
import { saveOperator, unlockOperator } from '../../src/store/operators/operators.js';
import { readAudit } from '../../src/store/audit/audit-log.js';
import { setupChanges } from '../../src/store/audit/setup-diff.js';
import type { Store } from '../../src/store/index.js';
import { quietStore, tempDir } from '../store/helpers.js';

async function storeAt(iso: string): Promise<{ store: Store; clock: { t: number } }> {
  const { store } = await quietStore(path.join(tempDir(), 's'));
  const clock = { t: Date.parse(iso) };
  store.setActor({ operator: 'system', now: () => new Date(clock.t) });
  return { store, clock };
}

async function withCrew(store: Store): Promise<void> {
  await saveOperator(store, { code: 'M1', name: 'Mandla', role: 'manager', pin: '9999', active: true }, 'add');
  await saveOperator(store, { code: 'S1', name: 'Sipho', role: 'supervisor', pin: '5555', active: true }, 'add');
  await saveOperator(store, { code: 'C1', name: 'Carol', role: 'cashier', pin: '1111', active: true }, 'add');
}

describe('operators', () => {
  it('keeps only a salted hash of the PIN, and the first operator must be a manager', async () => {
    const { store } = await storeAt('2026-12-01T08:00:00Z');
    expect(operatorsRequired(store)).toBe(false);
    await expect(saveOperator(store, { code: 'C1', name: 'Carol', role: 'cashier', pin: '1111', active: true }, 'add')).rejects.toThrow(/first operator must be a manager/);
    await withCrew(store);
    expect(operatorsRequired(store)).toBe(true);
    const text = fs.readFileSync(path.join(store.dir, 'operators.json'), 'utf8');
    expect(text).not.toMatch(/"1111"|"9999"/);
    const hashes = store.get('operators').operators.map((o) => o.pinHash);
    expect(new Set(hashes).size).toBe(3);
    await expect(saveOperator(store, { code: 'M1', name: 'Mandla', role: 'cashier', active: true }, 'edit')).rejects.toThrow(/active manager must remain/);
    await expect(saveOperator(store, { code: 'X1', name: 'Xoli', role: 'cashier', pin: '12', active: true }, 'add')).rejects.toThrow(/4 to 8 digits/);
    await expect(saveOperator(store, { code: 'C1', name: 'Again', role: 'cashier', pin: '1234', active: true }, 'add')).rejects.toThrow(/taken by Carol/);
  });

  it('audits setup changes with old and new values, and secrets only as changed', async () => {
    const { store } = await storeAt('2026-12-01T08:00:00Z');
    await withCrew(store);
    store.setActor({ operator: 'M1', till: 'T1', now: () => new Date('2026-12-01T09:00:00Z') });
    await store.edit('settings', (d) => { d.company.storeName = 'Corner Shop'; });
    await saveOperator(store, { code: 'C1', name: 'Carol', role: 'cashier', pin: '2222', active: true }, 'edit');
    const setup = readAudit(store.dir, { kinds: ['setup'] }).entries.filter((e) => e.operator === 'M1');
    expect(setup.find((e) => e.field === 'company.storeName')).toMatchObject({ ref: 'settings.json', till: 'T1', new: 'Corner Shop' });
    const pin = setup.find((e) => e.field === 'operators[C1].pinHash')!;
    expect(pin).toMatchObject({ old: 'set', new: 'changed' });
    expect(JSON.stringify(readAudit(store.dir).entries)).not.toMatch(/scrypt\$/);
    expect(setupChanges({ loyaltyPlus: { secretEnd: 'abc' } }, { loyaltyPlus: { secretEnd: 'xyz' } })).toEqual([{ field: 'loyaltyPlus.secretEnd', old: 'set', new: 'changed' }]);
  });
});

describe('PINs', () => {
  it('logs a login, records wrong PINs, and locks after five in a row until a manager unlocks', async () => {
    const { store, clock } = await storeAt('2026-12-01T08:00:00Z');
    await withCrew(store);
    expect(authenticate(store, 'c1', '1111', { purpose: 'login' })).toMatchObject({ ok: true, operator: { code: 'C1' } });
    for (let i = 1; i <= 4; i++) {
      clock.t += 1000;
      expect(authenticate(store, 'C1', '0000', { purpose: 'login' })).toMatchObject({ ok: false, reason: 'wrong-pin' });
    }
    clock.t += 1000;
    expect(authenticate(store, 'C1', '0000', { purpose: 'login' })).toMatchObject({ ok: false, reason: 'locked' });
    // Locked: even the right PIN is refused, and the attempt is recorded.
    expect(authenticate(store, 'C1', '1111', { purpose: 'login' })).toMatchObject({ ok: false, reason: 'locked' });
    expect(lockedUntil(store, 'C1', new Date(clock.t))).not.toBeNull();
    unlockOperator(store, 'C1');
    expect(authenticate(store, 'C1', '1111', { purpose: 'login' })).toMatchObject({ ok: true });
    const kinds = readAudit(store.dir, { operator: 'C1' }).entries.map((e) => e.kind);
    expect(kinds).toEqual(['login', 'failed-pin', 'failed-pin', 'failed-pin', 'failed-pin', 'failed-pin', 'locked-out', 'locked-out', 'login']);
    expect(JSON.stringify(readAudit(store.dir).entries)).not.toMatch(/0000|1111/);
  });

  it('says until when in the store\'s time zone', async () => {
    const { store } = await storeAt('2026-12-01T08:00:00Z');
    await store.edit('settings', (d) => { d.company.timeZone = 'Africa/Johannesburg'; });
    await withCrew(store);
    for (let i = 0; i < 5; i++) authenticate(store, 'C1', '0000', { purpose: 'login' });
    const r = authenticate(store, 'C1', '1111', { purpose: 'login' });
    expect(r).toMatchObject({ ok: false, reason: 'locked', lockedUntil: '2026-12-01T08:15:00.000Z' });
    expect(r.ok ? '' : r.message).toBe('C1 is locked after 5 wrong PINs until 10:15; a manager can unlock them in Operators');
  });

  it('a lockout ends by itself after fifteen minutes', async () => {
    const { store, clock } = await storeAt('2026-12-01T08:00:00Z');
    await withCrew(store);
    for (let i = 0; i < 5; i++) authenticate(store, 'S1', '0000', { purpose: 'login' });
    expect(authenticate(store, 'S1', '5555', { purpose: 'login' }).ok).toBe(false);
    clock.t += 15 * 60_000 + 1000;
    expect(authenticate(store, 'S1', '5555', { purpose: 'login' }).ok).toBe(true);
  });

  it('an override needs the right role and is recorded with both operators', async () => {
    const { store } = await storeAt('2026-12-01T08:00:00Z');
    await withCrew(store);
    expect(approveOverride(store, { action: 'refund', asking: 'C1', code: 'C1', pin: '1111' })).toMatchObject({ ok: false, reason: 'role' });
    expect(approveOverride(store, { action: 'payout', asking: 'C1', code: 'S1', pin: '5555' })).toMatchObject({ ok: false, reason: 'role' });
    expect(approveOverride(store, { action: 'refund', asking: 'C1', code: 'S1', pin: '0000' })).toMatchObject({ ok: false, reason: 'wrong-pin' });
    expect(approveOverride(store, { action: 'refund', asking: 'C1', code: 'S1', pin: '5555', ref: 'T1-000001' })).toMatchObject({ ok: true });
    const granted = readAudit(store.dir, { kinds: ['override'] }).entries;
    expect(granted).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'S1', action: 'refund', ref: 'T1-000001' })]);
  });

  it('a torn last audit line is skipped and counted, later entries still read', async () => {
    const { store } = await storeAt('2026-12-01T08:00:00Z');
    await withCrew(store);
    const file = path.join(store.dir, 'audit', '2026-12.jsonl');
    fs.appendFileSync(file, '0000abcd {"at":"2026-12-01T08:0');
    fs.appendFileSync(file, '\n');
    authenticate(store, 'M1', '9999', { purpose: 'login' });
    const read = readAudit(store.dir);
    expect(read.damaged).toBe(1);
    expect(read.entries.at(-1)).toMatchObject({ kind: 'login', operator: 'M1' });
  });
});
