// Loyalty periods: months, financial quarters and years in the store's time zone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOYALTY_ERR } from '../../../src/engine/loyalty/errors.js';
import {
  kindOfKey, nextPeriod, periodEnded, periodKeysAt, periodKindOf, periodOf, periodOfKey, periodsBetween, previousPeriod,
} from '../../../src/engine/loyalty/periods.js';
import { instantMs, startOfLocalDay } from '../../../src/engine/loyalty/time-zone.js';
import type { PeriodKind } from '../../../src/engine/loyalty/types.js';
import { expectLoyaltyError, JNB } from './helpers.js';

const J = 'Africa/Johannesburg';

describe('periodOf', () => {
  // [instant, kind, zone, first month of FY, key, start, end]
  const cases: [string, PeriodKind, string, number, string, string, string][] = [
    // Johannesburg is UTC+2: local midnight is 22:00Z the day before.
    ['2026-03-15T10:00:00Z', 'month', J, 3, '2026-03', '2026-02-28T22:00:00.000Z', '2026-03-31T22:00:00.000Z'],
    ['2026-03-15T10:00:00Z', 'quarter', J, 3, 'FY2027-Q1', '2026-02-28T22:00:00.000Z', '2026-05-31T22:00:00.000Z'],
    ['2026-03-15T10:00:00Z', 'year', J, 3, 'FY2027', '2026-02-28T22:00:00.000Z', '2027-02-28T22:00:00.000Z'],
    // the 31st: the last second of March local, then the first of April
    ['2026-03-31T21:59:59Z', 'month', J, 3, '2026-03', '2026-02-28T22:00:00.000Z', '2026-03-31T22:00:00.000Z'],
    ['2026-03-31T22:00:00Z', 'month', J, 3, '2026-04', '2026-03-31T22:00:00.000Z', '2026-04-30T22:00:00.000Z'],
    ['2026-03-31T22:00:00Z', 'quarter', J, 3, 'FY2027-Q1', '2026-02-28T22:00:00.000Z', '2026-05-31T22:00:00.000Z'],
    // quarter end (31 May) and the next quarter
    ['2026-05-31T21:59:59.999Z', 'quarter', J, 3, 'FY2027-Q1', '2026-02-28T22:00:00.000Z', '2026-05-31T22:00:00.000Z'],
    ['2026-05-31T22:00:00Z', 'quarter', J, 3, 'FY2027-Q2', '2026-05-31T22:00:00.000Z', '2026-08-31T22:00:00.000Z'],
    ['2026-12-31T22:00:00Z', 'quarter', J, 3, 'FY2027-Q4', '2026-11-30T22:00:00.000Z', '2027-02-28T22:00:00.000Z'],
    // financial-year end: last moment of February, then March starts FY2028
    ['2027-02-28T21:59:59Z', 'year', J, 3, 'FY2027', '2026-02-28T22:00:00.000Z', '2027-02-28T22:00:00.000Z'],
    ['2027-02-28T22:00:00Z', 'year', J, 3, 'FY2028', '2027-02-28T22:00:00.000Z', '2028-02-29T22:00:00.000Z'],
    // leap year: 29 February is in February, Q4 and FY2024, which end on 1 March local
    ['2024-02-29T12:00:00Z', 'month', J, 3, '2024-02', '2024-01-31T22:00:00.000Z', '2024-02-29T22:00:00.000Z'],
    ['2024-02-29T21:59:59Z', 'quarter', J, 3, 'FY2024-Q4', '2023-11-30T22:00:00.000Z', '2024-02-29T22:00:00.000Z'],
    ['2024-02-29T21:59:59Z', 'year', J, 3, 'FY2024', '2023-02-28T22:00:00.000Z', '2024-02-29T22:00:00.000Z'],
    ['2024-02-29T22:00:00Z', 'year', J, 3, 'FY2025', '2024-02-29T22:00:00.000Z', '2025-02-28T22:00:00.000Z'],
    // Auckland (UTC+13 in summer): 31 January 11:00Z is already 1 February there
    ['2026-01-31T10:59:59Z', 'month', 'Pacific/Auckland', 4, '2026-01', '2025-12-31T11:00:00.000Z', '2026-01-31T11:00:00.000Z'],
    ['2026-01-31T11:00:00Z', 'month', 'Pacific/Auckland', 4, '2026-02', '2026-01-31T11:00:00.000Z', '2026-02-28T11:00:00.000Z'],
    // Auckland's financial year from April: FY2026 = Apr 2025..Mar 2026; April starts in NZST (UTC+12)
    ['2026-03-31T11:00:00Z', 'year', 'Pacific/Auckland', 4, 'FY2027', '2026-03-31T11:00:00.000Z', '2027-03-31T11:00:00.000Z'],
    ['2026-03-31T10:59:59Z', 'quarter', 'Pacific/Auckland', 4, 'FY2026-Q4', '2025-12-31T11:00:00.000Z', '2026-03-31T11:00:00.000Z'],
    // Los Angeles: 1 April 03:00Z is still 31 March there; March starts in PST and ends in PDT
    ['2026-04-01T03:00:00Z', 'month', 'America/Los_Angeles', 1, '2026-03', '2026-03-01T08:00:00.000Z', '2026-04-01T07:00:00.000Z'],
    ['2027-01-01T07:59:59Z', 'year', 'America/Los_Angeles', 1, 'FY2026', '2026-01-01T08:00:00.000Z', '2027-01-01T08:00:00.000Z'],
    ['2027-01-01T07:59:59Z', 'quarter', 'America/Los_Angeles', 1, 'FY2026-Q4', '2026-10-01T07:00:00.000Z', '2027-01-01T08:00:00.000Z'],
    // a July financial year
    ['2026-07-01T00:00:00Z', 'quarter', 'UTC', 7, 'FY2027-Q1', '2026-07-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z'],
    ['2026-06-30T23:59:59Z', 'year', 'UTC', 7, 'FY2026', '2025-07-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'],
    // an instant written with an offset means the same moment
    ['2026-04-01T00:30:00+02:00', 'month', J, 3, '2026-04', '2026-03-31T22:00:00.000Z', '2026-04-30T22:00:00.000Z'],
  ];
  it.each(cases)('%s %s in %s (FY from %i) is %s', (at, kind, zone, fy, key, start, end) => {
    expect(periodOf(at, kind, zone, fy)).toEqual({ key, kind, start, end });
  });

  it('maps Loyalty Applicable to its period kind', () => {
    expect(periodKindOf('monthly-journal')).toBe('month');
    expect(periodKindOf('monthly-payment')).toBe('month');
    expect(periodKindOf('quarterly-journal')).toBe('quarter');
    expect(periodKindOf('quarterly-payment')).toBe('quarter');
    expect(periodKindOf('yearly-journal')).toBe('year');
    expect(periodKindOf('no')).toBeNull();
  });

  it('finds the first instant of a day whose midnight a DST change skips or repeats', () => {
    // Sao Paulo 2018-11-04: 00:00 jumped to 01:00 (UTC-3 -> UTC-2); the day starts at the jump.
    expect(new Date(startOfLocalDay(2018, 11, 4, 'America/Sao_Paulo')).toISOString()).toBe('2018-11-04T03:00:00.000Z');
    // Sao Paulo 2019-02-17: 00:00 fell back to 23:00 of the 16th; the 17th starts an hour later.
    expect(new Date(startOfLocalDay(2019, 2, 17, 'America/Sao_Paulo')).toISOString()).toBe('2019-02-17T03:00:00.000Z');
    expect(new Date(startOfLocalDay(2026, 3, 8, 'America/Los_Angeles')).toISOString()).toBe('2026-03-08T08:00:00.000Z');
  });
});

describe('previous, next and between', () => {
  it('steps across the year and financial-year boundaries', () => {
    expect(previousPeriod('2026-01', J, 3).key).toBe('2025-12');
    expect(nextPeriod('2025-12', J, 3)).toEqual(periodOf('2026-01-10T00:00:00Z', 'month', J, 3));
    expect(previousPeriod('FY2027-Q1', J, 3)).toEqual(periodOf('2026-02-10T00:00:00Z', 'quarter', J, 3));
    expect(previousPeriod('FY2027-Q1', J, 3).key).toBe('FY2026-Q4');
    expect(nextPeriod('FY2026-Q4', J, 3).key).toBe('FY2027-Q1');
    expect(previousPeriod(periodOf('2026-03-01T00:00:00Z', 'year', J, 3), J, 3).key).toBe('FY2026');
  });

  it('lists every period from the one holding the first instant to the one holding the last', () => {
    const months = periodsBetween('2026-01-15T00:00:00Z', '2026-06-15T00:00:00Z', 'month', J, 3);
    expect(months.map((p) => p.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    months.slice(1).forEach((p, i) => expect(p.start).toBe(months[i]!.end));
    const quarters = periodsBetween('2026-01-15T00:00:00Z', '2026-12-15T00:00:00Z', 'quarter', J, 3);
    expect(quarters.map((p) => p.key)).toEqual(['FY2026-Q4', 'FY2027-Q1', 'FY2027-Q2', 'FY2027-Q3', 'FY2027-Q4']);
    expect(periodsBetween('2026-03-02T00:00:00Z', '2026-03-30T00:00:00Z', 'year', J, 3).map((p) => p.key)).toEqual(['FY2027']);
    expectLoyaltyError(() => periodsBetween('2026-06-15T00:00:00Z', '2026-01-15T00:00:00Z', 'month', J, 3), LOYALTY_ERR.BAD_PERIOD);
  });

  it('says whether a period has ended at an instant', () => {
    expect(periodEnded('2026-03', instantMs('2026-03-31T21:59:59.999Z'), JNB)).toBe(false);
    expect(periodEnded('2026-03', instantMs('2026-03-31T22:00:00Z'), JNB)).toBe(true);
    expect(periodEnded('FY2027-Q1', instantMs('2026-05-31T22:00:00Z'), JNB)).toBe(true);
    expect(periodEnded('FY2027', instantMs('2027-02-28T21:00:00Z'), JNB)).toBe(false);
  });
});

describe('bad input', () => {
  it('refuses unknown zones, instants without an offset, bad months, keys and kinds', () => {
    expect(expectLoyaltyError(() => periodOf('2026-03-01T00:00:00Z', 'month', 'Mars/Olympus', 3), LOYALTY_ERR.BAD_TIME_ZONE))
      .toContain('IANA name');
    expect(expectLoyaltyError(() => periodOf('2026-03-01 10:00', 'month', J, 3), LOYALTY_ERR.BAD_INSTANT))
      .toContain('with an offset');
    expectLoyaltyError(() => periodOf('2026-02-30T00:00:00Z', 'month', J, 3), LOYALTY_ERR.BAD_INSTANT);
    expectLoyaltyError(() => periodOf('2026-03-01T00:00:00Z', 'month', J, 13), LOYALTY_ERR.BAD_SETTINGS);
    expectLoyaltyError(() => periodOf('2026-03-01T00:00:00Z', 'week' as PeriodKind, J, 3), LOYALTY_ERR.BAD_PERIOD);
    for (const key of ['2026-13', 'FY2027-Q5', 'FY27', '2026-3', '']) {
      expectLoyaltyError(() => kindOfKey(key), LOYALTY_ERR.BAD_PERIOD);
    }
  });
});

describe('properties', () => {
  const zones = ['Africa/Johannesburg', 'Pacific/Auckland', 'America/Los_Angeles', 'Europe/London', 'Asia/Kolkata',
    'America/Sao_Paulo', 'Pacific/Chatham', 'UTC'];
  const arb = fc.record({
    ms: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
    zone: fc.constantFrom(...zones),
    kind: fc.constantFrom<PeriodKind>('month', 'quarter', 'year'),
    fy: fc.integer({ min: 1, max: 12 }),
  });

  it('an instant lies in its period; neighbours touch; keys round-trip', () => {
    fc.assert(fc.property(arb, ({ ms, zone, kind, fy }) => {
      const at = new Date(ms).toISOString();
      const p = periodOf(at, kind, zone, fy);
      expect(Date.parse(p.start)).toBeLessThanOrEqual(ms);
      expect(ms).toBeLessThan(Date.parse(p.end));
      expect(periodOfKey(p.key, zone, fy)).toEqual(p);
      expect(nextPeriod(p, zone, fy).start).toBe(p.end);
      expect(previousPeriod(p, zone, fy).end).toBe(p.start);
      expect(periodOf(p.start, kind, zone, fy).key).toBe(p.key);
      expect(periodOf(new Date(Date.parse(p.end) - 1).toISOString(), kind, zone, fy).key).toBe(p.key);
      expect(kindOfKey(p.key)).toBe(kind);
      expect(periodKeysAt(at, zone, fy)[kind]).toBe(p.key);
    }), { numRuns: 300 });
  });

  it('a quarter is three months and a year twelve, starting in the first month', () => {
    fc.assert(fc.property(arb, ({ ms, zone, fy }) => {
      const at = new Date(ms).toISOString();
      const q = periodOf(at, 'quarter', zone, fy);
      const y = periodOf(at, 'year', zone, fy);
      expect(periodsBetween(q.start, new Date(Date.parse(q.end) - 1).toISOString(), 'month', zone, fy)).toHaveLength(3);
      const months = periodsBetween(y.start, new Date(Date.parse(y.end) - 1).toISOString(), 'month', zone, fy);
      expect(months).toHaveLength(12);
      expect(Number(months[0]!.key.slice(5))).toBe(fy);
    }), { numRuns: 100 });
  });
});
