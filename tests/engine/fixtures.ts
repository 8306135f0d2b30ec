// Shared test data for engine tests: a few items, the default tenders and a company.
import { expect } from 'vitest';
import { EngineError, type ErrorCode } from '../../src/engine/errors.js';
import type { CompanyDetails, Item, Tender } from '../../src/engine/types.js';

export const MILK: Item = { code: 'MILK1', barcode: '6001000000011', description: 'Milk 1L', price: 1999, taxRate: 1500 };
export const BREAD: Item = { code: 'BRD', barcode: '6001000000028', description: 'Bread brown 700g', price: 1250, taxRate: 1500 };
export const EGGS: Item = { code: 'EGG6', barcode: '6001000000035', description: 'Eggs 6 large', price: 3003, taxRate: 0 };

const tender = (code: string, name: string, kind: Tender['kind']): Tender =>
  ({ code, name, kind, ledgerAccount: '8400.000.000.00', useLoyaltyPlus: false });
export const CASH = tender('CASH', 'Cash', 'cash');
export const CARD = tender('CARD', 'Card', 'card');
export const ACC = tender('ACC', 'Account', 'account');
export const LOY = tender('LOY', 'Loyalty', 'loyalty');
export const TENDERS = [CASH, CARD, ACC, LOY];

export const COMPANY: CompanyDetails = {
  storeName: 'Corner Cafe & Deli',
  address: '12 Long Street\nCape Town 8001',
  taxNumber: '4123456789',
  currencySymbol: 'R',
  currencyDecimals: 2,
  timeZone: 'Africa/Johannesburg',
  financialYearStartMonth: 3,
  cashRounding: 0,
};

/** Runs fn and asserts it throws EngineError with this code; returns the message. */
export function expectEngineError(fn: () => unknown, code: ErrorCode): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).code).toBe(code);
    return (e as EngineError).message;
  }
  throw new Error(`expected EngineError ${code}, nothing was thrown`);
}
