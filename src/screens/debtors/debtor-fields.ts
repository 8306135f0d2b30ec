// The Debtor file as form fields (tabs General | Account | Loyalty), and the form -> debtors.json
// change. Every check is the one `import debtors` runs: General through engine/debtor-rules.ts,
// Loyalty through validateDebtorLoyalty (with the CSV column names as the form's keys), so the
// screen and the import take and refuse the same values; the switch-on rule is the import's too.
import { isEngineError } from '../../engine/errors.js';
import {
  debtorCellphoneProblem, debtorCodeProblem, debtorEmailProblem, debtorNameProblem, parseCreditLimit, withoutFieldName,
} from '../../engine/debtor-rules.js';
import { MAX_TIERS, validateDebtorLoyalty, type DebtorLoyaltyInput, type FieldProblem } from '../../engine/loyalty/validate.js';
import { LOYALTY_APPLICABLE, LOYALTY_APPLICABLE_LABELS, type DebtorLoyalty, type LoyaltyBalances } from '../../engine/loyalty/types.js';
import { formatMoney, formatRate, type MoneyFormat } from '../../engine/money.js';
import type { Cents } from '../../engine/types.js';
import { wallTime } from '../../engine/zoned-time.js';
import type { Debtor, DebtorsDoc } from '../../store/documents-types.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import { FLAG_OFF, FLAG_ON } from '../forms/field-types.js';

export const GENERAL_TAB = 'General';
export const ACCOUNT_TAB = 'Account';
export const LOYALTY_TAB = 'Loyalty';

export const DEBTOR_LABELS = {
  code: 'Code',
  name: 'Name',
  cellphone: 'Cellphone',
  email: 'Email',
  creditLimit: 'Credit limit',
  onHold: 'On hold',
  balance: 'Account balance',
  loyaltyApplicable: 'Loyalty Applicable',
  excludeFromContracts: 'Exclude from Contracts',
  switchedOnAt: 'Switched on',
  monthToDate: 'Loyalties Month to Date',
  pendingAccrual: 'Loyalties Pending Accrual',
  accrued: 'Loyalties Accrued',
  redeemed: 'Loyalties Redeemed',
  available: 'Loyalties Available',
} as const;

const TIERS = Array.from({ length: MAX_TIERS }, (_, i) => i + 1);
export const targetLabel = (n: number): string => `Target ${n}`;
export const percentLabel = (n: number): string => `Percentage ${n}`;

/** The form's label of a Loyalty column name (target2 -> Target 2). */
function labelOfColumn(field: string): string {
  const m = /^(target|percent)(\d)$/.exec(field);
  if (m !== null) return m[1] === 'target' ? targetLabel(Number(m[2])) : percentLabel(Number(m[2]));
  if (field === 'loyaltyApplicable') return DEBTOR_LABELS.loyaltyApplicable;
  if (field === 'excludeFromContracts') return DEBTOR_LABELS.excludeFromContracts;
  return field;
}

/** The validator's problem in the screen's words: `Target 3: must be more than Target 2 (R500.00): ...`. */
export function loyaltyMessage(p: FieldProblem): string {
  const words = withoutFieldName(p.field, p.message).replace(/\b(target|percent)([1-4])\b/g, (c) => labelOfColumn(c));
  return `${labelOfColumn(p.field)}: ${words}`;
}

/** "2.5" for 250 bp, as the CSV writes a percentage. */
export function percentText(bp: number): string {
  return formatRate(bp).replace('%', '');
}

/** A short Loyalty Applicable for the list: "Monthly Journal", "Quarterly Payment", "No". */
export function shortApplicable(l: DebtorLoyalty): string {
  return LOYALTY_APPLICABLE_LABELS[l.applicable].replace(' - Journal Account', ' Journal').replace(' - Use As Payment', ' Payment');
}

/** An instant as the shop's wall clock: 2026-12-01 13:37. */
export function wallText(iso: string | null, timeZone: string): string {
  if (iso === null) return '(not switched on)';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const w = wallTime(ms, timeZone);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`;
}

function engineMessage(label: string, run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (e) {
    if (isEngineError(e)) return `${label}: ${e.message}`;
    throw e;
  }
}

function loyaltyInput(v: FormValues): DebtorLoyaltyInput {
  const input: Record<string, string> = {
    loyaltyApplicable: v.loyaltyApplicable ?? 'no',
    excludeFromContracts: v.excludeFromContracts ?? FLAG_OFF,
  };
  for (const n of TIERS) {
    input[`target${n}`] = v[`target${n}`] ?? '';
    input[`percent${n}`] = v[`percent${n}`] ?? '';
  }
  return input as DebtorLoyaltyInput;
}

export interface DebtorFormContext {
  /** The debtor being edited, or null when adding one. */
  editing: Debtor | null;
  /** The debtors now (read when a field is checked, so another terminal's save is seen). */
  debtors(): readonly Debtor[];
  money: MoneyFormat;
  /** The instant of this change (the switch-on time when loyalty goes from No to on). */
  now(): string;
}

function problemsOf(v: FormValues, ctx: DebtorFormContext): FieldProblem[] {
  const r = validateDebtorLoyalty(loyaltyInput(v), { now: ctx.now(), previous: ctx.editing?.loyalty ?? null, money: ctx.money });
  return r.ok ? [] : r.problems;
}

/** Target n's own problems, its order among the targets checked even before its percentage is typed. */
function targetMessage(n: number, v: FormValues, ctx: DebtorFormContext): string | null {
  const percent = `percent${n}`;
  // The same rules with a stand-in percentage, so a descending target is refused where it is typed.
  const early = (v[`target${n}`] ?? '').trim() !== '' && (v[percent] ?? '').trim() === '' ? { ...v, [percent]: '0' } : v;
  const own = problemsOf(early, ctx).find((p) => p.field === `target${n}`);
  return own === undefined ? null : loyaltyMessage(own);
}

/** Percentage n's own problems; with no target beside it, the target's ("needed with ..."). */
function percentMessage(n: number, v: FormValues, ctx: DebtorFormContext): string | null {
  const problems = problemsOf(v, ctx);
  const own = problems.find((p) => p.field === `percent${n}`);
  if (own !== undefined) return loyaltyMessage(own);
  if ((v[`target${n}`] ?? '').trim() !== '') return null;
  const target = problems.find((p) => p.field === `target${n}`);
  return target === undefined ? null : loyaltyMessage(target);
}

export function codeMessage(code: string, debtors: readonly Debtor[]): string | null {
  const c = code.trim();
  const problem = debtorCodeProblem(c);
  if (problem !== null) return `${DEBTOR_LABELS.code}: ${problem}`;
  if (debtors.some((d) => d.code === c)) return `${DEBTOR_LABELS.code}: debtor ${c} already exists; choose another code`;
  return null;
}

const prefixed = (label: string, problem: string | null): string | null => (problem === null ? null : `${label}: ${problem}`);

export function debtorFields(ctx: DebtorFormContext): FieldDef[] {
  const decimals = ctx.money.decimals ?? 2;
  const tiers: FieldDef[] = TIERS.flatMap((n): FieldDef[] => [
    { key: `target${n}`, label: targetLabel(n), kind: 'text', tab: LOYALTY_TAB, validate: (_v, all) => targetMessage(n, all, ctx) },
    { key: `percent${n}`, label: percentLabel(n), kind: 'text', tab: LOYALTY_TAB, validate: (_v, all) => percentMessage(n, all, ctx) },
  ]);
  const shown = (key: string, label: string, tab: string): FieldDef => ({ key, label, kind: 'text', tab, readOnly: true });
  return [
    {
      key: 'code', label: DEBTOR_LABELS.code, kind: 'text', tab: GENERAL_TAB,
      // Sales, contracts and loyalty rows refer to the code, so it is fixed once the debtor exists.
      readOnly: ctx.editing !== null,
      validate: (v) => codeMessage(v, ctx.debtors()),
    },
    { key: 'name', label: DEBTOR_LABELS.name, kind: 'text', tab: GENERAL_TAB, validate: (v) => prefixed(DEBTOR_LABELS.name, debtorNameProblem(v.trim())) },
    { key: 'cellphone', label: DEBTOR_LABELS.cellphone, kind: 'text', tab: GENERAL_TAB, validate: (v) => prefixed(DEBTOR_LABELS.cellphone, debtorCellphoneProblem(v.trim())) },
    { key: 'email', label: DEBTOR_LABELS.email, kind: 'text', tab: GENERAL_TAB, validate: (v) => prefixed(DEBTOR_LABELS.email, debtorEmailProblem(v.trim())) },
    {
      key: 'creditLimit', label: DEBTOR_LABELS.creditLimit, kind: 'money', decimals, tab: ACCOUNT_TAB,
      validate: (v) => engineMessage(DEBTOR_LABELS.creditLimit, () => parseCreditLimit(v, decimals)),
    },
    { key: 'onHold', label: DEBTOR_LABELS.onHold, kind: 'flag', tab: ACCOUNT_TAB },
    shown('balance', DEBTOR_LABELS.balance, ACCOUNT_TAB),
    {
      key: 'loyaltyApplicable', label: DEBTOR_LABELS.loyaltyApplicable, kind: 'choice', tab: LOYALTY_TAB,
      choices: LOYALTY_APPLICABLE.map((a) => ({ value: a, label: LOYALTY_APPLICABLE_LABELS[a] })),
    },
    { key: 'excludeFromContracts', label: DEBTOR_LABELS.excludeFromContracts, kind: 'flag', tab: LOYALTY_TAB },
    ...tiers,
    shown('switchedOnAt', DEBTOR_LABELS.switchedOnAt, LOYALTY_TAB),
    shown('monthToDate', DEBTOR_LABELS.monthToDate, LOYALTY_TAB),
    shown('pendingAccrual', DEBTOR_LABELS.pendingAccrual, LOYALTY_TAB),
    shown('accrued', DEBTOR_LABELS.accrued, LOYALTY_TAB),
    shown('redeemed', DEBTOR_LABELS.redeemed, LOYALTY_TAB),
    shown('available', DEBTOR_LABELS.available, LOYALTY_TAB),
  ];
}

/** What the read-only rows show: the account balance and the five balances, from the loyalty book. */
export interface DebtorFigures {
  accountBalance: Cents;
  balances: Pick<LoyaltyBalances, 'monthToDate' | 'pendingAccrual' | 'accrued' | 'redeemed' | 'available'>;
  timeZone: string;
}

export function debtorValues(d: Debtor | null, money: MoneyFormat, figures: DebtorFigures): FormValues {
  const amount = (c: Cents): string => formatMoney(c, money);
  const b = figures.balances;
  const values: FormValues = {
    code: d?.code ?? '',
    name: d?.name ?? '',
    cellphone: d?.cellphone ?? '',
    email: d?.email ?? '',
    creditLimit: formatMoney(d?.account.creditLimit ?? 0, { decimals: money.decimals ?? 2 }),
    onHold: d?.account.onHold === true ? FLAG_ON : FLAG_OFF,
    balance: amount(figures.accountBalance),
    loyaltyApplicable: d?.loyalty.applicable ?? 'no',
    excludeFromContracts: d?.loyalty.excludeFromContracts === true ? FLAG_ON : FLAG_OFF,
    switchedOnAt: wallText(d?.loyalty.switchedOnAt ?? null, figures.timeZone),
    monthToDate: amount(b.monthToDate),
    pendingAccrual: amount(b.pendingAccrual),
    accrued: amount(b.accrued),
    redeemed: amount(b.redeemed),
    available: amount(b.available),
  };
  for (const n of TIERS) {
    const tier = d?.loyalty.tiers[n - 1];
    values[`target${n}`] = tier ? formatMoney(tier.target, { decimals: money.decimals ?? 2 }) : '';
    values[`percent${n}`] = tier ? percentText(tier.rate) : '';
  }
  return values;
}

/** What the form says about one debtor; applyDebtor merges it into debtors.json. */
export interface DebtorEdit {
  code: string;
  name: string;
  cellphone: string;
  email: string;
  creditLimit: Cents;
  onHold: boolean;
  /** The Loyalty tab as typed (validated again under the lock against the debtor on disk). */
  loyalty: DebtorLoyaltyInput;
}

export function debtorEditFromValues(v: FormValues, money: MoneyFormat): DebtorEdit {
  return {
    code: (v.code ?? '').trim(),
    name: (v.name ?? '').trim(),
    cellphone: (v.cellphone ?? '').trim(),
    email: (v.email ?? '').trim(),
    creditLimit: parseCreditLimit(v.creditLimit ?? '', money.decimals ?? 2),
    onHold: v.onHold === FLAG_ON,
    loyalty: loyaltyInput(v),
  };
}

/**
 * Writes one debtor into a freshly re-read debtors.json (the caller holds the store lock). The
 * checks run again on what is on disk now: a code another terminal took meanwhile is refused at the
 * field, and the switch-on time follows the import's rule against the debtor as saved (kept while
 * loyalty stays on, `now` when it goes from No to on, cleared when off). Editing keeps the fields
 * the form does not show and the list's order.
 */
export function applyDebtor(draft: DebtorsDoc, edit: DebtorEdit, adding: boolean, now: string, money: MoneyFormat): Debtor {
  const at = draft.debtors.findIndex((d) => d.code === edit.code);
  if (adding) {
    const problem = codeMessage(edit.code, draft.debtors);
    if (problem !== null) throw new Error(problem);
  } else if (at < 0) {
    throw new Error(`Debtor ${edit.code} no longer exists (deleted in another terminal?)`);
  }
  for (const [label, problem] of [
    [DEBTOR_LABELS.name, debtorNameProblem(edit.name)],
    [DEBTOR_LABELS.cellphone, debtorCellphoneProblem(edit.cellphone)],
    [DEBTOR_LABELS.email, debtorEmailProblem(edit.email)],
  ] as const) {
    if (problem !== null) throw new Error(`${label}: ${problem}`);
  }
  const previous = adding ? undefined : draft.debtors[at];
  const loyalty = validateDebtorLoyalty(edit.loyalty, { now, previous: previous?.loyalty ?? null, money });
  if (!loyalty.ok) throw new Error(loyaltyMessage(loyalty.problems[0] as FieldProblem));
  const debtor: Debtor = {
    ...previous,
    code: edit.code,
    name: edit.name,
    cellphone: edit.cellphone,
    email: edit.email,
    account: { ...previous?.account, creditLimit: edit.creditLimit, onHold: edit.onHold },
    loyalty: { ...previous?.loyalty, ...loyalty.value },
  };
  if (adding) draft.debtors.push(debtor);
  else draft.debtors[at] = debtor;
  return debtor;
}
