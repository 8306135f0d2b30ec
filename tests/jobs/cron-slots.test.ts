// Slots of cron expressions around an instant, in time zones: what catch-up and "next run" rely on.
import fc from 'fast-check';
import { createTask } from 'node-cron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileCron, cronProblem } from '../../src/jobs/cron-slots.js';

const at = (s: string): number => Date.parse(s);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const prev = (cron: string, s: string, tz = 'UTC'): string | null => iso(compileCron(cron).previous(at(s), tz));
const next = (cron: string, s: string, tz = 'UTC'): string | null => iso(compileCron(cron).next(at(s), tz));

describe('cron validation messages', () => {
  it('names the field and what it allows', () => {
    expect(cronProblem('61 2 * * *')).toBe('the minute field "61" is not valid (allowed: 0-59, *, */N, ranges and lists)');
    expect(cronProblem('0 24 * * *')).toMatch(/^the hour field "24" is not valid \(allowed: 0-23/);
    expect(cronProblem('0 0 * 13 *')).toMatch(/^the month field "13"/);
    expect(cronProblem('0 0 * * 8')).toMatch(/^the day of week field "8"/);
    expect(cronProblem('0 0 30 2 *')).toBe('day of month "30" never occurs in month "2"');
    expect(cronProblem('0 2 *')).toMatch(/expected 5 or 6 fields but got 3/);
    expect(cronProblem('')).toBe('the schedule is empty');
    expect(cronProblem('0 2 * * * ; rm')).toMatch(/illegal characters/);
  });

  it('accepts what node-cron accepts', () => {
    for (const ok of ['0 2 * * *', '*/15 * * * * *', '@daily', '0 0 L * *', '0 0 * * 1#2', '0 9 * jan,feb mon-fri']) expect(cronProblem(ok)).toBeNull();
  });
});

describe('previous slot (at or before) and next slot (strictly after)', () => {
  it('daily 02:00 in UTC', () => {
    expect(prev('0 2 * * *', '2025-03-10T09:00:00Z')).toBe('2025-03-10T02:00:00.000Z');
    expect(prev('0 2 * * *', '2025-03-10T01:59:59.999Z')).toBe('2025-03-09T02:00:00.000Z');
    expect(prev('0 2 * * *', '2025-03-10T02:00:00.000Z')).toBe('2025-03-10T02:00:00.000Z');
    expect(next('0 2 * * *', '2025-03-10T02:00:00.000Z')).toBe('2025-03-11T02:00:00.000Z');
    expect(next('0 2 * * *', '2025-03-10T01:59:59Z')).toBe('2025-03-10T02:00:00.000Z');
  });

  it('daily 02:00 in Africa/Johannesburg (UTC+2, no DST) is 00:00 UTC', () => {
    expect(prev('0 2 * * *', '2025-03-10T09:00:00Z', 'Africa/Johannesburg')).toBe('2025-03-10T00:00:00.000Z');
    expect(prev('0 2 * * *', '2025-03-09T23:59:59Z', 'Africa/Johannesburg')).toBe('2025-03-09T00:00:00.000Z');
    // Midnight local on the 1st is 22:00 UTC on the last day of the month before.
    expect(next('0 0 1 * *', '2025-03-15T00:00:00Z', 'Africa/Johannesburg')).toBe('2025-03-31T22:00:00.000Z');
  });

  it('a half-hour offset (Asia/Kolkata, UTC+5:30) and a negative one (America/Bogota, UTC-5)', () => {
    expect(prev('0 2 * * *', '2025-03-10T09:00:00Z', 'Asia/Kolkata')).toBe('2025-03-09T20:30:00.000Z');
    expect(prev('0 22 * * *', '2025-03-10T01:00:00Z', 'America/Bogota')).toBe('2025-03-09T03:00:00.000Z');
  });

  it('month ends: the 31st skips short months, L is the last day', () => {
    expect(prev('0 0 31 * *', '2025-05-15T00:00:00Z')).toBe('2025-03-31T00:00:00.000Z');
    expect(next('0 0 31 * *', '2025-04-01T00:00:00Z')).toBe('2025-05-31T00:00:00.000Z');
    expect(prev('0 0 L * *', '2025-03-15T00:00:00Z')).toBe('2025-02-28T00:00:00.000Z');
    expect(prev('0 0 L * *', '2024-03-15T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
    expect(next('59 23 L * *', '2025-04-01T00:00:00Z', 'Africa/Johannesburg')).toBe('2025-04-30T21:59:00.000Z');
  });

  it('leap years: 29 February', () => {
    expect(prev('0 0 29 2 *', '2027-06-01T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
    expect(next('0 0 29 2 *', '2025-01-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    // 2100 is not a leap year.
    expect(next('0 0 29 2 *', '2097-01-01T00:00:00Z')).toBe('2104-02-29T00:00:00.000Z');
    // Feb 29 and a Monday (node-cron ANDs the two day fields): 2016, then 2044.
    expect(prev('0 0 29 2 1', '2025-06-01T00:00:00Z')).toBe('2016-02-29T00:00:00.000Z');
  });

  it('a DST gap skips a wall time that never happens (America/New_York, 9 March 2025)', () => {
    expect(next('30 2 * * *', '2025-03-09T00:00:00Z', 'America/New_York')).toBe('2025-03-10T06:30:00.000Z');
    expect(prev('30 2 * * *', '2025-03-10T00:00:00Z', 'America/New_York')).toBe('2025-03-08T07:30:00.000Z');
  });

  it('seconds-level expressions and instants with milliseconds', () => {
    expect(prev('* * * * * *', '2025-03-10T09:00:00.500Z')).toBe('2025-03-10T09:00:00.000Z');
    expect(next('*/15 * * * * *', '2025-03-10T09:00:00.500Z')).toBe('2025-03-10T09:00:15.000Z');
  });
});

describe('agrees with node-cron', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const CRONS = ['0 2 * * *', '*/7 * * * *', '0 0 L * *', '15 3 29 2 *', '0 9 * * 1-5', '0 0 1 */3 *', '0 0 * * 5L', '30 1 * * 0#2'];
  const ZONES = ['UTC', 'Africa/Johannesburg', 'Asia/Kolkata', 'America/Bogota', 'Europe/London'];

  it('next slot equals node-cron getNextRun; previous(next) is next; nothing lies between previous(t) and t', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CRONS),
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.parse('2023-01-01T00:00:00Z'), max: Date.parse('2030-12-31T00:00:00Z') }),
        (cron, tz, t) => {
          const slots = compileCron(cron);
          vi.useFakeTimers({ now: t });
          const task = createTask(cron, () => undefined, { timezone: tz });
          try {
            const theirs = task.getNextRuns(1)[0]!.getTime();
            const n = slots.next(t, tz)!;
            expect(iso(n)).toBe(iso(theirs));
            expect(slots.previous(n, tz)).toBe(n);
            const p = slots.previous(t, tz)!;
            expect(p).toBeLessThanOrEqual(t);
            expect(slots.next(p, tz)).toBe(n);
            expect(task.match(new Date(p))).toBe(true);
          } finally {
            void task.destroy();
            vi.useRealTimers();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
