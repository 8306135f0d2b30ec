import { describe, expect, it } from 'vitest';
import { initFormState, formReducer } from '../../../src/screens/forms/form-state.js';
import { validateField } from '../../../src/screens/forms/validate-field.js';
import type { SettingsDoc } from '../../../src/store/documents-types.js';
import {
  COMPANY_FIELDS, applyCompany, canonicalTimeZone, companyValues,
} from '../../../src/screens/setup/company-details-fields.js';

function settings(): SettingsDoc {
  return {
    schemaVersion: 1,
    storeId: 'S1',
    company: {
      storeName: 'Corner Shop', address: '1 Main Rd', taxNumber: '4000', currencySymbol: 'R', currencyDecimals: 2,
      timeZone: 'Africa/Johannesburg', financialYearStartMonth: 3, cashRounding: 0,
    },
    defaults2: { loyaltyProvider: 'built-in' },
    ledger: { sales: '1000.000.000.00', vatOutput: '2000.000.000.00', cashRounding: '3000.000.000.00', debtorsControl: '4000.000.000.00', loyaltiesAccrued: '5000.000.000.00', loyaltiesRedeemed: '6000.000.000.00' },
  };
}

const field = (key: string) => COMPANY_FIELDS.find((f) => f.key === key)!;
const check = (key: string, value: string) => validateField(field(key), value, {});

describe('Company Details fields', () => {
  it('splits into the General and Default Settings 2 tabs', () => {
    expect(field('storeName').tab).toBe('General');
    expect(field('loyaltyProvider').tab).toBe('Default Settings 2');
    expect(field('loyaltyProvider').choices?.map((c) => c.label)).toEqual(['None', 'Built-in', 'Loyalty Plus']);
    expect(field('cashRounding').choices?.map((c) => c.label)).toEqual(['None', '5c', '10c']);
  });

  it('refuses each bad value with what is allowed', () => {
    expect(check('storeName', '')).toBe('Store name is required');
    expect(check('currencySymbol', 'ZARR')).toBe('Currency symbol: 1 to 3 characters, e.g. R');
    expect(check('currencySymbol', 'R$')).toBeNull();
    expect(check('currencyDecimals', '4')).toBe('Currency decimals: a whole number from 0 to 3');
    expect(check('currencyDecimals', '0')).toBeNull();
    expect(check('financialYearStartMonth', '13')).toBe('First month of financial year: a whole number from 1 to 12');
    expect(check('financialYearStartMonth', '0')).not.toBeNull();
    expect(check('financialYearStartMonth', '12')).toBeNull();
    expect(check('timeZone', 'Mars/Olympus')).toBe('Time zone: an IANA zone name, e.g. Africa/Johannesburg');
    expect(check('timeZone', '+02:00')).not.toBeNull();
    expect(check('timeZone', 'Europe/London')).toBeNull();
  });

  it('canonicalises time zone case through the runtime', () => {
    expect(canonicalTimeZone('africa/johannesburg')).toBe('Africa/Johannesburg');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Not/AZone')).toBeNull();
  });

  it('loaded values pass validation as they are', () => {
    const s = formReducer(initFormState(COMPANY_FIELDS, companyValues(settings())), { type: 'accept' });
    expect(s.phase).toBe('saving');
  });

  it('writes only the fields changed since the form opened', () => {
    const opened = companyValues(settings());
    const edited = { ...opened, storeName: 'Big Shop', cashRounding: '10', loyaltyProvider: 'loyalty-plus' };
    // Meanwhile another terminal changed the address and a ledger choice.
    const onDisk = settings();
    onDisk.company.address = '2 Side St';
    onDisk.ledger.sales = '1100.000.000.00';
    applyCompany(onDisk, edited, opened);
    expect(onDisk.company.storeName).toBe('Big Shop');
    expect(onDisk.company.cashRounding).toBe(10);
    expect(onDisk.defaults2.loyaltyProvider).toBe('loyalty-plus');
    expect(onDisk.company.address).toBe('2 Side St');
    expect(onDisk.ledger.sales).toBe('1100.000.000.00');
  });

  it('parses numbers and canonical zone names into the document', () => {
    const opened = companyValues(settings());
    const doc = settings();
    applyCompany(doc, { ...opened, currencyDecimals: '0', financialYearStartMonth: '7', timeZone: 'europe/london' }, opened);
    expect(doc.company.currencyDecimals).toBe(0);
    expect(doc.company.financialYearStartMonth).toBe(7);
    expect(doc.company.timeZone).toBe('Europe/London');
  });
});
