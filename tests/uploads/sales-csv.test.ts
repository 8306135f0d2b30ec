// The sales file's bytes: decimal strings from integer cents (no floats anywhere), UTC instants,
// quoting only where CSV needs it, the same bytes for the same rows, and safe file names.
import { describe, expect, it } from 'vitest';
import { batchFileName, SALES_COLUMNS, salesCsv, sha256Hex, type SalesRow } from '../../src/integrations/loyaltyplus/uploads/sales-csv.js';

const facts = { storeId: 'b5a1e0c2-0000-4000-8000-000000000001', partnerId: 'P-300', terminalId: 'TERM 9', decimals: 2 };
const row = (over: Partial<SalesRow> = {}): SalesRow => ({
  till: 'T1', seq: 7, document: 'T1-000007', type: 'SALE', completedAt: '2026-03-01T09:15:00.000+02:00', memberNumber: '6009000000001',
  memberAccount: '4000001', total: 100_005, tax: 13_044, loyaltyTender: 0, refundedSale: '', ...over,
});

describe('the sales file', () => {
  it('has a header and one row per document, money from cents and instants in UTC', () => {
    const text = salesCsv([row(), row({ seq: 9, document: 'T1-000009', type: 'REFUND', total: 1, tax: 0, loyaltyTender: 5, refundedSale: 'T1-000007' })], facts).toString();
    expect(text).toBe(`${SALES_COLUMNS.join(',')}\n`
      + `${facts.storeId},P-300,TERM 9,T1,7,T1-000007,SALE,2026-03-01T07:15:00.000Z,6009000000001,4000001,1000.05,130.44,0.00,\n`
      + `${facts.storeId},P-300,TERM 9,T1,9,T1-000009,REFUND,2026-03-01T07:15:00.000Z,6009000000001,4000001,0.01,0.00,0.05,T1-000007\n`);
  });

  it('quotes a field only when CSV needs it', () => {
    const text = salesCsv([row({ memberNumber: 'card "7", old' })], facts).toString();
    expect(text.split('\n')[1]).toContain(',"card ""7"", old",');
  });

  it('writes whole units or three decimals as the currency has them', () => {
    expect(salesCsv([row({ total: 1999 })], { ...facts, decimals: 0 }).toString()).toContain(',1999,');
    expect(salesCsv([row({ total: 1999 })], { ...facts, decimals: 3 }).toString()).toContain(',1.999,');
  });

  it('gives the same bytes (and checksum) for the same rows', () => {
    const a = salesCsv([row(), row({ seq: 8 })], facts);
    const b = salesCsv([row(), row({ seq: 8 })], { ...facts });
    expect(a.equals(b)).toBe(true);
    expect(sha256Hex(a)).toBe(sha256Hex(b));
    expect(sha256Hex(a)).not.toBe(sha256Hex(salesCsv([row()], facts)));
  });

  it('names the file after the partner (or the store) and the range, safe for any server', () => {
    expect(batchFileName(facts, 'T1', 1, 250)).toBe('P-300_T1_1-250.csv');
    expect(batchFileName({ ...facts, partnerId: '' }, 'T2', 3, 3)).toBe(`${facts.storeId}_T2_3-3.csv`);
    expect(batchFileName({ ...facts, partnerId: 'ACME/01 x' }, 'T1', 1, 2)).toBe('ACME_01_x_T1_1-2.csv');
  });
});
