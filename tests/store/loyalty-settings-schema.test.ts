// settings.json loyalty (Loyalty Setup): optional, and each refusal names its field.
import { describe, expect, it } from 'vitest';
import { defaultDocuments } from '../../src/store/index.js';
import { DEFAULT_LOYALTY_SETTINGS, loyaltySettingsOf } from '../../src/store/loyalty-settings.js';
import { validateDocument } from '../../src/store/schemas.js';
import { hashPin } from '../../src/store/manager-pin.js';
import { storeErrorOf } from './helpers.js';

const settingsWith = (loyalty: unknown) => ({ ...defaultDocuments('UTC').settings, loyalty });
const valid = () => structuredClone({ ...DEFAULT_LOYALTY_SETTINGS, payoutAccounts: { ...DEFAULT_LOYALTY_SETTINGS.payoutAccounts } });

describe('settings.json loyalty', () => {
  it('is optional: a store from before Loyalty Setup reads the defaults', () => {
    const settings = defaultDocuments('UTC').settings;
    expect(() => validateDocument('settings', settings)).not.toThrow();
    expect(loyaltySettingsOf(settings)).toEqual(DEFAULT_LOYALTY_SETTINGS);
  });

  it.each([
    ['the defaults', {}],
    ['a PIN hash', { managerPinHash: hashPin('1234') }],
    ['a zero threshold', { adjustThreshold: 0 }],
    ['a 6-field cron with seconds', { accrualSchedule: '0 30 2 * * 1-5' }],
    ['a named-day cron', { accrualSchedule: '5 0 * * SUN' }],
  ])('takes %s', (_what, patch) => {
    expect(() => validateDocument('settings', settingsWith({ ...valid(), ...patch }))).not.toThrow();
  });

  it('keeps fields a later version adds (looseObject)', () => {
    expect(() => validateDocument('settings', settingsWith({ ...valid(), later: true }))).not.toThrow();
  });

  it.each([
    ['an empty tender', { tender: '' }, 'loyalty.tender: expected a code of 1-32'],
    ['a tender with a space', { tender: 'LO Y' }, 'loyalty.tender: expected a code of 1-32'],
    ['a cash account not like 3700.000.000.00', { payoutAccounts: { ...valid().payoutAccounts, cash: '3700' } }, 'loyalty.payoutAccounts.cash: expected a ledger account code like 3700.000.000.00'],
    ['a missing direct-deposit account', { payoutAccounts: { 'cash': '3700.000.000.00', 'gift-voucher': '5300.000.000.00' } }, 'loyalty.payoutAccounts.direct-deposit: expected a ledger account code'],
    ['a gift-voucher account as a number', { payoutAccounts: { ...valid().payoutAccounts, 'gift-voucher': 5300 } }, 'loyalty.payoutAccounts.gift-voucher: expected a ledger account code'],
    ['a negative threshold', { adjustThreshold: -1 }, 'loyalty.adjustThreshold: expected a whole number of cents, 0 or more'],
    ['a threshold in rands with cents as a fraction', { adjustThreshold: 500.5 }, 'loyalty.adjustThreshold: expected a whole number of cents'],
    ['a threshold as text', { adjustThreshold: '50000' }, 'loyalty.adjustThreshold: expected a whole number of cents'],
    ['a PIN hash that is not text', { managerPinHash: 1234 }, 'loyalty.managerPinHash: expected the manager PIN hash as text'],
    ['an empty schedule', { accrualSchedule: '' }, 'loyalty.accrualSchedule: expected a cron expression'],
    ['a minute of 61', { accrualSchedule: '61 0 * * *' }, 'loyalty.accrualSchedule: expected a cron expression'],
    ['a word', { accrualSchedule: 'daily' }, 'loyalty.accrualSchedule: expected a cron expression'],
    ['Feb 30', { accrualSchedule: '0 0 30 2 *' }, 'loyalty.accrualSchedule: expected a cron expression'],
  ])('refuses %s, naming the field', (_what, patch, message) => {
    const e = storeErrorOf(() => validateDocument('settings', settingsWith({ ...valid(), ...patch })));
    expect(e.code).toBe('INVALID');
    expect(e.message).toContain(`settings.json: ${message}`);
  });

  it('refuses a loyalty that is not an object', () => {
    const e = storeErrorOf(() => validateDocument('settings', settingsWith('LOY')));
    expect(e.field).toBe('loyalty');
  });
});
