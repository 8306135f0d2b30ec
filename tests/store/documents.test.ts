import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDocuments, openStore, StoreError, storeFs } from '../../src/store/index.js';
import { quietStore, tempDir } from './helpers.js';

const realRename = storeFs.renameSync;
afterEach(() => {
  storeFs.renameSync = realRename;
});

async function refused(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected a StoreError');
}

const readJson = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown>;

describe('a new store', () => {
  it('gets the working defaults of SPEC section 6', async () => {
    const dir = path.join(tempDir(), 'new-store');
    const { store } = await quietStore(dir);
    const settings = store.get('settings');
    expect(settings.schemaVersion).toBe(1);
    expect(settings.defaults2.loyaltyProvider).toBe('built-in');
    expect(settings.company).toMatchObject({ currencySymbol: 'R', currencyDecimals: 2, financialYearStartMonth: 3, cashRounding: 0 });
    expect(settings.company.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(store.get('items').items).toEqual([]);
    const tenders = store.get('tenders').tenders;
    expect(tenders.map((t) => [t.code, t.kind])).toEqual([['CASH', 'cash'], ['CARD', 'card'], ['ACC', 'account'], ['LOY', 'loyalty']]);
    const accounts = new Map(store.get('accounts').accounts.map((a) => [a.code, a]));
    for (const t of tenders) expect(accounts.has(t.ledgerAccount)).toBe(true);
    expect(accounts.get('3700.000.000.00')).toMatchObject({ name: 'Cash on Hand Control', type: 'asset' });
    const typeOf = (code: string) => accounts.get(code)?.type;
    expect(typeOf(settings.ledger.sales)).toBe('income');
    expect(typeOf(settings.ledger.vatOutput)).toBe('liability');
    expect(typeOf(settings.ledger.debtorsControl)).toBe('asset');
    expect(typeOf(settings.ledger.loyaltiesAccrued)).toBe('liability');
    expect(typeOf(settings.ledger.loyaltiesRedeemed)).toBe('expense');
    expect(['income', 'expense']).toContain(typeOf(settings.ledger.cashRounding));
    for (const f of ['settings.json', 'items.json', 'tenders.json', 'accounts.json']) expect(fs.existsSync(path.join(dir, f))).toBe(true);
    for (const d of ['journals', 'locks', 'open', 'logs']) expect(fs.statSync(path.join(dir, d)).isDirectory()).toBe(true);
    store.close();
    const other = await quietStore(path.join(tempDir(), 'second'));
    expect(other.store.get('settings').storeId).not.toBe(settings.storeId);
    other.store.close();
  });

  it('defaultDocuments uses the time zone it is given', () => {
    expect(defaultDocuments('Africa/Johannesburg').settings.company.timeZone).toBe('Africa/Johannesburg');
  });

  it('refuses a missing folder without create, and a folder of other files', async () => {
    const missing = path.join(tempDir(), 'nope');
    expect((await refused(openStore(missing, { create: false }))).code).toBe('NOT_A_STORE');
    expect(fs.existsSync(missing)).toBe(false);
    const foreign = tempDir();
    fs.writeFileSync(path.join(foreign, 'thesis.docx'), 'x');
    const err = await refused(openStore(foreign, { stderr: false }));
    expect(err.code).toBe('NOT_A_STORE');
    expect(err.message).toMatch(/thesis\.docx/);
    expect(fs.readdirSync(foreign)).toEqual(['thesis.docx']);
  });
});

describe('documents', () => {
  it('edit refuses an invalid change naming file and field, and changes nothing', async () => {
    const dir = tempDir();
    const { store } = await quietStore(dir);
    await store.edit('items', (d) => void d.items.push({ code: 'BREAD', barcode: '6001', description: 'Bread', price: 1999, taxRate: 1500 }));
    const before = fs.readFileSync(path.join(dir, 'items.json'), 'utf8');
    const err = await refused(store.edit('items', (d) => void d.items.push({ code: 'MILK', barcode: '', description: 'Milk', price: 12.5, taxRate: 1500 })));
    expect(err.code).toBe('INVALID');
    expect(err.message).toBe('items.json: items[1].price: expected a whole number of cents');
    expect(err.file).toBe('items.json');
    expect(err.field).toBe('items[1].price');
    expect(fs.readFileSync(path.join(dir, 'items.json'), 'utf8')).toBe(before);
    expect(store.get('items').items).toHaveLength(1);
    const dup = await refused(store.edit('items', (d) => void d.items.push({ code: 'BREAD', barcode: '7', description: 'Again', price: 1, taxRate: 0 })));
    expect(dup.message).toBe('items.json: items[1].code: item code BREAD is already used by entry 1');
    store.close();
  });

  it('refuses a hand-edited invalid document at open, naming file and field', async () => {
    const dir = tempDir();
    (await quietStore(dir)).store.close();
    const f = path.join(dir, 'tenders.json');
    const doc = readJson(f) as { tenders: { kind: string }[] };
    doc.tenders[2]!.kind = 'cheque';
    fs.writeFileSync(f, JSON.stringify(doc));
    const err = await refused(openStore(dir, { stderr: false }));
    expect(err.code).toBe('INVALID');
    expect(err.message).toMatch(/^tenders\.json: tenders\[2\]\.kind: expected one of cash, card, account, loyalty, other$/);
    expect(err.field).toBe('tenders[2].kind');
  });

  it('refuses a document from a newer tillpoint', async () => {
    const dir = tempDir();
    (await quietStore(dir)).store.close();
    const f = path.join(dir, 'items.json');
    fs.writeFileSync(f, JSON.stringify({ schemaVersion: 7, items: [], shelves: [] }));
    const err = await refused(openStore(dir, { stderr: false }));
    expect(err.code).toBe('NEWER_SCHEMA');
    expect(err.message).toBe('items.json has schema version 7; this tillpoint reads up to 1: install a newer tillpoint');
    expect(readJson(f)).toEqual({ schemaVersion: 7, items: [], shelves: [] });
  });

  it('migrates an older document and writes it back, keeping the old one as .bak', async () => {
    const dir = tempDir();
    (await quietStore(dir)).store.close();
    const f = path.join(dir, 'settings.json');
    const { schemaVersion: _v, ...v0 } = readJson(f);
    fs.writeFileSync(f, JSON.stringify(v0));
    const { store, warnings } = await quietStore(dir);
    expect(store.get('settings').schemaVersion).toBe(1);
    expect(readJson(f).schemaVersion).toBe(1);
    expect(readJson(`${f}.bak`).schemaVersion).toBeUndefined();
    expect(warnings.some((w) => /settings\.json was schema version 0; migrated/.test(w))).toBe(true);
    store.close();
  });

  it('get re-reads a document another process changed, and hands out frozen copies', async () => {
    const dir = tempDir();
    const a = (await quietStore(dir)).store;
    const b = (await quietStore(dir)).store; // stands in for another process: its own cache
    expect(b.get('items').items).toEqual([]);
    await a.edit('items', (d) => void d.items.push({ code: 'EGGS', barcode: '', description: 'Eggs', price: 4599, taxRate: 1500 }));
    expect(b.get('items').items.map((i) => i.code)).toEqual(['EGGS']);
    expect(() => (b.get('items').items as unknown[]).push({})).toThrow(TypeError);
    // b's edit re-reads from disk first, so a's item survives.
    await b.edit('items', (d) => void d.items.push({ code: 'SALT', barcode: '', description: 'Salt', price: 999, taxRate: 1500 }));
    expect(a.get('items').items.map((i) => i.code)).toEqual(['EGGS', 'SALT']);
    a.close();
    b.close();
  });

  it('on a failed write, memory is reloaded from disk and the error rethrown', async () => {
    const dir = tempDir();
    const { store } = await quietStore(dir);
    storeFs.renameSync = (from, to) => {
      if (String(to).endsWith(`${path.sep}settings.json`)) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      realRename(from, to);
    };
    const err = await refused(store.edit('settings', (d) => void (d.company.storeName = 'Corner Shop')));
    expect(err.code).toBe('IO');
    storeFs.renameSync = realRename;
    expect(store.get('settings').company.storeName).toBe('My Store');
    expect((readJson(path.join(dir, 'settings.json')).company as { storeName: string }).storeName).toBe('My Store');
    store.close();
  });

  it('an empty document found at open is restored from .bak loudly', async () => {
    const dir = tempDir();
    const { store } = await quietStore(dir);
    await store.edit('items', (d) => void d.items.push({ code: 'A', barcode: '', description: 'A', price: 1, taxRate: 0 }));
    await store.edit('items', (d) => void d.items.push({ code: 'B', barcode: '', description: 'B', price: 2, taxRate: 0 }));
    store.close();
    fs.writeFileSync(path.join(dir, 'items.json'), '');
    const again = await quietStore(dir);
    expect(again.store.get('items').items.map((i) => i.code)).toEqual(['A']);
    expect(again.warnings.some((w) => /items\.json is empty; restored it from items\.json\.bak/.test(w))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'logs/tillpoint.log'), 'utf8')).toMatch(/items\.json is empty; restored/);
    again.store.close();
  });

  it('a store fresh from its first open can already recover a damaged document from .bak', async () => {
    const dir = tempDir();
    (await quietStore(dir)).store.close();
    const good = fs.readFileSync(path.join(dir, 'tenders.json'), 'utf8');
    fs.writeFileSync(path.join(dir, 'tenders.json'), '');
    const { store, warnings } = await quietStore(dir);
    expect(store.get('tenders').tenders.map((t) => t.code)).toEqual(['CASH', 'CARD', 'ACC', 'LOY']);
    expect(fs.readFileSync(path.join(dir, 'tenders.json'), 'utf8')).toBe(good);
    expect(warnings.some((m) => /tenders\.json .*restored it from tenders\.json\.bak/.test(m))).toBe(true);
    store.close();
  });

  it('a damaged document with no backup stops the store from opening', async () => {
    const dir = tempDir();
    (await quietStore(dir)).store.close();
    // Every document has a .bak from its first write: take that away too.
    fs.rmSync(path.join(dir, 'accounts.json.bak'));
    fs.writeFileSync(path.join(dir, 'accounts.json'), '{');
    const err = await refused(openStore(dir, { stderr: false }));
    expect(err.code).toBe('CORRUPT');
    expect(err.file).toBe('accounts.json');
    expect(fs.readFileSync(path.join(dir, 'accounts.json'), 'utf8')).toBe('{');
  });
});
