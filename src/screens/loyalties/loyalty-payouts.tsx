// Loyalties > Loyalty Payouts: pick a debtor, see its Available, pay out an amount (the whole
// Available by default) by cash, direct deposit or gift voucher with a reference. Asks first,
// then writes one back-office document and shows its number; the back office's refusals (more
// than Available, a debtor whose loyalty is off) are shown at the field they are about. A payout
// is a manager's: once operators exist, anyone else is asked for a manager's override after the y/n.
import { useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { PAYOUT_METHODS, type PayoutMethod } from '../../engine/loyalty/types.js';
import { parseMoney } from '../../engine/money.js';
import type { Debtor } from '../../store/documents-types.js';
import { backOffice, type LoyaltyDoc } from '../../store/index.js';
import { useApp, useConfirm } from '../app-context.js';
import { useActingOperator, useGuard } from '../operators/guard/use-guard.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import { createEntryBuffer } from '../input/entry-buffer.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useScreenContentSize } from './content-size.js';
import { useTheme } from '../theme.js';
import { ACTION_FORM_HIDE, ActionFormView, createActionForm, formStatus, type ActionForm } from './action-form.js';
import { DebtorPicker } from './debtor-picker.js';
import { amount, errorText, money, moneyFormatOf } from './format.js';

export const PAYOUTS_BREADCRUMB = ['Loyalties', 'Loyalty Payouts'];

export const PAYOUT_METHOD_LABELS: Readonly<Record<PayoutMethod, string>> = {
  'cash': 'Cash',
  'direct-deposit': 'Direct deposit',
  'gift-voucher': 'Gift voucher',
};

export function payoutFields(decimals: number): FieldDef[] {
  return [
    {
      key: 'amount', label: 'Amount', kind: 'money', decimals, required: true,
      validate: (v) => (parseMoney(v, decimals) === 0 ? 'Amount: enter more than 0' : null),
    },
    { key: 'method', label: 'Method', kind: 'choice', choices: PAYOUT_METHODS.map((m) => ({ value: m, label: PAYOUT_METHOD_LABELS[m] })) },
    { key: 'reference', label: 'Reference', kind: 'text', maxLength: 40 },
  ];
}

/** Which field a refusal is about: the method or reference when it names them, else the amount. */
export function payoutField(message: string): string {
  const m = message.toLowerCase();
  if (m.startsWith('method') || m.includes('payout account')) return 'method';
  if (m.startsWith('reference')) return 'reference';
  return 'amount';
}

interface Picked {
  debtor: Debtor;
  available: number;
  form: ActionForm;
}

type Step =
  | { kind: 'pick' }
  | { kind: 'form' }
  | { kind: 'asking' }
  | { kind: 'done'; doc: LoyaltyDoc; paid: number; available: number };

export function LoyaltyPayoutsScreen(): ReactNode {
  const { store, till, tillId } = useApp();
  const operator = useActingOperator();
  const confirm = useConfirm();
  const guard = useGuard();
  const theme = useTheme();
  const { rows, columns } = useScreenContentSize();
  const fmt = moneyFormatOf(store);
  const [search] = useState(() => createEntryBuffer());
  const [step, setStepState] = useState<Step>({ kind: 'pick' });
  const stepRef = useRef<Step>(step);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [notice, setNotice] = useState<StatusMessage | undefined>(undefined);
  const setStep = (s: Step): void => {
    stepRef.current = s;
    setStepState(s);
  };
  const emptyForm = useState(() => createActionForm(payoutFields(fmt.decimals)))[0];
  const form = picked?.form ?? emptyForm;
  const formState = useSyncExternalStore(form.subscribe, form.getState, form.getState);

  function pick(debtor: Debtor): void {
    try {
      const available = backOffice(store).enquiry(debtor.code).balances.available;
      const initial = { amount: amount(Math.max(0, available), fmt), method: 'cash', reference: '' };
      setPicked({ debtor, available, form: createActionForm(payoutFields(fmt.decimals), initial, ['amount']) });
      setNotice(undefined);
      setStep({ kind: 'form' });
    } catch (e) {
      setNotice({ text: errorText(e), kind: 'error' });
    }
  }

  async function pay(p: Picked, values: FormValues): Promise<void> {
    const cents = parseMoney(values['amount'] ?? '', fmt.decimals);
    const method = (values['method'] ?? 'cash') as PayoutMethod;
    const reference = (values['reference'] ?? '').trim();
    setStep({ kind: 'asking' });
    const yes = await confirm({
      title: 'Pay out loyalties? (y/n)',
      message: `${money(cents, fmt)} to ${p.debtor.code} ${p.debtor.name} by ${PAYOUT_METHOD_LABELS[method].toLowerCase()}`,
      yesLabel: 'Pay out', noLabel: 'Not yet',
    });
    if (!yes) {
      setStep({ kind: 'form' });
      p.form.dispatch({ type: 'resume', message: 'Payout: not made', kind: 'info' });
      return;
    }
    // Payouts are a manager's: anyone else needs a manager's override (once operators exist).
    const approval = await guard('payout', p.debtor.code);
    setStep({ kind: 'form' });
    if (!approval.allowed) {
      p.form.dispatch({ type: 'resume', message: 'Payout: not made (no manager approved it)', kind: 'info' });
      return;
    }
    try {
      const api = backOffice(store);
      const doc = api.payout({ debtor: p.debtor.code, amount: cents, method, reference, operator, drawer: till ? tillId : null,
        ...(approval.approvedBy ? { approvedBy: approval.approvedBy } : {}) });
      const available = api.enquiry(p.debtor.code).balances.available;
      setStep({ kind: 'done', doc, paid: cents, available });
    } catch (e) {
      const message = errorText(e);
      p.form.dispatch({ type: 'resume', message, field: payoutField(message) });
    }
  }

  useKeyHandler((key) => {
    const s = stepRef.current;
    if (s.kind === 'pick' || s.kind === 'asking') return false;
    if (matches(key, 'back') || (s.kind === 'done' && matches(key, 'nextSale'))) {
      // One level up: the form goes back to the debtor list, the slip of a payout too.
      search.clear();
      setPicked(null);
      setNotice(undefined);
      setStep({ kind: 'pick' });
      return true;
    }
    return false;
  }, { layer: 'screen' });

  let body: ReactNode;
  let status = notice;
  if (step.kind === 'pick' || picked === null) {
    body = (
      <DebtorPicker search={search} debtors={() => store.get('debtors').debtors} rows={rows} columns={columns}
        active={step.kind === 'pick'} onPick={pick}
        onMiss={(q) => setNotice({ text: `No debtor matches "${q}": try the code, a name or a cellphone number`, kind: 'error' })} />
    );
  } else if (step.kind === 'done') {
    body = (
      <Box flexDirection="column">
        <Text bold wrap="truncate">Paid out {money(step.paid, fmt)} to {picked.debtor.code} {picked.debtor.name}</Text>
        <Text> </Text>
        <Text wrap="truncate">{'Document'.padEnd(16)}{step.doc.number}</Text>
        <Text wrap="truncate">{'Method'.padEnd(16)}{step.doc.method ? PAYOUT_METHOD_LABELS[step.doc.method] : ''}</Text>
        <Text wrap="truncate">{'Available now'.padEnd(16)}{money(step.available, fmt)}</Text>
        <Text> </Text>
        <Text color={theme.colors.muted}>Enter or Esc: another payout</Text>
      </Box>
    );
    status ??= { text: `Payout written: ${step.doc.number}`, kind: 'info' };
  } else {
    body = (
      <Box flexDirection="column">
        <Text bold wrap="truncate">Debtor {picked.debtor.code} {picked.debtor.name}</Text>
        <Text wrap="truncate">Available {money(picked.available, fmt)}</Text>
        <Text> </Text>
        <ActionFormView form={picked.form} rows={Math.max(1, rows - 3)} columns={columns} active={step.kind === 'form'}
          onSubmit={(values) => void pay(picked, values)} />
      </Box>
    );
    status ??= formStatus(formState);
  }
  const scope = step.kind === 'pick' ? 'find' : step.kind === 'done' ? 'global' : 'form';
  return (
    <Shell breadcrumb={PAYOUTS_BREADCRUMB} scope={scope} hide={ACTION_FORM_HIDE} status={status}>
      {body}
    </Shell>
  );
}
