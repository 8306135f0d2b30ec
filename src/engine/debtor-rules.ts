// The rules of one debtor's General and Account tabs, shared by `import debtors`
// (src/cli/debtors-csv.ts) and the Debtors screen (src/screens/debtors/), so a value one of them
// takes the other takes too. (The Loyalty tab's rules are engine/loyalty/validate.ts.) Each check
// says what is wrong without naming where the value came from: the CSV prefixes
// `line N: cellphone: ...`, the screen `Cellphone: ...`. Values arrive trimmed (the CSV reader
// trims every cell; the screen trims what was typed).
import { assert, ERR } from './errors.js';
import { parseMoney } from './money.js';
import type { Cents } from './types.js';

// Same shape as debtors.json accepts (store/schemas.ts), checked first so a bad value is
// refused where it was typed rather than as one field of the whole document.
const CODE = /^[A-Za-z0-9._-]{1,32}$/;
const CELLPHONE = /^\+?\d{7,15}$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
export const DEBTOR_NAME_MAX = 60;
export const DEBTOR_EMAIL_MAX = 254;
export const DEBTOR_CODE_RULE = '1-32 letters, digits or . _ -';

/** Null when the code is acceptable, else e.g. `"bad code!" must be 1-32 letters, digits or . _ -`. */
export function debtorCodeProblem(code: string): string | null {
  return CODE.test(code) ? null : `"${code}" must be ${DEBTOR_CODE_RULE}`;
}

export function debtorNameProblem(name: string): string | null {
  if (name === '') return 'is required';
  if (name.length > DEBTOR_NAME_MAX) return `is longer than ${DEBTOR_NAME_MAX} characters`;
  return null;
}

/** Empty is allowed (the debtor has none). */
export function debtorCellphoneProblem(cellphone: string): string | null {
  if (cellphone === '' || CELLPHONE.test(cellphone)) return null;
  return `"${cellphone}" must be 7-15 digits with an optional leading +, e.g. +27821234567 (empty when none)`;
}

/** Empty is allowed (the debtor has none). */
export function debtorEmailProblem(email: string): string | null {
  if (email === '' || (EMAIL.test(email) && email.length <= DEBTOR_EMAIL_MAX)) return null;
  return `"${email}" is not an email address like name@example.co.za (empty when none)`;
}

/** Account tab: the credit limit, 0 or more in the store's decimals; empty means 0. Throws an EngineError. */
export function parseCreditLimit(text: string, decimals = 2): Cents {
  if (text.trim() === '') return 0;
  const limit = parseMoney(text, decimals);
  assert(limit >= 0, ERR.BAD_AMOUNT, `Credit limit must not be negative (got "${text}")`);
  return limit;
}

/**
 * A Loyalty tab problem (engine/loyalty/validate.ts words it with the field's name first:
 * `target3 must be ...`, `target3: enter ...`) without that name, for a report that names the
 * field itself: `must be ...`, `enter ...`.
 */
export function withoutFieldName(field: string, message: string): string {
  if (message.startsWith(`${field}: `)) return message.slice(field.length + 2);
  if (message.startsWith(`${field} `)) return message.slice(field.length + 1);
  return message;
}
