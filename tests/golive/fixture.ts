// A store with built-in loyalty history made the real way (TillService sales, an Accrue Loyalties
// run with its journal credits, a payout), for the go-live Loyalty tables tests.
import fs from 'node:fs';
import path from 'node:path';
import { books, debtor, type Books } from '../books/setup.js';
import { LoyaltyBook } from '../../src/store/loyalty-book.js';
import { computeExtract, readManifest } from '../../src/store/loyalty-tables/index.js';
import type { Store } from '../../src/store/index.js';

export const ACCRUED = '5100.000.000.00';
export const WRITE_OFF_TO = '3600.000.000.00';
export const CODES = ['J1', 'P1', 'P2'];

/**
 * May: J1 R300 (7.50), P1 R600 (15.00), P2 R250 (6.25). June 1: accrued, J1 journal credited.
 * June: P1 R100 (2.50 month to date), P1 paid out R5.00. Loyalties Accrued holds R16.25.
 */
export async function loyaltyStore(): Promise<Books> {
  const b = await books([debtor('J1', 'monthly-journal'), debtor('P1', 'monthly-payment'), debtor('P2', 'monthly-payment')]);
  b.sell('J1', 300);
  b.sell('P1', 600);
  b.sell('P2', 250);
  b.setNow('2026-06-01T08:00:00Z');
  await b.bo.accrue({ kinds: ['monthly-journal', 'monthly-payment'], zeroUnused: false, operator: 'system' });
  b.setNow('2026-06-03T09:00:00Z');
  b.sell('P1', 100);
  b.bo.payout({ debtor: 'P1', amount: 500, method: 'cash', operator: 'system' });
  return b;
}

export function balancesOf(b: Books): Record<string, object> {
  return Object.fromEntries(CODES.map((c) => {
    const x = b.bo.enquiry(c).balances;
    return [c, { monthToDate: x.monthToDate, pendingAccrual: x.pendingAccrual, accrued: x.accrued, redeemed: x.redeemed, available: x.available }];
  }));
}

export const ZERO = { monthToDate: 0, pendingAccrual: 0, accrued: 0, redeemed: 0, available: 0 };

export function tbBalance(b: Books, account: string): number {
  return b.bo.trialBalance().rows.find((r) => r.account === account)?.balance ?? 0;
}

/** The journals and upload records: what a refusal must leave exactly as it was. */
export function dataFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of ['journals', 'uploads', 'archive']) {
    const d = path.join(dir, sub);
    if (!fs.existsSync(d)) continue;
    for (const name of fs.readdirSync(d, { recursive: true }) as string[]) {
      const p = path.join(d, name);
      if (fs.statSync(p).isFile() && !name.endsWith('.index.json') && name !== 'loyalty-book.jsonl') out[`${sub}/${name}`] = fs.readFileSync(p, 'base64');
    }
  }
  return out;
}

/** Whether the current data, extracted as of the backup's instant, has exactly the backup's checksums. */
export function extractMatches(store: Store, dir: string): { ours: Record<string, string>; theirs: Record<string, string> } {
  const { manifest } = readManifest(dir);
  const ex = computeExtract(store, LoyaltyBook.of(store), manifest.takenAt);
  const ours = Object.fromEntries(ex.files.map((f) => [f.name, f.bytes.toString('utf8')]));
  const theirs = Object.fromEntries(manifest.files.map((f) => [f.name, fs.readFileSync(path.join(dir, f.name), 'utf8')]));
  return { ours, theirs };
}
