// The store-level checks behind the Loyalties screens and Delete Loyalty tables: once operators
// exist, a payout, an adjustment and a delete refuse NOT_ALLOWED unless the acting operator is a
// manager or a manager approved it; nothing is written then. Without operators the manager PIN
// above the threshold still guards adjustments.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ERR } from '../../src/engine/errors.js';
import { backOffice, type AdjustRequest } from '../../src/store/index.js';
import { backupLoyaltyTables, DELETE_CONFIRMATION, deleteLoyaltyTables } from '../../src/store/loyalty-tables/index.js';
import { seededStore, sellMay, type Seeded } from '../screens/loyalties/fixtures.js';
import { addCrew, audit } from './crew.js';

let tmp: Seeded | undefined;
afterEach(() => {
  tmp?.cleanup();
  tmp = undefined;
});

/** D1 has R12.50 Available after May's accrual; the crew exists and `code` acts. */
async function books(code: string | null): Promise<Seeded> {
  tmp = await seededStore();
  sellMay(tmp);
  tmp.setNow('2026-06-10T08:00:00Z');
  await backOffice(tmp.store).accrue({ kinds: ['monthly-payment', 'monthly-journal'], zeroUnused: false, operator: 'system' });
  if (code !== null) {
    await addCrew(tmp.store);
    tmp.store.setActor({ operator: code, now: () => new Date() });
  }
  return tmp;
}

const backOfficeLines = (t: Seeded): number => fs.readFileSync(path.join(t.store.dir, 'journals', 'BACKOFFICE.jsonl'), 'utf8').trim().split('\n').length;
const available = (t: Seeded): number => backOffice(t.store).enquiry('D1').balances.available;
const notAllowed = { code: ERR.NOT_ALLOWED };
const payout = { debtor: 'D1', amount: 500, method: 'cash' as const, operator: 'C1' };
const bigAdjust: AdjustRequest = { from: 'D1', to: 'D1', change: { kind: 'amount', amount: 60000 }, reason: 'goodwill', operator: 'C1' };

describe('payouts and adjustments with operators', () => {
  it("refuse a cashier's payout, a supervisor's approval too, and write nothing", async () => {
    const t = await books('C1');
    const lines = backOfficeLines(t);
    expect(() => backOffice(t.store).payout(payout)).toThrow(expect.objectContaining(notAllowed));
    expect(() => backOffice(t.store).payout({ ...payout, approvedBy: 'S1' })).toThrow(/Loyalty payout needs a manager/);
    expect(backOfficeLines(t)).toBe(lines);
    expect(available(t)).toBe(1250);
    expect(audit(t.store, ['payout'])).toEqual([]);
  });

  it("allow a cashier's payout a manager approved, with the approver on the record and in the audit trail", async () => {
    const t = await books('C1');
    const doc = backOffice(t.store).payout({ ...payout, approvedBy: 'M1' });
    expect(available(t)).toBe(750);
    expect(audit(t.store, ['payout'])).toEqual([expect.objectContaining({ operator: 'C1', approvedBy: 'M1', action: 'payout', ref: doc.number })]);
    const last = fs.readFileSync(path.join(t.store.dir, 'journals', 'BACKOFFICE.jsonl'), 'utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(last.slice(9))).toMatchObject({ operator: 'C1', approvedBy: 'M1', doc: { number: doc.number, action: 'payout' } });
  });

  it('need the manager role for every adjustment, and no manager PIN above the threshold any more', async () => {
    const t = await books('S1');
    const lines = backOfficeLines(t);
    // Below the threshold too: once operators exist every adjustment is a manager's.
    const small = { ...bigAdjust, change: { kind: 'amount' as const, amount: 100 }, operator: 'S1' };
    expect(() => backOffice(t.store).adjust(small)).toThrow(expect.objectContaining(notAllowed));
    expect(backOfficeLines(t)).toBe(lines);
    expect(backOffice(t.store).previewAdjustment(bigAdjust).needsPin).toBe(false);
    const done = backOffice(t.store).adjust({ ...bigAdjust, operator: 'S1', approvedBy: 'M1' });
    expect(done.document).toMatch(/^BACKOFFICE-/);
    expect(available(t)).toBe(1250 + 60000);
    expect(audit(t.store, ['adjustment'])).toEqual([expect.objectContaining({ operator: 'S1', approvedBy: 'M1', action: 'loyalty-adjust', ref: done.document })]);

    t.store.setActor({ operator: 'M1', now: () => new Date() });
    const alone = backOffice(t.store).adjust({ ...small, operator: 'M1' });
    const line = audit(t.store, ['adjustment']).find((e) => e.ref === alone.document)!;
    expect(line).toMatchObject({ operator: 'M1' });
    expect(line.approvedBy).toBeUndefined();
  });

  it('without operators: the manager PIN above the threshold, as before', async () => {
    const t = await books(null);
    expect(backOffice(t.store).previewAdjustment(bigAdjust).needsPin).toBe(true);
    expect(() => backOffice(t.store).adjust(bigAdjust)).toThrow(expect.objectContaining({ code: ERR.BAD_PIN }));
    const doc = backOffice(t.store).payout(payout);
    expect(audit(t.store, ['payout'])).toEqual([expect.objectContaining({ operator: 'system', ref: doc.number })]);
  });
});

describe('Delete Loyalty tables with operators', () => {
  it("refuses a supervisor before anything else, and deletes with a manager's approval", async () => {
    const t = await books('S1');
    const { dir } = await backupLoyaltyTables(t.store, { now: new Date('2026-06-10T09:00:00Z') });
    const req = { backup: dir, confirmation: DELETE_CONFIRMATION, operator: 'S1', now: new Date('2026-06-10T09:05:00Z') };
    const account = t.store.get('accounts').accounts.find((a) => a.code !== t.store.get('settings').ledger.loyaltiesAccrued)!.code;
    const lines = backOfficeLines(t);
    await expect(deleteLoyaltyTables(t.store, { ...req, account })).rejects.toMatchObject(notAllowed);
    await expect(deleteLoyaltyTables(t.store, { ...req, account, approvedBy: 'S1' })).rejects.toThrow(/Delete Loyalty tables needs a manager/);
    expect(backOfficeLines(t)).toBe(lines);
    expect(fs.existsSync(path.join(t.store.dir, 'archive'))).toBe(false);
    const done = await deleteLoyaltyTables(t.store, { ...req, account, approvedBy: 'M1' });
    expect(available(t)).toBe(0);
    expect(audit(t.store, ['loyalty-tables'])).toEqual([expect.objectContaining({ operator: 'S1', approvedBy: 'M1', action: 'delete-loyalty-tables', ref: done.document })]);
  });
});
