// Receive Payment (Debtor file > Account > F2) as form fields, and the form -> request change. The
// tenders offered are the ones a payment on account may be taken on: money that comes in (cash,
// card, other), never the account itself or loyalty credits (those reach an account only through
// a loyalty journal credit).
import { formatMoney, parseMoney, type MoneyFormat } from '../../engine/money.js';
import type { Cents, Tender } from '../../engine/types.js';
import type { DebtorAccountView, ReceivePaymentRequest } from '../../store/back-office-types.js';
import type { ConfirmRequest } from '../app-context.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';

export const PAYMENT_LABELS = {
  debtor: 'Debtor',
  balance: 'Account balance',
  creditLimit: 'Credit limit',
  headroom: 'Headroom',
  amount: 'Amount',
  tender: 'Tender',
  reference: 'Reference',
} as const;

export const PAYMENT_TENDER_KINDS: readonly Tender['kind'][] = ['cash', 'card', 'other'];

export const REFERENCE_MAX = 40;

export function paymentTenders(tenders: readonly Tender[]): Tender[] {
  return tenders.filter((t) => PAYMENT_TENDER_KINDS.includes(t.kind));
}

function amountMessage(text: string, decimals: number): string | null {
  // The money kind has already refused what does not parse.
  return parseMoney(text, decimals) > 0 ? null : `${PAYMENT_LABELS.amount}: enter an amount more than 0, e.g. 100.00`;
}

export function receivePaymentFields(tenders: readonly Tender[], decimals: number): FieldDef[] {
  const shown = (key: keyof typeof PAYMENT_LABELS): FieldDef => ({ key, label: PAYMENT_LABELS[key], kind: 'text', readOnly: true });
  return [
    shown('debtor'),
    shown('balance'),
    shown('creditLimit'),
    shown('headroom'),
    { key: 'amount', label: PAYMENT_LABELS.amount, kind: 'money', decimals, required: true, validate: (v) => amountMessage(v, decimals) },
    { key: 'tender', label: PAYMENT_LABELS.tender, kind: 'choice', choices: paymentTenders(tenders).map((t) => ({ value: t.code, label: `${t.name} (${t.code})` })) },
    { key: 'reference', label: PAYMENT_LABELS.reference, kind: 'text', maxLength: REFERENCE_MAX },
  ];
}

/** The read-only figures of an account as the forms show them (the payment form, the Debtor file). */
export function accountFigures(view: DebtorAccountView, money: MoneyFormat): FormValues {
  const m = (c: Cents): string => formatMoney(c, money);
  return { debtor: `${view.debtor} ${view.name}`, balance: m(view.balance), creditLimit: m(view.creditLimit), headroom: m(view.headroom) };
}

export function paymentValues(view: DebtorAccountView, tenders: readonly Tender[], money: MoneyFormat): FormValues {
  return { ...accountFigures(view, money), amount: '', tender: paymentTenders(tenders)[0]?.code ?? '', reference: '' };
}

export interface PaymentContext {
  debtor: string;
  decimals: number;
  operator: string;
  drawer: string | null;
}

export function paymentRequest(v: FormValues, ctx: PaymentContext): ReceivePaymentRequest {
  return {
    debtor: ctx.debtor,
    amount: parseMoney(v.amount ?? '', ctx.decimals),
    tenderCode: v.tender ?? '',
    reference: (v.reference ?? '').trim(),
    operator: ctx.operator,
    drawer: ctx.drawer,
  };
}

/** The question before money is recorded: what, from whom, on what, and where it leaves the account. */
export function paymentQuestion(v: FormValues, view: DebtorAccountView, tenders: readonly Tender[], money: MoneyFormat): ConfirmRequest {
  const amount = parseMoney(v.amount ?? '', money.decimals ?? 2);
  const tender = tenders.find((t) => t.code === v.tender)?.name ?? v.tender ?? '';
  const after = view.balance - amount;
  const reference = (v.reference ?? '').trim();
  const credit = after < 0 ? ` (${formatMoney(-after, money)} in credit)` : '';
  return {
    title: 'Receive this payment? (y/n)',
    message: `${formatMoney(amount, money)} from ${view.debtor} ${view.name} by ${tender}${reference === '' ? '' : `, ref ${reference}`}. ` +
      `Balance after: ${formatMoney(after, money)}${credit}.`,
    yesLabel: 'Receive it',
    noLabel: 'Not yet',
  };
}

/** The field a refusal names by its label ("Amount: ..."), if any. */
export function paymentFieldOf(message: string): string | undefined {
  if (message.startsWith(`${PAYMENT_LABELS.amount}:`)) return 'amount';
  if (message.startsWith(`${PAYMENT_LABELS.tender}:`)) return 'tender';
  if (message.startsWith(`${PAYMENT_LABELS.reference}:`)) return 'reference';
  return undefined;
}
