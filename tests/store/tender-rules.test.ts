// "Use Loyalty Plus Tender" makes a tender the Loyalty Plus tender: one tender, of kind loyalty.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { loyaltyPlusTenderProblems } from '../../src/store/tender-rules.js';

let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

describe('the Loyalty Plus tender', () => {
  it('is one tender of kind loyalty', () => {
    expect(loyaltyPlusTenderProblems([
      { code: 'LOY', kind: 'loyalty', useLoyaltyPlus: true },
      { code: 'LP2', kind: 'loyalty', useLoyaltyPlus: true },
      { code: 'CASH', kind: 'cash', useLoyaltyPlus: true },
      { code: 'CARD', kind: 'card', useLoyaltyPlus: false },
    ])).toEqual([
      { index: 1, message: 'LOY is already the Loyalty Plus tender: only one tender may be' },
      { index: 2, message: 'only a tender of kind loyalty can be the Loyalty Plus tender (CASH is cash)' },
    ]);
    expect(loyaltyPlusTenderProblems([{ code: 'LOY', kind: 'loyalty', useLoyaltyPlus: true }])).toEqual([]);
  });

  it('is enforced when tenders.json is written: a second one is refused at its field and nothing is saved', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tenders-')), 'store');
    store = await openStore(dir, { log: () => {} });
    await store.edit('tenders', (d) => {
      d.tenders.find((t) => t.code === 'LOY')!.useLoyaltyPlus = true;
    });
    const before = fs.readFileSync(path.join(dir, 'tenders.json'), 'utf8');
    await expect(store.edit('tenders', (d) => {
      d.tenders.push({ code: 'LP2', name: 'Points', kind: 'loyalty', ledgerAccount: '5100.000.000.00', useLoyaltyPlus: true });
    })).rejects.toThrow(/tenders\[4\]\.useLoyaltyPlus: LOY is already the Loyalty Plus tender/);
    expect(fs.readFileSync(path.join(dir, 'tenders.json'), 'utf8')).toBe(before);
  });
});
