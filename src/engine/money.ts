// Money as text: parse decimal strings without floats, format integer minor units.
import { assert, ERR } from './errors.js';
import type { Cents } from './types.js';

// Rates are parsed the same way; callers that think of them as money text import them from here.
export { parseRate, formatRate } from './rate.js';

export interface MoneyFormat {
  /** Currency symbol put before the digits, e.g. "R"; none by default so output parses back. */
  symbol?: string;
  /** Minor-unit digits (2 for cents). */
  decimals?: number;
}

export interface ParseMoneyOptions {
  /** Accept a leading "-" (refund adjustments, ledger journals). */
  allowNegative?: boolean;
}

function checkDecimals(decimals: number): void {
  assert(Number.isInteger(decimals) && decimals >= 0 && decimals <= 6, ERR.BAD_AMOUNT,
    `Currency decimals must be a whole number from 0 to 6 (got ${decimals})`);
}

/**
 * "19.99" -> 1999. Digits, optionally a "." and at most `decimals` more digits; no exponents,
 * thousands separators, commas or signs (a "-" only with allowNegative). The string is split on
 * "." and the parts joined as integers, so 1.005 never meets a float.
 */
export function parseMoney(text: string, decimals = 2, opts: ParseMoneyOptions = {}): Cents {
  checkDecimals(decimals);
  const allowed = decimals === 0 ? 'whole units, e.g. 19' : `an amount like 19.99 (at most ${decimals} decimals)`;
  const trimmed = text.trim();
  const negative = trimmed.startsWith('-');
  const body = negative ? trimmed.slice(1) : trimmed;
  assert(!negative || opts.allowNegative === true, ERR.BAD_AMOUNT,
    `Amount cannot be negative: enter ${allowed} (got "${text}")`);
  const shape = decimals === 0 ? /^(\d+)$/ : new RegExp(`^(\\d*)(?:\\.(\\d{1,${decimals}}))?$`);
  const m = shape.exec(body);
  assert(m !== null && body !== '' && body !== '.' && (m[1] !== '' || m[2] !== undefined), ERR.BAD_AMOUNT,
    `Enter ${allowed} (got "${text}")`);
  const units = m[1] === '' ? '0' : (m[1] as string);
  const fraction = (m[2] ?? '').padEnd(decimals, '0');
  const digits = (units + fraction).replace(/^0+(?=\d)/, '');
  assert(digits.length <= 15, ERR.BAD_AMOUNT, `Amount is too large (got "${text}")`);
  const value = Number(digits);
  return negative && value !== 0 ? -value : value;
}

/** 1250 -> "R12.50" (with symbol "R"), -1250 -> "-R12.50", no symbol -> "12.50". No separators. */
export function formatMoney(cents: Cents, opts: MoneyFormat = {}): string {
  const decimals = opts.decimals ?? 2;
  checkDecimals(decimals);
  assert(Number.isSafeInteger(cents), ERR.BAD_AMOUNT, `Amount must be whole minor units (got ${cents})`);
  const digits = String(Math.abs(cents)).padStart(decimals + 1, '0');
  const units = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  const number = decimals === 0 ? units : `${units}.${fraction}`;
  return `${cents < 0 ? '-' : ''}${opts.symbol ?? ''}${number}`;
}

/** Integer check used by every command that takes an amount. */
export function assertCents(value: number, what: string, opts: { min?: number; max?: number } = {}): void {
  const min = opts.min ?? 0;
  // Checked before any message is built: the books call this for every one of a million sales.
  if (Number.isSafeInteger(value) && value >= min && (opts.max === undefined || value <= opts.max)) return;
  assert(Number.isSafeInteger(value), ERR.BAD_AMOUNT, `${what} must be whole cents (got ${value})`);
  assert(value >= min, ERR.BAD_AMOUNT, `${what} must be at least ${min} cents (got ${value})`);
  if (opts.max !== undefined) {
    assert(value <= opts.max, ERR.BAD_AMOUNT, `${what} can be at most ${opts.max} cents (got ${value})`);
  }
}
