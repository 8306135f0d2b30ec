// Debtor file > Account > F2 Receive Payment: a small form (amount, tender, reference) over the
// Debtor file, which stays open underneath with its edits. Accept asks first, then records the
// payment in the back-office journal; a refusal is shown at its field and writes nothing. The
// receipt shows the document number and the balance after it; the Debtor file is told the new
// figures so its Account tab is current when the operator comes back.
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { formatMoney, type MoneyFormat } from '../../engine/money.js';
import type { DebtorAccountView, PaymentDoc } from '../../store/back-office-types.js';
import { backOffice } from '../../store/index.js';
import { useApp, useNavigation } from '../app-context.js';
import { useActingOperator } from '../operators/guard/use-guard.js';
import type { FormValues } from '../forms/field-types.js';
import { Form, errorText, type SaveResult } from '../forms/form.js';
import { matches, type Command } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { Shell } from '../shell/shell.js';
import { useContentSize } from '../shell/terminal-size.js';
import { truncate, useTheme } from '../theme.js';
import {
  PAYMENT_LABELS, paymentFieldOf, paymentQuestion, paymentRequest, paymentValues, receivePaymentFields,
} from './receive-payment-fields.js';

export const RECEIVE_PAYMENT_TITLE = 'Receive Payment';

export interface ReceivePaymentProps {
  /** The debtor's code. */
  debtor: string;
  /** The breadcrumb of the Debtor file this opened from (e.g. Debtors > Edit D1). */
  breadcrumb: readonly string[];
  /** Called once the payment is recorded, with the account as it now stands. */
  onPaid(view: DebtorAccountView, doc: PaymentDoc): void;
}

interface Receipt {
  doc: PaymentDoc;
  view: DebtorAccountView;
}

// The receipt has nothing to add, edit, delete or find: only Esc (and Enter) go back.
const RECEIPT_HIDE: readonly Command[] = ['listAdd', 'listEdit', 'listDelete', 'listFind'];

function ReceiptView({ receipt, money, breadcrumb, onClose }: { receipt: Receipt; money: MoneyFormat; breadcrumb: string[]; onClose(): void }): ReactNode {
  const theme = useTheme();
  const { rows, columns } = useContentSize();
  useKeyHandler((key) => {
    if (matches(key, 'listEdit')) {
      onClose();
      return true;
    }
    return false;
  }, { layer: 'screen' });
  const { doc, view } = receipt;
  const m = (c: number): string => formatMoney(c, money);
  const lines: [string, string][] = [
    ['Receipt', doc.number],
    [PAYMENT_LABELS.debtor, `${doc.debtor} ${doc.debtorName}`],
    [PAYMENT_LABELS.amount, `${m(doc.amount)} by ${doc.tenderName}`],
    [PAYMENT_LABELS.reference, doc.reference === '' ? '(none)' : doc.reference],
    ['New balance', m(view.balance)],
    [PAYMENT_LABELS.creditLimit, m(view.creditLimit)],
    [PAYMENT_LABELS.headroom, m(view.headroom)],
  ];
  return (
    <Shell breadcrumb={breadcrumb} scope="list" hide={RECEIPT_HIDE} status={`Payment received: receipt ${doc.number}`}>
      <Box flexDirection="column" height={rows} overflow="hidden">
        <Text bold>Payment received</Text>
        <Text> </Text>
        {lines.map(([label, value]) => (
          <Text key={label} wrap="truncate">
            <Text color={theme.colors.muted}>{`  ${label.padEnd(16)}`}</Text>
            <Text>{truncate(value, columns - 18, theme)}</Text>
          </Text>
        ))}
        <Text> </Text>
        <Text color={theme.colors.muted}>Enter or Esc: back to the Debtor file</Text>
      </Box>
    </Shell>
  );
}

export function ReceivePaymentScreen({ debtor, breadcrumb, onPaid }: ReceivePaymentProps): ReactNode {
  const app = useApp();
  const operator = useActingOperator();
  const nav = useNavigation();
  const { store } = app;
  const api = useMemo(() => backOffice(store), [store]);
  const company = store.get('settings').company;
  const money: MoneyFormat = { symbol: company.currencySymbol, decimals: company.currencyDecimals };
  const tenders = store.get('tenders').tenders;
  // The account as the form opened (null when the debtor has gone, deleted in another terminal).
  const [opened] = useState((): { view: DebtorAccountView | null; error?: string } => {
    try {
      return { view: api.account(debtor) };
    } catch (e) {
      return { view: null, error: errorText(e) };
    }
  });
  const paidRef = useRef<Receipt | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const crumb = [...breadcrumb, RECEIVE_PAYMENT_TITLE];

  if (receipt !== null) return <ReceiptView receipt={receipt} money={money} breadcrumb={crumb} onClose={() => nav.pop()} />;
  const start = opened.view;
  if (start === null) {
    return <Shell breadcrumb={crumb} scope="list" hide={RECEIPT_HIDE} status={{ text: `${RECEIVE_PAYMENT_TITLE}: ${opened.error ?? ''}`, kind: 'error' }}><Text> </Text></Shell>;
  }

  const accept = (values: FormValues): SaveResult => {
    try {
      const doc = api.receivePayment(paymentRequest(values, {
        debtor, decimals: company.currencyDecimals, operator, drawer: app.till?.till ?? null,
      }));
      const view = api.account(debtor);
      paidRef.current = { doc, view };
      onPaid(view, doc);
      return { ok: true };
    } catch (e) {
      const message = errorText(e);
      const field = paymentFieldOf(message);
      return field === undefined ? { ok: false, message } : { ok: false, message, field };
    }
  };
  return (
    <Form
      defs={receivePaymentFields(tenders, company.currencyDecimals)}
      initial={paymentValues(start, tenders, money)}
      breadcrumb={crumb}
      onAccept={accept}
      confirmAccept={(values) => {
        // The balance now, not when the form opened: a till may have sold on account meanwhile.
        let now = start;
        try {
          now = api.account(debtor);
        } catch {
          // Receiving will say what is wrong, at its field.
        }
        return paymentQuestion(values, now, tenders, money);
      }}
      onDone={(outcome) => {
        if (outcome === 'saved' && paidRef.current !== null) setReceipt(paidRef.current);
        else nav.pop();
      }}
    />
  );
}
