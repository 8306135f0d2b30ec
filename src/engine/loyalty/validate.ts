// Debtor Loyalty tab validation, shared by the screen and `import debtors` so both refuse exactly
// the same input with the same words. Field names are the CSV column names.
import { isEngineError } from '../errors.js';
import { formatMoney, parseMoney, type MoneyFormat } from '../money.js';
import { parseRate } from '../rate.js';
import { LOYALTY_ERR, loyaltyAssert } from './errors.js';
import { instantMs } from './time-zone.js';
import { LOYALTY_APPLICABLE, LOYALTY_APPLICABLE_LABELS } from './types.js';
import type { DebtorLoyalty, LoyaltyApplicable, LoyaltyTier } from './types.js';

export const MAX_TIERS = 4;

/** What the form or a CSV row holds: text as typed; empty or missing cells mean "not set". */
export interface DebtorLoyaltyInput {
  loyaltyApplicable?: string;
  excludeFromContracts?: string | boolean;
  target1?: string; percent1?: string;
  target2?: string; percent2?: string;
  target3?: string; percent3?: string;
  target4?: string; percent4?: string;
  /** ISO instant; when loyalty is switched on without one, the time of the change (`now`). */
  switchedOnAt?: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export interface ValidateOptions {
  /** The instant of this change (recorded as the switch-on time when none is given). */
  now: string;
  /** The debtor's settings before this change (keeps its switch-on time while it stays on). */
  previous?: DebtorLoyalty | null;
  money?: MoneyFormat;
}

const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false', '']);
const ALLOWED_APPLICABLE = LOYALTY_APPLICABLE.join(', ');

function text(v: string | undefined | null): string {
  return (v ?? '').trim();
}

function parseApplicable(raw: string | undefined, problems: FieldProblem[]): LoyaltyApplicable {
  const t = text(raw).toLowerCase();
  if (t === '') return 'no';
  const found = LOYALTY_APPLICABLE.find((a) => a === t || LOYALTY_APPLICABLE_LABELS[a].toLowerCase() === t);
  if (found === undefined) {
    problems.push({ field: 'loyaltyApplicable', message: `loyaltyApplicable must be one of ${ALLOWED_APPLICABLE} (got "${text(raw)}")` });
    return 'no';
  }
  return found;
}

function parseYesNo(raw: string | boolean | undefined, problems: FieldProblem[]): boolean {
  if (typeof raw === 'boolean') return raw;
  const t = text(raw).toLowerCase();
  if (YES.has(t)) return true;
  if (!NO.has(t)) problems.push({ field: 'excludeFromContracts', message: `excludeFromContracts must be yes or no (got "${text(raw)}")` });
  return false;
}

/** Parses one cell; on refusal records the engine's message under the field's name. */
function parseCell<T>(field: string, parse: () => T, problems: FieldProblem[]): T | null {
  try {
    return parse();
  } catch (e) {
    if (!isEngineError(e)) throw e;
    problems.push({ field, message: `${field}: ${e.message.charAt(0).toLowerCase()}${e.message.slice(1)}` });
    return null;
  }
}

function parseTiers(input: DebtorLoyaltyInput, money: MoneyFormat, problems: FieldProblem[]): LoyaltyTier[] {
  const tiers: LoyaltyTier[] = [];
  let firstEmpty: number | null = null;
  for (let n = 1; n <= MAX_TIERS; n++) {
    const targetText = text(input[`target${n}` as keyof DebtorLoyaltyInput] as string | undefined);
    const percentText = text(input[`percent${n}` as keyof DebtorLoyaltyInput] as string | undefined);
    if (targetText === '' && percentText === '') {
      firstEmpty ??= n;
      continue;
    }
    if (firstEmpty !== null) {
      problems.push({ field: `target${firstEmpty}`, message:
        `target${firstEmpty} is empty but tier ${n} is set: fill the targets in order from target1` });
      firstEmpty = null; // one message per gap
    }
    if (percentText === '') {
      problems.push({ field: `percent${n}`, message: `percent${n} is needed with target${n}: enter a percentage from 0 to 100, e.g. 2.5` });
    }
    if (targetText === '') {
      problems.push({ field: `target${n}`, message: `target${n} is needed with percent${n}: enter a sales amount of 0 or more, e.g. 200.00` });
    }
    const target = targetText === '' ? null : parseCell(`target${n}`, () => parseMoney(targetText, money.decimals ?? 2), problems);
    const rate = percentText === '' ? null : parseCell(`percent${n}`, () => parseRate(percentText), problems);
    if (target === null || rate === null) continue;
    const before = tiers[tiers.length - 1];
    if (before !== undefined && target <= before.target) {
      problems.push({ field: `target${n}`, message:
        `target${n} must be more than target${tiers.length} (${formatMoney(before.target, money)}): targets ascend strictly` });
      continue;
    }
    tiers.push({ target, rate });
  }
  return tiers;
}

/** Validates the Loyalty tab (or a CSV row) as a whole; never returns half a value. */
export function validateDebtorLoyalty(input: DebtorLoyaltyInput, opts: ValidateOptions): Validated<DebtorLoyalty> {
  const problems: FieldProblem[] = [];
  const money = opts.money ?? { symbol: 'R', decimals: 2 };
  const applicable = parseApplicable(input.loyaltyApplicable, problems);
  const excludeFromContracts = parseYesNo(input.excludeFromContracts, problems);
  const tiers = parseTiers(input, money, problems);
  let switchedOnAt: string | null = null;
  const given = text(input.switchedOnAt);
  if (given !== '') {
    const ok = parseCell('switchedOnAt', () => instantMs(given, 'a date-time'), problems);
    if (ok !== null) switchedOnAt = given;
  }
  if (applicable === 'no') {
    switchedOnAt = null;
  } else if (given === '') {
    const previous = opts.previous;
    const wasOn = previous != null && previous.applicable !== 'no' && previous.switchedOnAt !== null;
    switchedOnAt = wasOn ? previous.switchedOnAt : opts.now;
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { applicable, excludeFromContracts, tiers, switchedOnAt } };
}

/** The same rules for settings that are already typed (engine entry points check with this). */
export function assertDebtorLoyalty(l: DebtorLoyalty): void {
  loyaltyAssert(LOYALTY_APPLICABLE.includes(l.applicable), LOYALTY_ERR.BAD_SETTINGS,
    `loyaltyApplicable must be one of ${ALLOWED_APPLICABLE} (got "${String(l.applicable)}")`);
  loyaltyAssert(typeof l.excludeFromContracts === 'boolean', LOYALTY_ERR.BAD_SETTINGS, 'excludeFromContracts must be yes or no');
  loyaltyAssert(Array.isArray(l.tiers) && l.tiers.length <= MAX_TIERS, LOYALTY_ERR.BAD_SETTINGS,
    `A debtor has at most ${MAX_TIERS} sales targets`);
  l.tiers.forEach((t, i) => {
    const n = i + 1;
    loyaltyAssert(Number.isSafeInteger(t.target) && t.target >= 0, LOYALTY_ERR.BAD_SETTINGS,
      `target${n} must be whole cents of 0 or more (got ${String(t.target)})`);
    loyaltyAssert(Number.isSafeInteger(t.rate) && t.rate >= 0 && t.rate <= 10000, LOYALTY_ERR.BAD_SETTINGS,
      `percent${n} must be 0 to 10000 basis points (0% to 100%) (got ${String(t.rate)})`);
    const before = l.tiers[i - 1];
    loyaltyAssert(before === undefined || t.target > before.target, LOYALTY_ERR.BAD_SETTINGS,
      `target${n} must be more than target${i} (${String(before?.target)} cents): targets ascend strictly`);
  });
  if (l.switchedOnAt !== null) instantMs(l.switchedOnAt, 'switchedOnAt');
}
