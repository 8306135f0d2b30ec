// A damaged or stale journals/loyalty-book.jsonl is not trusted (books-snapshot.ts): the book warns
// and gives the figures of a full scan (balances, account balances, trial balance, period sales and
// the enquiry's rows), never the snapshot's.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { backOffice } from '../../src/store/back-office.js';
import { BOOK_FILE } from '../../src/store/books-snapshot.js';
import { tempDir } from '../cli/run-cli.js';
import { bookFigures, replayFigures } from './figures.js';
import { books, debtor } from './setup.js';

const CODES = ['J1', 'P1', 'Q1'];
const AT = '2026-07-15T10:00:00Z';
let source = '';
let copies = 0;

beforeAll(async () => {
  const b = await books([debtor('J1', 'monthly-journal'), debtor('P1', 'monthly-payment'), debtor('Q1', 'quarterly-payment')]);
  b.sell('J1', 300);
  const acc = b.sell('P1', 600, 'ACC');
  b.sell('Q1', 800);
  b.setNow('2026-06-01T08:00:00Z');
  // The run ends by saving the snapshot; what follows is the journals' tail.
  await b.bo.accrue({ kinds: ['monthly-journal', 'monthly-payment', 'quarterly-payment'], zeroUnused: false, operator: 'system' });
  expect(fs.existsSync(path.join(b.dir, BOOK_FILE))).toBe(true);
  b.setNow('2026-06-30T21:30:00Z'); // 23:30 on 30 June in Johannesburg, already July further east
  b.sell('J1', 120);
  b.till.refund(acc.saleNumber, [{ lineNo: 1, qty: 100 }], 'CASH');
  b.bo.payout({ debtor: 'P1', amount: 500, method: 'cash', operator: 'm' });
  b.bo.receivePayment({ debtor: 'P1', amount: 10000, tenderCode: 'CARD', operator: 'm' });
  b.till.close();
  b.store.close();
  source = b.dir;
});

function copy(): string {
  const dir = path.join(tempDir('snapshot-trust-'), `copy-${++copies}`);
  fs.cpSync(source, dir, { recursive: true });
  return dir;
}

/** What a fresh process sees: figures, period sales and rows of every debtor, and its warnings. */
async function seen(dir: string) {
  const warnings: string[] = [];
  const store = await openStore(dir, { log: (m) => warnings.push(m), stderr: false });
  try {
    const bo = backOffice(store, () => new Date(AT));
    const views = Object.fromEntries(CODES.map((c) => {
      const e = bo.enquiry(c);
      return [c, { periodSales: e.periodSales, period: e.period.key, rows: e.rows }];
    }));
    return { figures: bookFigures(bo, CODES), views, replayed: replayFigures(store, CODES, AT), warnings };
  } finally {
    store.close();
  }
}

const removeSnapshot = (dir: string) => fs.rmSync(path.join(dir, BOOK_FILE), { force: true });
/** Rewrites the snapshot (a head line, one [code, entry] line per debtor, an end line) after `change`. */
const editSnapshot = (dir: string, change: (head: any, debtors: Map<string, any>) => void) => {
  const p = path.join(dir, BOOK_FILE);
  const lines = fs.readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const head = lines[0];
  const debtors = new Map<string, any>(lines.slice(1, -1));
  change(head, debtors);
  fs.writeFileSync(p, `${[head, ...debtors, lines.at(-1)].map((v) => JSON.stringify(v)).join('\n')}\n`);
};
const truncate = (file: string) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));

/**
 * Applies `change` (to the store, the snapshot or both) to one copy, and the same change with the
 * snapshot deleted to another: the first must warn `warning` and see exactly what the second sees.
 */
async function expectFullScan(change: (dir: string) => void | Promise<void>, warning: RegExp) {
  const damaged = copy();
  await change(damaged);
  const scanned = copy();
  await change(scanned);
  removeSnapshot(scanned);
  const got = await seen(damaged);
  const want = await seen(scanned);
  expect(got.warnings.join('\n')).toMatch(warning);
  expect(want.warnings.join('\n')).not.toMatch(/loyalty-book/);
  expect(got.figures).toEqual(want.figures);
  expect(got.views).toEqual(want.views);
  expect(want.figures).toEqual(want.replayed);
  return want;
}

describe('a damaged or stale books snapshot', () => {
  it('is used when it checks out: same figures as a full scan, and no warning', async () => {
    const dir = copy();
    const got = await seen(dir);
    expect(got.warnings).toEqual([]);
    expect(got.figures).toEqual(got.replayed);
    removeSnapshot(dir);
    const scanned = await seen(dir);
    expect(scanned.figures).toEqual(got.figures);
    // The enquiry lists rows oldest first however the book was built (a full scan reads till by till).
    expect(scanned.views).toEqual(got.views);
    for (const c of CODES) {
      const ats = scanned.views[c]!.rows.map((v) => Date.parse(v.row.at));
      expect(ats, c).toEqual([...ats].sort((a, b) => a - b));
    }
    expect(scanned.views.J1!.rows.map((v) => v.row.kind)).toEqual(['earn', 'accrual-posting', 'journal-credit', 'earn']);
    // The tail after the snapshot counts: P1 owes 600.00 on account less the 100.00 paid (the
    // refund went out in cash); 15.00 posted less the 5.00 payout of June; the refund's 2.50 reversal pends.
    expect(got.figures.debtors.P1!.account).toBe(60000 - 10000);
    expect(got.figures.debtors.P1!.balances).toMatchObject({ pendingAccrual: -250, accrued: 1000, redeemed: 0, available: 1000 });
  });

  it('cut short: ignored, full scan', async () => {
    await expectFullScan((dir) => truncate(path.join(dir, BOOK_FILE)), /ignoring journals\/loyalty-book\.jsonl: /);
  });

  it('overwritten with zeros: ignored, full scan', async () => {
    await expectFullScan((dir) => {
      fs.writeFileSync(path.join(dir, BOOK_FILE), Buffer.alloc(fs.statSync(path.join(dir, BOOK_FILE)).size));
    }, /ignoring journals\/loyalty-book\.jsonl: /);
  });

  it.each([
    ['a debtor ledger state with a bad field', (_h: any, d: Map<string, any>) => { d.get('P1').ledger.accruedIn = '1500'; }, /loyalty snapshot of debtor P1 is damaged/],
    ['a journal position that points at another record', (h: any) => { h.covered.T1.seq -= 1; }, /journals\/T1\.jsonl no longer has seq/],
    ['an unknown version', (h: any) => { h.v = 2; }, /unknown version 2/],
    ['totals that are not whole cents', (h: any) => { h.ledger.entries = 1.5; }, /it is damaged/],
    ['a debtor line missing', (_h: any, d: Map<string, any>) => { d.delete('Q1'); }, /cut short/],
    ['a debtor entry without its sales totals', (_h: any, d: Map<string, any>) => { d.get('J1').sales = null; }, /entry of debtor J1 is damaged/],
    ['no journal positions at all', (h: any) => { h.covered = null; }, /ignoring journals\/loyalty-book\.jsonl/],
    ['a till position that is null', (h: any) => { h.covered.T1 = null; }, /ignoring journals\/loyalty-book\.jsonl/],
    ['row references to a till it does not list', (h: any) => { h.tills = []; }, /entry of debtor \w+ is damaged/],
  ])('with %s: ignored, full scan', async (_what, change, warning) => {
    await expectFullScan((dir) => editSnapshot(dir, change), warning);
  });

  it('written before the store time zone changed: ignored, the new zone\'s periods', async () => {
    const want = await expectFullScan(async (dir) => {
      const store = await openStore(dir, { log: () => {}, stderr: false });
      await store.edit('settings', (d) => { d.company.timeZone = 'Pacific/Auckland'; });
      store.close();
    }, /ignoring journals\/loyalty-book\.jsonl: the time zone or financial year changed/);
    // J1's sale at 23:30 on 30 June in Johannesburg is a July sale in Auckland: this month's total.
    expect(want.views.J1!.periodSales).toBe(12000);
  });

  it('written before the financial year start changed: ignored, the new quarters', async () => {
    await expectFullScan(async (dir) => {
      const store = await openStore(dir, { log: () => {}, stderr: false });
      await store.edit('settings', (d) => { d.company.financialYearStartMonth = 1; });
      store.close();
    }, /ignoring journals\/loyalty-book\.jsonl: the time zone or financial year changed/);
  });

  it('newer than a journal that was replaced by a shorter one: ignored, the shorter journal\'s figures', async () => {
    const want = await expectFullScan((dir) => {
      const file = path.join(dir, 'journals', 'T1.jsonl');
      const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
      const tmp = `${file}.new`;
      fs.writeFileSync(tmp, `${lines.slice(0, 2).join('\n')}\n`);
      fs.renameSync(tmp, file); // a restore from an older backup: another file, shorter
    }, /ignoring journals\/loyalty-book\.jsonl: journals\/T1\.jsonl no longer has seq/);
    // Q1's sale (the third) is gone with the journal's end; its posting in the back office stays.
    expect(want.figures.debtors.Q1!.balances.lifetime).toMatchObject({ earned: 0, posted: 2000 });
  });
});
