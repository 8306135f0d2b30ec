// Cash-up at the store level: a day of mixed trading, the X and the Z against the journal and the
// ledger, one Z per day, the next day's Z, the derived state file, and the role check.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAudit } from '../../src/store/audit/audit-log.js';
import { backOffice } from '../../src/store/back-office.js';
import { pastZs, readZ, recordFloat, xReport, zPreview, zReport, zSlipPaths } from '../../src/store/cashup/index.js';
import type { Store } from '../../src/store/index.js';
import { saveOperator } from '../../src/store/operators/operators.js';
import { TillService } from '../../src/store/till-service.js';
import { cashupStore, creditD1, journalRecords, tradeDay } from './helpers.js';

const open: { store: Store; tills: TillService[] }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    for (const t of o.tills) t.close();
    o.store.close();
  }
});

async function day() {
  const { store, clock, dir, warnings } = await cashupStore();
  creditD1(store, clock, 300);
  const till = TillService.open(store, { till: 'T1', operator: 'system', now: clock.now });
  open.push({ store, tills: [till] });
  return { store, clock, dir, till, warnings };
}

const balanceOf = (store: Store, account: string) => backOffice(store).trialBalance().rows.find((r) => r.account === account)?.balance ?? 0;
const ACCOUNTS = ['3700.000.000.00', '3710.000.000.00', '3800.000.000.00', '5000.000.000.00', '1510.000.000.00', '1000.000.000.00'];
const balances = (store: Store) => Object.fromEntries(ACCOUNTS.map((a) => [a, balanceOf(store, a)]));

/** What the journal's records add up to, read straight from the file. */
function fromJournal(dir: string, afterSeq = 0) {
  const recs = journalRecords(dir, 'T1').filter((r) => r.seq > afterSeq);
  const sales = recs.filter((r) => r.kind === 'sale').map((r) => r.doc);
  const refunds = recs.filter((r) => r.kind === 'refund').map((r) => r.doc);
  const tender = (code: string) => sales.flatMap((s) => s.tenders.filter((t: any) => t.tenderCode === code).map((t: any) => t.amount - (t.kind === 'cash' ? s.change : 0))).reduce((a, b) => a + b, 0)
    - refunds.flatMap((r) => r.tenders.filter((t: any) => t.tenderCode === code).map((t: any) => t.amount)).reduce((a, b) => a + b, 0);
  const rows = recs.flatMap((r) => r.rows);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    salesCount: sales.length, gross: sum(sales.map((s) => s.total)), refundsCount: refunds.length, refundsTotal: sum(refunds.map((r) => r.total)),
    voidedLines: sum(sales.map((s) => s.voidedLines)), tax: sum(sales.map((s) => s.taxTotal)) - sum(refunds.map((r) => r.taxTotal)),
    cash: tender('CASH'), card: tender('CARD'), acc: tender('ACC'), loy: tender('LOY'),
    earned: sum(rows.filter((r) => r.kind === 'earn' || r.kind === 'reversal').map((r) => r.amount)),
    redeemed: sum(rows.filter((r) => r.kind === 'redemption').map((r) => r.amount)),
  };
}

describe('cash-up over a day of mixed trading', () => {
  it('the Z totals are what the journal adds up to and what the ledger shows; the over/short moves by exactly the difference', async () => {
    const { store, clock, dir, till } = await day();
    const before = balances(store);
    recordFloat(store, till.cashupDesk(), 40000);
    recordFloat(store, till.cashupDesk(), 50000); // typed again: replaces the first
    const [s1, , s3] = tradeDay(till);
    till.refund(s1!.saleNumber, [{ lineNo: 1, qty: 1 }], 'CASH');
    till.refund(s3!.saleNumber, [{ lineNo: 1, qty: 1 }], 'CASH');
    const j = fromJournal(dir);
    expect(j).toMatchObject({ salesCount: 4, refundsCount: 2, voidedLines: 1, loy: 300 });
    expect(j.earned).toBeGreaterThan(0);
    expect(j.redeemed).toBe(300);

    const x = xReport(store, 'T1', clock.now());
    const bytes = fs.statSync(path.join(dir, 'journals', 'T1.jsonl')).size;
    const t = x.totals;
    expect(t.sales).toEqual({ count: j.salesCount, gross: j.gross });
    expect(t.refunds).toEqual({ count: j.refundsCount, total: j.refundsTotal });
    expect(t.voids).toEqual({ lines: 1, abandoned: 1 });
    expect(Object.fromEntries(t.tenders.map((x) => [x.tenderCode, x.net]))).toEqual({ CASH: j.cash, CARD: j.card, ACC: j.acc, LOY: j.loy });
    expect(t.tax.reduce((a, x) => a + x.tax, 0)).toBe(j.tax);
    expect(t.tax.map((x) => x.rate)).toEqual([0, 1500]);
    expect(t.loyalty).toMatchObject({ earned: j.earned, redeemed: j.redeemed });
    expect(t.float).toBe(50000);
    expect(t.cash.expected).toBe(50000 + j.cash);

    // The ledger saw the same day: each tender's account moved by its net, VAT by the tax.
    const mid = balances(store);
    expect(mid['3700.000.000.00']! - before['3700.000.000.00']!).toBe(j.cash);
    expect(mid['3710.000.000.00']! - before['3710.000.000.00']!).toBe(j.card);
    expect(mid['3800.000.000.00']! - before['3800.000.000.00']!).toBe(j.acc);
    expect(mid['5000.000.000.00']! - before['5000.000.000.00']!).toBe(-j.tax);

    const counted = t.cash.expected - 250; // 2.50 short
    const preview = zPreview(store, till.cashupDesk(), counted);
    expect(preview.overShort).toBe(-250);
    expect(fs.statSync(path.join(dir, 'journals', 'T1.jsonl')).size).toBe(bytes); // X and preview write no record
    const z = zReport(store, till.cashupDesk(), { counted });
    expect(z).toMatchObject({ z: 1, day: '2026-12-01', counted, previousSeq: 0 });
    expect(z.totals).toEqual(t); // the X is the Z's totals
    const after = balances(store);
    expect(after['1510.000.000.00']! - mid['1510.000.000.00']!).toBe(250); // short: Dr Cash Over and Short
    expect(after['3700.000.000.00']! - mid['3700.000.000.00']!).toBe(-250);
    expect(after['1000.000.000.00']).toBe(mid['1000.000.000.00']);
    expect(backOffice(store).trialBalance().balanced).toBe(true);
    const rec = journalRecords(dir, 'T1').at(-1);
    expect(rec.kind).toBe('cashup');
    expect(rec.entries).toHaveLength(1);
    expect(rec.entries[0].kind).toBe('cash-over-short');

    const slip = fs.readFileSync(zSlipPaths(store, z).w40, 'utf8');
    expect(slip).toMatch(/Z REPORT 1 \(2026-12-01\)/);
    expect(slip).toMatch(/Short\s+-R2\.50/);
    expect(slip.split('\n').every((l) => l.length <= 40)).toBe(true);
    const audit = readAudit(store.dir, { kinds: ['cash-up'] }).entries;
    expect(audit.map((a) => a.detail)).toEqual([expect.stringMatching(/^X report of till T1/), expect.stringMatching(/^Z 1 of till T1 closed 2026-12-01: counted .*over\/short -R2\.50/)]);
  });

  it('refuses a second Z for the same day and writes nothing; the next day covers only what came after', async () => {
    const { store, clock, dir, till } = await day();
    recordFloat(store, till.cashupDesk(), 20000);
    tradeDay(till);
    const z1 = zReport(store, till.cashupDesk(), { counted: 0 });
    expect(z1.overShort.amount).toBe(-z1.totals.cash.expected);
    const snapshot = () => fs.readdirSync(dir, { recursive: true }).map(String).sort().map((f) => {
      const p = path.join(dir, f);
      return fs.statSync(p).isFile() && !f.startsWith('logs') && !f.startsWith('locks') ? `${f}:${fs.readFileSync(p, 'base64')}` : f;
    });
    const files = snapshot();
    expect(() => zReport(store, till.cashupDesk(), { counted: 100 })).toThrow(/Z 1 already closed 2026-12-01 for till T1/);
    expect(snapshot()).toEqual(files);
    expect(xReport(store, 'T1', clock.now()).closed).toMatch(/already closed/);

    clock.set('2026-12-02T06:00:00Z');
    const after = journalRecords(dir, 'T1').at(-1).seq;
    till.scan('B');
    const s = till.addTender('CASH', 2000)!;
    const z2 = zReport(store, till.cashupDesk(), { counted: 251 });
    expect(z2).toMatchObject({ z: 2, day: '2026-12-02', previousSeq: z1.totals.toSeq + 1 });
    expect(z2.totals.sales).toEqual({ count: 1, gross: s.total });
    expect(z2.totals.fromSeq).toBe(after + 1);
    expect(z2.totals.float).toBe(0); // the float belonged to the day Z 1 closed
    expect(z2.totals.voids).toEqual({ lines: 0, abandoned: 0 });
    expect(z2.totals.cash).toEqual({ in: 1749, out: 0, expected: 1749 });
    expect(z2.overShort.amount).toBe(251 - 1749);
    expect(pastZs(store, 'T1').map((m) => m.z)).toEqual([2, 1]);
    expect(readZ(store, 'T1', pastZs(store, 'T1')[1]!)).toEqual(z1);
  });

  it('reads only after the last Z once the state file exists, and rebuilds it when it is missing or wrong', async () => {
    const { store, clock, dir, till } = await day();
    tradeDay(till);
    const z1 = zReport(store, till.cashupDesk(), { counted: 0 });
    const stateFile = path.join(dir, 'cashup', 'T1.json');
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    expect(state.zs).toEqual([expect.objectContaining({ z: 1, seq: z1.totals.toSeq + 1, day: '2026-12-01' })]);
    fs.rmSync(stateFile);
    fs.rmSync(`${stateFile}.bak`);
    clock.set('2026-12-02T06:00:00Z');
    expect(xReport(store, 'T1', clock.now())).toMatchObject({ z: 2, closed: null, totals: { sales: { count: 0 } } });
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8')).zs).toEqual(state.zs); // rebuilt from the journal
    fs.writeFileSync(stateFile, JSON.stringify({ ...state, zs: [{ ...state.zs[0], start: 3 }] }));
    expect(xReport(store, 'T1', clock.now()).z).toBe(2);
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8')).zs).toEqual(state.zs);
  });

  it('does not read the history before the last Z, and a state file left behind by a newer Z catches up', async () => {
    const { store, clock, dir, till, warnings } = await day();
    tradeDay(till);
    zReport(store, till.cashupDesk(), { counted: 0 });
    const stateFile = path.join(dir, 'cashup', 'T1.json');
    const afterZ1 = fs.readFileSync(stateFile);
    // Damage the first record in place (same length): only a read of the history would meet it.
    const journal = path.join(dir, 'journals', 'T1.jsonl');
    const bytes = fs.readFileSync(journal);
    bytes[20] = bytes[20] === 0x41 ? 0x42 : 0x41;
    fs.writeFileSync(journal, bytes);
    clock.set('2026-12-02T06:00:00Z');
    till.scan('B');
    till.addTender('CARD');
    const z2 = zReport(store, till.cashupDesk(), { counted: 0 });
    expect(z2.totals.sales.count).toBe(1);
    expect(warnings.filter((w) => /damaged/.test(w))).toEqual([]);
    // The state as it was before Z 2 (a crash between Z 2's record and its state file).
    fs.writeFileSync(stateFile, afterZ1);
    expect(() => zReport(store, till.cashupDesk(), { counted: 0 })).toThrow(/Z 2 already closed 2026-12-02/);
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8')).zs.map((m: { z: number }) => m.z)).toEqual([1, 2]);
    clock.set('2026-12-03T06:00:00Z');
    expect(zReport(store, till.cashupDesk(), { counted: 0 })).toMatchObject({ z: 3, previousSeq: z2.totals.toSeq + 1 });
    expect(warnings.filter((w) => /damaged/.test(w))).toEqual([]);
    // Without the state file the whole journal is read, and the damaged first line is met.
    fs.rmSync(stateFile);
    fs.rmSync(`${stateFile}.bak`);
    clock.set('2026-12-04T06:00:00Z');
    expect(xReport(store, 'T1', clock.now()).z).toBe(4);
    expect(warnings.filter((w) => /T1\.jsonl: the line at byte 0 is damaged/.test(w))).toHaveLength(1);
  });

  it('refuses bad amounts at the field, a Z while a sale is open, and needs cash-up rights', async () => {
    const { store, clock, till } = await day();
    expect(() => recordFloat(store, till.cashupDesk(), -1)).toThrow(/opening float must be an amount of 0 or more/);
    expect(() => zReport(store, till.cashupDesk(), { counted: 1.5 })).toThrow(/drawer count must be an amount/);
    till.scan('A');
    expect(() => zReport(store, till.cashupDesk(), { counted: 0 })).toThrow(/has a sale open: finish or abandon it before the Z/);
    till.abandon();
    await saveOperator(store, { code: 'M1', name: 'Mandla', role: 'manager', pin: '9999', active: true }, 'add');
    await saveOperator(store, { code: 'S1', name: 'Sipho', role: 'supervisor', pin: '5555', active: true }, 'add');
    await saveOperator(store, { code: 'C1', name: 'Carol', role: 'cashier', pin: '1111', active: true }, 'add');
    store.setActor({ operator: 'C1', till: 'T1', now: clock.now });
    till.setOperator('C1');
    expect(() => zReport(store, till.cashupDesk(), { counted: 0 })).toThrow(/needs/);
    expect(journalRecords(store.dir, 'T1').some((r) => r.kind === 'cashup')).toBe(false);
    const z = zReport(store, till.cashupDesk(), { counted: 0, approvedBy: 'S1' });
    expect(z).toMatchObject({ operator: 'C1', approvedBy: 'S1' });
    expect(readAudit(store.dir, { kinds: ['cash-up'] }).entries.at(-1)).toMatchObject({ operator: 'C1', approvedBy: 'S1', ref: z.number });
  });
});
