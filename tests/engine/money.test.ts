import { describe, expect, it } from 'vitest';
import { ERR } from '../../src/engine/errors.js';
import { formatMoney, parseMoney } from '../../src/engine/money.js';
import { formatRate, parseRate } from '../../src/engine/rate.js';
import { expectEngineError } from './fixtures.js';

describe('parseMoney', () => {
  it.each([
    ['19.99', 1999], ['19', 1900], ['19.5', 1950], ['0.01', 1], ['0', 0], ['0.00', 0], [' 7.10 ', 710],
    ['.5', 50], ['007.05', 705], ['1.10', 110], ['999999999999.99', 99999999999999],
  ])('%j -> %i', (text, cents) => {
    expect(parseMoney(text)).toBe(cents);
  });

  it.each(['1e3', '1.999', '1.005', '', '   ', 'abc', '1,5', '1.', '.', '+1', '1 000', '0x10', '-', 'R12', '12.5.0',
    'Infinity', 'NaN', '١٢'])('refuses %j', (text) => {
    const message = expectEngineError(() => parseMoney(text), ERR.BAD_AMOUNT);
    expect(message).toContain(`"${text}"`);
  });

  it('says what is allowed', () => {
    expect(expectEngineError(() => parseMoney('1.999'), ERR.BAD_AMOUNT)).toBe('Enter an amount like 19.99 (at most 2 decimals) (got "1.999")');
  });

  it('accepts a minus sign only when asked', () => {
    expectEngineError(() => parseMoney('-1.00'), ERR.BAD_AMOUNT);
    expect(parseMoney('-1.00', 2, { allowNegative: true })).toBe(-100);
    expect(parseMoney('-0.05', 2, { allowNegative: true })).toBe(-5);
    expect(Object.is(parseMoney('-0', 2, { allowNegative: true }), 0)).toBe(true);
  });

  it('follows the currency decimals', () => {
    expect(parseMoney('12', 0)).toBe(12);
    expectEngineError(() => parseMoney('12.5', 0), ERR.BAD_AMOUNT);
    expect(parseMoney('1.234', 3)).toBe(1234);
    expect(parseMoney('1.2', 3)).toBe(1200);
  });

  it('adds decimal strings exactly where floats do not (0.1 + 0.2, 1.005)', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(parseMoney('0.1') + parseMoney('0.2')).toBe(parseMoney('0.3'));
    expect(Math.round(1.005 * 100)).toBe(100); // the float trap
    expect(parseMoney('1.05') * 3).toBe(315);
  });

  it('refuses amounts too large to hold exactly', () => {
    expectEngineError(() => parseMoney('99999999999999999'), ERR.BAD_AMOUNT);
  });
});

describe('formatMoney', () => {
  it.each([
    [1250, { symbol: 'R' }, 'R12.50'], [-1250, { symbol: 'R' }, '-R12.50'], [1250, {}, '12.50'], [5, {}, '0.05'],
    [-5, {}, '-0.05'], [0, { symbol: 'R' }, 'R0.00'], [100000000, { symbol: 'R' }, 'R1000000.00'],
    [1234, { decimals: 0, symbol: '¥' }, '¥1234'], [1234, { decimals: 3 }, '1.234'], [7, { decimals: 3 }, '0.007'],
  ] as const)('%i %j -> %s', (cents, opts, text) => {
    expect(formatMoney(cents, opts)).toBe(text);
  });

  it('refuses non-integer cents', () => {
    expectEngineError(() => formatMoney(12.5), ERR.BAD_AMOUNT);
  });
});

describe('parseRate / formatRate', () => {
  it.each([['15', 1500], ['15.0', 1500], ['15.00', 1500], ['2.5', 250], ['0.01', 1], ['0', 0], ['100', 10000],
    ['15%', 1500], [' 7.25 ', 725]])('%j -> %i bp', (text, bp) => {
    expect(parseRate(text)).toBe(bp);
  });

  it.each(['100.01', '101', '-1', '2.555', 'abc', '', '1e1', '15,5', '1000'])('refuses %j', (text) => {
    expect(expectEngineError(() => parseRate(text), ERR.BAD_RATE)).toContain('0 to 100');
  });

  it.each([[1500, '15%'], [250, '2.5%'], [1, '0.01%'], [0, '0%'], [10000, '100%'], [1510, '15.1%'], [1505, '15.05%']])(
    '%i bp -> %s', (bp, text) => {
      expect(formatRate(bp)).toBe(text);
      expect(parseRate(text)).toBe(bp);
    });
});
