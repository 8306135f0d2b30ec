// The Debtor file's Account tab beyond its editable fields: the balance and headroom from the back
// office's account view, and F2 Receive Payment, which opens over the file and hands the new
// figures back to it, so the tab shows them without losing the operator's unsaved edits.
import type { MoneyFormat } from '../../engine/money.js';
import type { DebtorAccountView } from '../../store/back-office-types.js';
import type { ScreenEntry } from '../app-context.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import type { FormCommand } from '../forms/form.js';
import { activeTab } from '../forms/form-state.js';
import { ACCOUNT_TAB, DEBTOR_LABELS } from './debtor-fields.js';
import { RECEIVE_PAYMENT_TITLE, ReceivePaymentScreen } from './receive-payment.js';
import { PAYMENT_LABELS, accountFigures } from './receive-payment-fields.js';

export const HEADROOM_LABEL = PAYMENT_LABELS.headroom;

export const PAYMENT_ELSEWHERE = `Payment: on the ${ACCOUNT_TAB} tab (PgDn to it), F2 receives a payment on the account`;

/** The Debtor file's fields with Headroom under Account balance. */
export function withHeadroom(defs: readonly FieldDef[]): FieldDef[] {
  const at = defs.findIndex((d) => d.key === 'balance');
  const headroom: FieldDef = { key: 'headroom', label: HEADROOM_LABEL, kind: 'text', tab: ACCOUNT_TAB, readOnly: true };
  return at < 0 ? [...defs, headroom] : [...defs.slice(0, at + 1), headroom, ...defs.slice(at + 1)];
}

/** Account balance and Headroom as the Account tab shows them (a new debtor owes nothing). */
export function accountTabValues(view: DebtorAccountView | null, money: MoneyFormat): FormValues {
  if (view === null) return { headroom: '' };
  const f = accountFigures(view, money);
  return { balance: f.balance ?? '', headroom: f.headroom ?? '' };
}

export interface PaymentCommandOptions {
  debtor: string;
  /** The Debtor file's breadcrumb (the payment's is under it). */
  breadcrumb: readonly string[];
  money: MoneyFormat;
  push(screen: ScreenEntry): void;
}

export function receivePaymentCommand(opts: PaymentCommandOptions): FormCommand {
  return {
    command: 'receivePayment',
    unavailable: (state) => (activeTab(state) === ACCOUNT_TAB ? null : PAYMENT_ELSEWHERE),
    run: (form) => {
      opts.push({
        id: 'debtors.receive-payment',
        title: RECEIVE_PAYMENT_TITLE,
        render: () => (
          <ReceivePaymentScreen
            debtor={opts.debtor}
            breadcrumb={opts.breadcrumb}
            onPaid={(view, doc) => {
              form.show(accountTabValues(view, opts.money));
              form.status(`Payment ${doc.number} received: ${DEBTOR_LABELS.balance} now ${accountFigures(view, opts.money).balance ?? ''}`);
            }}
          />
        ),
      });
    },
  };
}
