// Debtor Loyalty tab / CSV validation: what the screen and `import debtors` refuse, field by field.
import { describe, expect, it } from 'vitest';
import { LOYALTY_ERR } from '../../../src/engine/loyalty/errors.js';
import { assertDebtorLoyalty, validateDebtorLoyalty, type DebtorLoyaltyInput } from '../../../src/engine/loyalty/validate.js';
import { debtor, expectLoyaltyError, SEED_TIERS } from './helpers.js';

const NOW = '2026-03-10T08:30:00Z';
const SEED: DebtorLoyaltyInput = {
  loyaltyApplicable: 'monthly-payment', excludeFromContracts: 'no',
  target1: '200', percent1: '2.5', target2: '500.00', percent2: '3', target3: '1000', percent3: '4.0', target4: '2000', percent4: '5',
};

function problems(input: DebtorLoyaltyInput): [string, string][] {
  const r = validateDebtorLoyalty(input, { now: NOW });
  if (r.ok) throw new Error('expected a refusal');
  return r.problems.map((p) => [p.field, p.message]);
}

describe('validateDebtorLoyalty accepts', () => {
  it('the seed example, with decimal strings for money and percentages', () => {
    const r = validateDebtorLoyalty(SEED, { now: NOW });
    expect(r).toEqual({ ok: true, value: { applicable: 'monthly-payment', excludeFromContracts: false, tiers: SEED_TIERS, switchedOnAt: NOW } });
  });

  it('fewer tiers, a first target of 0, labels as the screen shows them, yes/no in any case', () => {
    const r = validateDebtorLoyalty({ loyaltyApplicable: 'Quarterly - Journal Account', excludeFromContracts: 'YES', target1: '0', percent1: '15' },
      { now: NOW });
    expect(r).toEqual({ ok: true, value: { applicable: 'quarterly-journal', excludeFromContracts: true,
      tiers: [{ target: 0, rate: 1500 }], switchedOnAt: NOW } });
    expect(validateDebtorLoyalty({}, { now: NOW })).toEqual({ ok: true,
      value: { applicable: 'no', excludeFromContracts: false, tiers: [], switchedOnAt: null } });
    expect(validateDebtorLoyalty({ loyaltyApplicable: 'no', excludeFromContracts: true }, { now: NOW }))
      .toMatchObject({ ok: true, value: { excludeFromContracts: true } });
  });

  it('records the switch-on time: given, else the time of the change; kept while it stays on; cleared by No', () => {
    const given = validateDebtorLoyalty({ ...SEED, switchedOnAt: '2026-03-01T06:00:00+02:00' }, { now: NOW });
    expect(given.ok && given.value.switchedOnAt).toBe('2026-03-01T06:00:00+02:00');
    const previous = debtor('monthly-journal', { switchedOnAt: '2025-07-01T00:00:00Z' });
    const kept = validateDebtorLoyalty({ ...SEED, loyaltyApplicable: 'quarterly-payment' }, { now: NOW, previous });
    expect(kept.ok && kept.value.switchedOnAt).toBe('2025-07-01T00:00:00Z');
    const again = validateDebtorLoyalty(SEED, { now: NOW, previous: debtor('no') });
    expect(again.ok && again.value.switchedOnAt).toBe(NOW);
    const off = validateDebtorLoyalty({ ...SEED, loyaltyApplicable: 'no' }, { now: NOW, previous });
    expect(off.ok && off.value.switchedOnAt).toBeNull();
  });
});

describe('validateDebtorLoyalty refuses, naming the field and what is allowed', () => {
  it('targets that do not ascend strictly', () => {
    expect(problems({ ...SEED, target3: '500' })).toEqual([
      ['target3', 'target3 must be more than target2 (R500.00): targets ascend strictly'],
    ]);
    expect(problems({ ...SEED, target2: '100' })[0]).toEqual(['target2', 'target2 must be more than target1 (R200.00): targets ascend strictly']);
  });

  it('a percentage without a target and a target without a percentage', () => {
    expect(problems({ loyaltyApplicable: 'monthly-payment', target1: '200', percent1: '2.5', percent2: '3' })).toEqual([
      ['target2', 'target2 is needed with percent2: enter a sales amount of 0 or more, e.g. 200.00'],
    ]);
    expect(problems({ loyaltyApplicable: 'monthly-payment', target1: '200', percent1: '2.5', target2: '500' })).toEqual([
      ['percent2', 'percent2 is needed with target2: enter a percentage from 0 to 100, e.g. 2.5'],
    ]);
  });

  it('percentages outside 0-100 or with too many decimals, and amounts that are not amounts', () => {
    expect(problems({ ...SEED, percent2: '101' })).toEqual([
      ['percent2', 'percent2: enter a percentage from 0 to 100 with at most 2 decimals, e.g. 15 or 2.5 (got "101")'],
    ]);
    expect(problems({ ...SEED, percent4: '2.555' })[0]?.[0]).toBe('percent4');
    expect(problems({ ...SEED, percent1: '-1' })[0]?.[0]).toBe('percent1');
    expect(problems({ ...SEED, target1: '-200' })).toEqual([
      ['target1', 'target1: amount cannot be negative: enter an amount like 19.99 (at most 2 decimals) (got "-200")'],
    ]);
    expect(problems({ ...SEED, target2: '5,00' })[0]?.[0]).toBe('target2');
    expect(problems({ ...SEED, target2: '1e3' })[0]?.[0]).toBe('target2');
  });

  it('gaps in the tiers, unknown options and a bad switch-on time, all at once', () => {
    expect(problems({ loyaltyApplicable: 'weekly', excludeFromContracts: 'maybe', target2: '500', percent2: '3', switchedOnAt: 'soon' }))
      .toEqual([
        ['loyaltyApplicable', 'loyaltyApplicable must be one of no, monthly-journal, quarterly-journal, yearly-journal, '
          + 'monthly-payment, quarterly-payment (got "weekly")'],
        ['excludeFromContracts', 'excludeFromContracts must be yes or no (got "maybe")'],
        ['target1', 'target1 is empty but tier 2 is set: fill the targets in order from target1'],
        ['switchedOnAt', 'switchedOnAt: a date-time must be an ISO date-time with an offset, e.g. 2026-03-31T22:00:00Z (got "soon")'],
      ]);
  });
});

describe('assertDebtorLoyalty (typed settings)', () => {
  it('accepts the seed and refuses what the form refuses', () => {
    expect(() => assertDebtorLoyalty(debtor())).not.toThrow();
    expectLoyaltyError(() => assertDebtorLoyalty(debtor('monthly-payment', { tiers: [...SEED_TIERS, { target: 300000, rate: 600 }] })),
      LOYALTY_ERR.BAD_SETTINGS);
    expect(expectLoyaltyError(() => assertDebtorLoyalty(debtor('monthly-payment', { tiers: [{ target: 100, rate: 10001 }] })),
      LOYALTY_ERR.BAD_SETTINGS)).toContain('percent1');
    expectLoyaltyError(() => assertDebtorLoyalty(debtor('monthly-payment', { tiers: [{ target: -1, rate: 100 }] })), LOYALTY_ERR.BAD_SETTINGS);
    expectLoyaltyError(() => assertDebtorLoyalty(debtor('monthly-payment', { tiers: [{ target: 5, rate: 1 }, { target: 5, rate: 2 }] })),
      LOYALTY_ERR.BAD_SETTINGS);
    expectLoyaltyError(() => assertDebtorLoyalty({ ...debtor(), applicable: 'weekly' as never }), LOYALTY_ERR.BAD_SETTINGS);
    expectLoyaltyError(() => assertDebtorLoyalty(debtor('monthly-payment', { switchedOnAt: '2026-03-10' })), LOYALTY_ERR.BAD_INSTANT);
  });
});
