// debtors.json and contracts.json: validated naming file and field like the first four documents,
// and created quietly in a store from before they existed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, StoreError, type Debtor } from '../../src/store/index.js';
import { quietStore, tempDir } from './helpers.js';

async function refused(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected a StoreError');
}

function debtor(code: string, over: Partial<Debtor> = {}): Debtor {
  return {
    code,
    name: `Debtor ${code}`,
    cellphone: '+27821234567',
    email: 'a@example.co.za',
    account: { creditLimit: 100000, onHold: false },
    loyalty: {
      applicable: 'monthly-payment',
      excludeFromContracts: false,
      tiers: [{ target: 20000, rate: 250 }, { target: 50000, rate: 300 }],
      switchedOnAt: '2026-03-01T07:00:00.000Z',
    },
    ...over,
  };
}

describe('debtors.json and contracts.json', () => {
  it('a new store has both, empty', async () => {
    const dir = tempDir();
    const { store, warnings } = await quietStore(dir);
    expect(store.get('debtors')).toEqual({ schemaVersion: 1, debtors: [] });
    expect(store.get('contracts')).toEqual({ schemaVersion: 1, contracts: [] });
    expect(fs.existsSync(path.join(dir, 'debtors.json'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'contracts.json'))).toBe(true);
    expect(warnings).toEqual([]);
    store.close();
  });

  it('accepts valid debtors and contracts, and items with or without loyalty', async () => {
    const { store } = await quietStore(tempDir());
    await store.edit('debtors', (d) => void d.debtors.push(debtor('D1'), debtor('D2', { cellphone: '', email: '', loyalty: { applicable: 'no', excludeFromContracts: true, tiers: [], switchedOnAt: null } })));
    await store.edit('items', (d) => void d.items.push(
      { code: 'MILK', barcode: '', description: 'Milk', price: 3299, taxRate: 0 },
      { code: 'TEA', barcode: '', description: 'Tea', price: 4999, taxRate: 1500, loyalty: { loyaltyApplicable: true, loyaltyRate: 1000 } },
    ));
    await store.edit('contracts', (d) => void d.contracts.push({ debtor: 'D1', item: 'MILK', price: 2999, excludeFromRebates: false }, { debtor: 'D2', item: 'MILK', price: 3099, excludeFromRebates: true }));
    expect(store.get('debtors').debtors.map((d) => d.code)).toEqual(['D1', 'D2']);
    expect(store.get('contracts').contracts).toHaveLength(2);
    store.close();
  });

  it.each<[string, (d: Debtor) => void, string]>([
    ['cellphone', (d) => void (d.cellphone = '082 123'), 'debtors.json: debtors[0].cellphone: expected a cellphone number: 7-15 digits with an optional leading + (empty when none)'],
    ['email', (d) => void (d.email = 'nobody'), 'debtors.json: debtors[0].email: expected an email address like name@example.co.za (empty when none)'],
    ['name', (d) => void (d.name = 'x'.repeat(61)), 'debtors.json: debtors[0].name: expected text of at most 60 characters'],
    ['credit limit', (d) => void (d.account.creditLimit = 10.5), 'debtors.json: debtors[0].account.creditLimit: expected a whole number of cents'],
    ['loyalty option', (d) => void ((d.loyalty as { applicable: string }).applicable = 'weekly'), 'debtors.json: debtors[0].loyalty.applicable: expected one of no, monthly-journal, quarterly-journal, yearly-journal, monthly-payment, quarterly-payment'],
    ['tier order', (d) => void (d.loyalty.tiers[1]!.target = 20000), 'debtors.json: debtors[0].loyalty.tiers[1].target: expected more than the target before it (20000 cents): targets ascend strictly'],
    ['tier rate', (d) => void (d.loyalty.tiers[0]!.rate = 10001), 'debtors.json: debtors[0].loyalty.tiers[0].rate: expected basis points: a whole number from 0 to 10000 (15% = 1500)'],
    ['switch-on', (d) => void (d.loyalty.switchedOnAt = null), 'debtors.json: debtors[0].loyalty.switchedOnAt: expected an ISO date-time with an offset, e.g. 2026-03-31T22:00:00Z: loyalty is on (monthly-payment), so it needs its switch-on time'],
    ['switch-on text', (d) => void (d.loyalty.switchedOnAt = '2026-02-30T00:00:00Z'), 'debtors.json: debtors[0].loyalty.switchedOnAt: expected an ISO date-time with an offset, e.g. 2026-03-31T22:00:00Z'],
  ])('refuses a bad %s naming file and field, changing nothing', async (_what, spoil, message) => {
    const dir = tempDir();
    const { store } = await quietStore(dir);
    const before = fs.readFileSync(path.join(dir, 'debtors.json'), 'utf8');
    const err = await refused(store.edit('debtors', (d) => {
      const bad = debtor('D1');
      spoil(bad);
      d.debtors.push(bad);
    }));
    expect(err.code).toBe('INVALID');
    expect(err.message).toBe(message);
    expect(err.file).toBe('debtors.json');
    expect(fs.readFileSync(path.join(dir, 'debtors.json'), 'utf8')).toBe(before);
    expect(store.get('debtors').debtors).toEqual([]);
    store.close();
  });

  it('refuses a second debtor with the same code and a second contract for one debtor and item', async () => {
    const { store } = await quietStore(tempDir());
    const dup = await refused(store.edit('debtors', (d) => void d.debtors.push(debtor('D1'), debtor('D1'))));
    expect(dup.message).toBe('debtors.json: debtors[1].code: debtor code D1 is already used by entry 1');
    const twice = await refused(store.edit('contracts', (d) => void d.contracts.push(
      { debtor: 'D1', item: 'MILK', price: 100, excludeFromRebates: false },
      { debtor: 'D1', item: 'TEA', price: 100, excludeFromRebates: false },
      { debtor: 'D1', item: 'MILK', price: 200, excludeFromRebates: true },
    )));
    expect(twice.message).toBe('contracts.json: contracts[2].item: debtor D1 already has a contract for item MILK (entry 1)');
    expect(twice.field).toBe('contracts[2].item');
    const price = await refused(store.edit('contracts', (d) => void d.contracts.push({ debtor: 'D1', item: 'MILK', price: 1.5, excludeFromRebates: false })));
    expect(price.message).toBe('contracts.json: contracts[0].price: expected a whole number of cents');
    store.close();
  });

  it('refuses an item loyalty setting that is not yes/no or whose rate is out of range', async () => {
    const { store } = await quietStore(tempDir());
    const flag = await refused(store.edit('items', (d) => void d.items.push({ code: 'A', barcode: '', description: 'A', price: 1, taxRate: 0, loyalty: { loyaltyApplicable: 'yes' as unknown as boolean } })));
    expect(flag.message).toBe('items.json: items[0].loyalty.loyaltyApplicable: expected true or false');
    const rate = await refused(store.edit('items', (d) => void d.items.push({ code: 'A', barcode: '', description: 'A', price: 1, taxRate: 0, loyalty: { loyaltyApplicable: true, loyaltyRate: 2.5 } })));
    expect(rate.field).toBe('items[0].loyalty.loyaltyRate');
    store.close();
  });

  it('refuses a hand-edited debtors.json at open, naming file and field', async () => {
    const dir = tempDir();
    const { store } = await quietStore(dir);
    await store.edit('debtors', (d) => void d.debtors.push(debtor('D1')));
    store.close();
    const f = path.join(dir, 'debtors.json');
    const doc = JSON.parse(fs.readFileSync(f, 'utf8'));
    doc.debtors[0].loyalty.excludeFromContracts = 'no';
    fs.writeFileSync(f, JSON.stringify(doc));
    const err = await refused(openStore(dir, { stderr: false }));
    expect(err.message).toBe('debtors.json: debtors[0].loyalty.excludeFromContracts: expected true or false');
  });
});

describe('a store from before debtors and contracts existed', () => {
  it('opens quietly and gets them, empty', async () => {
    const dir = tempDir();
    (await quietStore(dir)).store.close();
    // What an older tillpoint left: the first four documents (and their .bak) only.
    for (const f of ['debtors.json', 'contracts.json']) {
      fs.rmSync(path.join(dir, f));
      fs.rmSync(path.join(dir, `${f}.bak`), { force: true });
    }
    const { store, warnings } = await quietStore(dir, false);
    expect(warnings).toEqual([]);
    expect(store.get('debtors').debtors).toEqual([]);
    expect(store.get('contracts').contracts).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'debtors.json'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'contracts.json'))).toBe(true);
    store.close();
  });

  it('a lost debtors.json is reported (its .bak proves it existed)', async () => {
    const dir = tempDir();
    const first = (await quietStore(dir)).store;
    await first.edit('debtors', (d) => void d.debtors.push(debtor('D1')));
    first.close();
    fs.rmSync(path.join(dir, 'debtors.json'));
    const { store, warnings } = await quietStore(dir);
    expect(warnings.some((w) => /debtors\.json was missing; created it with the defaults/.test(w))).toBe(true);
    store.close();
  });

  it('still warns when one of the first four documents is missing', async () => {
    const dir = tempDir();
    (await quietStore(dir)).store.close();
    fs.rmSync(path.join(dir, 'tenders.json'));
    const { store, warnings } = await quietStore(dir);
    expect(warnings).toEqual([expect.stringMatching(/tenders\.json was missing; created it with the defaults of a new store/)]);
    store.close();
  });

  it('migrates a debtors.json without a schema version', async () => {
    const dir = tempDir();
    (await quietStore(dir)).store.close();
    fs.writeFileSync(path.join(dir, 'debtors.json'), JSON.stringify({ debtors: [debtor('D1')] }));
    const { store, warnings } = await quietStore(dir);
    expect(store.get('debtors').schemaVersion).toBe(1);
    expect(store.get('debtors').debtors[0]!.code).toBe('D1');
    expect(warnings.some((w) => /debtors\.json was schema version 0; migrated/.test(w))).toBe(true);
    store.close();
  });
});
