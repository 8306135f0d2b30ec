// Percentages as basis points (15% = 1500), parsed from decimal strings without floats.
import { assert, ERR } from './errors.js';
import type { BasisPoints } from './types.js';

/** "15" -> 1500, "15.0" -> 1500, "2.5" -> 250, "0.01" -> 1; at most 2 decimals, 0 to 100; "15%" too. */
export function parseRate(text: string): BasisPoints {
  const body = text.trim().replace(/\s*%$/, '');
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(body);
  const allowed = 'a percentage from 0 to 100 with at most 2 decimals, e.g. 15 or 2.5';
  assert(m !== null, ERR.BAD_RATE, `Enter ${allowed} (got "${text}")`);
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  assert(bp <= 10000, ERR.BAD_RATE, `Enter ${allowed} (got "${text}")`);
  return bp;
}

/** 1500 -> "15%", 250 -> "2.5%", 1 -> "0.01%". */
export function formatRate(bp: BasisPoints): string {
  assert(Number.isSafeInteger(bp) && bp >= 0, ERR.BAD_RATE, `Rate must be whole basis points >= 0 (got ${bp})`);
  const whole = Math.floor(bp / 100);
  const fraction = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${fraction === '' ? '' : `.${fraction}`}%`;
}

export function assertRate(bp: number, what = 'Tax rate'): void {
  assert(Number.isSafeInteger(bp) && bp >= 0 && bp <= 10000, ERR.BAD_RATE,
    `${what} must be 0 to 10000 basis points (0% to 100%) (got ${bp})`);
}
