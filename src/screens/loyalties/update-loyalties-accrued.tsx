// Loyalties > Update Loyalties Accrued: a batch of manual adjustments over a debtor range. Accept
// shows the preview (what each debtor would get); Enter applies it, asking for the manager PIN
// when some adjustment is above the Loyalty Setup threshold, otherwise asking y/n. Once operators
// exist there is no PIN step: after the y/n a non-manager needs a manager's override. A refusal
// (a wrong PIN among them) is shown and nothing is written: the back office writes all or none.
import { useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { backOffice, type AdjustPreview, type AdjustPreviewLine, type AdjustRequest } from '../../store/index.js';
import { useApp, useConfirm } from '../app-context.js';
import { useActingOperator, useGuard } from '../operators/guard/use-guard.js';
import type { FormValues } from '../forms/field-types.js';
import { createEntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useEntryField } from '../input/use-entry-field.js';
import { keyIndex, matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useScreenContentSize } from './content-size.js';
import { useTheme } from '../theme.js';
import { ACTION_FORM_HIDE, ActionFormView, createActionForm, formStatus } from './action-form.js';
import { adjustFields, adjustInitial, adjustRequestOf, fieldOfRefusal } from './adjust-fields.js';
import { amount, errorText, fit, money, moneyFormatOf } from './format.js';

export const ADJUST_BREADCRUMB = ['Loyalties', 'Update Loyalties Accrued'];

type Request = Omit<AdjustRequest, 'pin' | 'operator'>;
type Step =
  | { kind: 'form' }
  | { kind: 'preview'; req: Request; preview: AdjustPreview }
  | { kind: 'pin'; req: Request; preview: AdjustPreview }
  | { kind: 'asking'; req: Request; preview: AdjustPreview }
  | { kind: 'done'; document: string | null; lines: AdjustPreviewLine[] };

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Rows of the preview above and below the lines: title, header, total, keys. */
const PREVIEW_CHROME = 4;

export function UpdateLoyaltiesAccruedScreen(): ReactNode {
  const { store } = useApp();
  const operator = useActingOperator();
  const confirm = useConfirm();
  const guard = useGuard();
  const theme = useTheme();
  const { rows, columns } = useScreenContentSize();
  const fmt = moneyFormatOf(store);
  const [form] = useState(() => createActionForm(adjustFields(fmt.decimals), adjustInitial()));
  const formState = useSyncExternalStore(form.subscribe, form.getState, form.getState);
  const [pin] = useState(() => createEntryBuffer());
  const [step, setStepState] = useState<Step>({ kind: 'form' });
  const stepRef = useRef<Step>(step);
  const [top, setTop] = useState(0);
  const topRef = useRef(0);
  const [notice, setNotice] = useState<StatusMessage | undefined>(undefined);
  const setStep = (s: Step): void => {
    stepRef.current = s;
    setStepState(s);
  };
  const scrollTo = (t: number): void => {
    topRef.current = t;
    setTop(t);
  };
  const listRows = Math.max(1, rows - PREVIEW_CHROME - 1);

  function showPreview(values: FormValues): void {
    try {
      const req = adjustRequestOf(values, fmt.decimals);
      const preview = backOffice(store).previewAdjustment(req);
      scrollTo(0);
      setNotice(undefined);
      setStep({ kind: 'preview', req, preview });
    } catch (e) {
      const message = errorText(e);
      const field = fieldOfRefusal(message);
      form.dispatch(field === undefined ? { type: 'resume', message } : { type: 'resume', message, field });
    }
  }

  function apply(req: Request, preview: AdjustPreview, pinText?: string, approvedBy?: string): void {
    try {
      const result = backOffice(store).adjust({ ...req, operator, ...(pinText === undefined ? {} : { pin: pinText }), ...(approvedBy ? { approvedBy } : {}) });
      pin.clear();
      setNotice({ text: result.document === null ? 'Nothing to write: every adjustment is 0' : `Adjustments written: ${result.document}`, kind: 'info' });
      setStep({ kind: 'done', document: result.document, lines: result.lines });
    } catch (e) {
      pin.clear();
      setNotice({ text: `${errorText(e)} (nothing was written)`, kind: 'error' });
      setStep(pinText === undefined ? { kind: 'preview', req, preview } : { kind: 'pin', req, preview });
    }
  }

  async function ask(req: Request, preview: AdjustPreview): Promise<void> {
    setStep({ kind: 'asking', req, preview });
    const written = preview.lines.filter((l) => l.amount !== 0).length;
    const yes = await confirm({
      title: 'Update Loyalties Accrued? (y/n)',
      message: `Writes ${plural(written, 'adjustment')}: ${req.reason}`,
      yesLabel: 'Write them', noLabel: 'Not yet',
    });
    if (!yes) return setStep({ kind: 'preview', req, preview });
    // Once operators exist every adjustment is a manager's (SPEC section 8 item 8): anyone else
    // needs a manager's override; without operators the manager PIN above the threshold guards it.
    const approval = await guard('loyalty-adjust', `${req.from.toUpperCase()}-${req.to.toUpperCase()}`);
    if (!approval.allowed) {
      setNotice({ text: 'Not written: no manager approved the adjustments', kind: 'info' });
      return setStep({ kind: 'preview', req, preview });
    }
    apply(req, preview, undefined, approval.approvedBy);
  }

  useEntryField(pin, {
    active: step.kind === 'pin',
    maxLength: 32,
    onSubmit(value) {
      const s = stepRef.current;
      if (s.kind !== 'pin') return;
      if (value === '') {
        setNotice({ text: 'Manager PIN: type the PIN, or Esc to go back', kind: 'error' });
        return;
      }
      apply(s.req, s.preview, value);
    },
  });

  useKeyHandler((key) => {
    const s = stepRef.current;
    if (s.kind === 'form' || s.kind === 'asking') return false;
    if (matches(key, 'back')) {
      setNotice(undefined);
      pin.clear();
      if (s.kind === 'pin') setStep({ kind: 'preview', req: s.req, preview: s.preview });
      else if (s.kind === 'preview') setStep({ kind: 'form' });
      else return false;
      return true;
    }
    if (s.kind === 'done') {
      if (!matches(key, 'nextSale')) return false;
      setNotice(undefined);
      setStep({ kind: 'form' });
      return true;
    }
    const count = s.preview.lines.length;
    const move = keyIndex(key, 'scrollSlip');
    if (move >= 0) {
      const delta = [-1, 1, -(listRows - 1), listRows - 1][move] ?? 0;
      scrollTo(Math.max(0, Math.min(Math.max(0, count - listRows), topRef.current + delta)));
      return true;
    }
    if (s.kind === 'preview' && (matches(key, 'select') || matches(key, 'accept'))) {
      setNotice(undefined);
      if (s.preview.needsPin) setStep({ kind: 'pin', req: s.req, preview: s.preview });
      else void ask(s.req, s.preview);
      return true;
    }
    return false;
  }, { layer: 'screen' });

  const nameWidth = Math.max(10, columns - 2 - 12 - 14 - 14 - 3);
  const lineText = (code: string, name: string, avail: string, adj: string): string =>
    `${fit(code, 12)}${fit(name, nameWidth)} ${fit(avail, 14, 'right')} ${fit(adj, 14, 'right')}`;
  const linesView = (lines: AdjustPreviewLine[], at: number, room: number): ReactNode[] =>
    lines.slice(at, at + room).map((l) => (
      <Text key={l.debtor} wrap="truncate">{`  ${lineText(l.debtor, l.name, amount(l.available, fmt), l.amount === 0 ? '0 (none)' : amount(l.amount, fmt))}`}</Text>
    ));

  let body: ReactNode;
  let status = notice;
  if (step.kind === 'form') {
    body = <ActionFormView form={form} rows={rows} columns={columns} active onSubmit={showPreview} />;
    status = formStatus(formState);
  } else if (step.kind === 'done') {
    const total = step.lines.reduce((n, l) => n + l.amount, 0);
    body = (
      <Box flexDirection="column">
        <Text bold wrap="truncate">{step.document === null ? 'Nothing written' : `Written as ${step.document}`}: {plural(step.lines.filter((l) => l.amount !== 0).length, 'adjustment')}, total {money(total, fmt)}</Text>
        <Text bold wrap="truncate">{`  ${lineText('Debtor', 'Name', 'Available', 'Adjustment')}`}</Text>
        {linesView(step.lines, 0, Math.max(1, rows - 4))}
        <Box flexGrow={1} />
        <Text color={theme.colors.muted}>Enter: another batch   Esc: back to Loyalties</Text>
      </Box>
    );
  } else {
    const { preview } = step;
    const at = Math.min(top, Math.max(0, preview.lines.length - listRows));
    const total = preview.lines.reduce((n, l) => n + l.amount, 0);
    const shownTo = Math.min(preview.lines.length, at + listRows);
    const pinNote = preview.needsPin ? `; over ${money(preview.threshold, fmt)}: needs the manager PIN` : '';
    body = (
      <Box flexDirection="column" height={rows} overflow="hidden">
        <Text bold wrap="truncate">Preview: {plural(preview.lines.length, 'debtor')}, total {money(total, fmt)}{pinNote}</Text>
        <Text bold wrap="truncate">{`  ${lineText('Debtor', 'Name', 'Available', 'Adjustment')}`}</Text>
        {linesView(preview.lines, at, listRows)}
        <Box flexGrow={1} />
        <Text color={theme.colors.muted} wrap="truncate">
          {preview.lines.length === 0 ? 'No debtors in the range' : `Rows ${at + 1}-${shownTo} of ${preview.lines.length} (PgUp/PgDn)`}
        </Text>
        {step.kind === 'pin'
          ? <EntryField buffer={pin} label="Manager PIN:" width={20} mask />
          : <Text color={theme.colors.muted} wrap="truncate">Enter: write the adjustments   Esc: back to the form</Text>}
      </Box>
    );
  }
  return (
    <Shell breadcrumb={ADJUST_BREADCRUMB} scope={step.kind === 'form' ? 'form' : 'global'} hide={ACTION_FORM_HIDE} status={status}>
      {body}
    </Shell>
  );
}
