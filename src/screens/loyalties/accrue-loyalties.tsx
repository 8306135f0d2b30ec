// Loyalties > Accrue Loyalties: which Loyalty Applicable kinds to process and whether to zero
// unused accrued loyalties; F10 (or Enter on the last field) asks, then runs the accrual (in the
// app's worker when it has one) with a progress bar, and ends on the run's summary. While it
// runs, keys do nothing but say so: leaving would hide a run that goes on writing.
import { useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { LOYALTY_APPLICABLE, LOYALTY_APPLICABLE_LABELS, type LoyaltyApplicable } from '../../engine/loyalty/types.js';
import { backOffice, type AccrueProgress, type AccrueRequest, type AccrueResult } from '../../store/index.js';
import { useActingOperator } from '../operators/guard/use-guard.js';
import { useApp, useConfirm } from '../app-context.js';
import { FLAG_OFF, FLAG_ON, type FieldDef, type FormValues } from '../forms/field-types.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useScreenContentSize } from './content-size.js';
import { truncate, useTheme } from '../theme.js';
import { ACTION_FORM_HIDE, ActionFormView, createActionForm, formStatus } from './action-form.js';
import { errorText, fit, money, moneyFormatOf } from './format.js';
import { progressBar } from './progress.js';

export const ACCRUE_BREADCRUMB = ['Loyalties', 'Accrue Loyalties'];
export const ACCRUE_KINDS: readonly LoyaltyApplicable[] = LOYALTY_APPLICABLE.filter((k) => k !== 'no');
const ZERO = 'zeroUnused';

export function accrueFields(): FieldDef[] {
  const atLeastOne = (_: string, all: FormValues): string | null =>
    ACCRUE_KINDS.some((k) => all[k] === FLAG_ON) ? null : 'Choose at least one kind of loyalty to process';
  return [
    ...ACCRUE_KINDS.map((k): FieldDef => ({ key: k, label: LOYALTY_APPLICABLE_LABELS[k], kind: 'flag', validate: atLeastOne })),
    { key: ZERO, label: 'Zero Unused Accrued Loyalties', kind: 'flag' },
  ];
}

export function accrueInitial(): FormValues {
  return { ...Object.fromEntries(ACCRUE_KINDS.map((k) => [k, FLAG_ON])), [ZERO]: FLAG_OFF };
}

export function accrueRequest(values: FormValues, operator: string): AccrueRequest {
  return { kinds: ACCRUE_KINDS.filter((k) => values[k] === FLAG_ON), zeroUnused: values[ZERO] === FLAG_ON, operator };
}

/** "BACKOFFICE-000003" or "BACKOFFICE-000003 .. BACKOFFICE-000009 (7)" when many. */
export function documentsText(documents: readonly string[]): string {
  if (documents.length === 0) return '(none: nothing to post)';
  if (documents.length <= 2) return documents.join(', ');
  return `${documents[0]} .. ${documents[documents.length - 1]} (${documents.length})`;
}

type Step =
  | { kind: 'form' }
  | { kind: 'asking' }
  | { kind: 'running'; progress: AccrueProgress }
  | { kind: 'done'; result: AccrueResult }
  | { kind: 'failed'; message: string };

export function AccrueLoyaltiesScreen(): ReactNode {
  const app = useApp();
  const { store } = app;
  const operator = useActingOperator();
  const confirm = useConfirm();
  const theme = useTheme();
  const { rows, columns } = useScreenContentSize();
  const [form] = useState(() => createActionForm(accrueFields(), accrueInitial()));
  const formState = useSyncExternalStore(form.subscribe, form.getState, form.getState);
  const [step, setStepState] = useState<Step>({ kind: 'form' });
  const stepRef = useRef<Step>(step);
  const [notice, setNotice] = useState<StatusMessage | undefined>(undefined);
  const setStep = (s: Step): void => {
    stepRef.current = s;
    setStepState(s);
  };
  const fmt = moneyFormatOf(store);

  async function start(values: FormValues): Promise<void> {
    const req = accrueRequest(values, operator);
    setStep({ kind: 'asking' });
    const names = req.kinds.map((k) => LOYALTY_APPLICABLE_LABELS[k]).join(', ');
    const yes = await confirm({
      title: 'Accrue Loyalties? (y/n)',
      message: `Posts Pending Accrual for ${names}.${req.zeroUnused ? ' Unused accrued loyalties are zeroed.' : ''}`,
      yesLabel: 'Run it', noLabel: 'Not now',
    });
    if (!yes) {
      setStep({ kind: 'form' });
      form.dispatch({ type: 'resume', message: 'Accrue Loyalties: not run', kind: 'info' });
      return;
    }
    setStep({ kind: 'running', progress: { done: 0, total: 0 } });
    try {
      const onProgress = (progress: AccrueProgress): void => {
        if (stepRef.current.kind === 'running') setStep({ kind: 'running', progress });
      };
      const result = await (app.accrue ? app.accrue(req, onProgress) : backOffice(store).accrue(req, onProgress));
      setStep({ kind: 'done', result });
    } catch (e) {
      setStep({ kind: 'failed', message: errorText(e) });
    }
  }

  useKeyHandler((key) => {
    const s = stepRef.current;
    setNotice(undefined);
    if (s.kind === 'running' || s.kind === 'asking') {
      if (matches(key, 'help') || matches(key, 'exit')) return false;
      if (s.kind === 'running') setNotice({ text: 'Accrue Loyalties is running...: wait for it to finish', kind: 'info' });
      return true;
    }
    if ((s.kind === 'done' || s.kind === 'failed') && matches(key, 'nextSale')) {
      setStep({ kind: 'form' });
      return true;
    }
    return false;
  }, { layer: 'screen' });

  const label = (text: string): string => fit(text, 30);
  const line = (text: string, value: string, key: string): ReactNode => (
    <Text key={key} wrap="truncate">{label(text)}{value}</Text>
  );
  let body: ReactNode;
  let status: StatusMessage | undefined = notice;
  if (step.kind === 'running') {
    const { done, total } = step.progress;
    const counts = `${done} / ${total} debtors`;
    const barWidth = Math.max(10, columns - counts.length - 3);
    body = (
      <Box flexDirection="column">
        <Text bold>Accruing loyalties...</Text>
        <Text> </Text>
        <Text wrap="truncate">{progressBar(done, total, barWidth, theme.ascii)}  {counts}</Text>
      </Box>
    );
    status ??= { text: 'Running: keys wait until the run ends', kind: 'info' };
  } else if (step.kind === 'done') {
    const r = step.result;
    body = (
      <Box flexDirection="column">
        <Text bold>Accrue Loyalties finished</Text>
        <Text> </Text>
        {line('Run', r.runId, 'run')}
        {line('Debtors considered', String(r.considered), 'considered')}
        {line('Debtors with rows', String(r.debtors), 'debtors')}
        {line('Posted to Loyalties Accrued', money(r.posted, fmt), 'posted')}
        {line('Journal credited', money(r.journalCredited, fmt), 'credited')}
        {line('Zeroed', money(r.zeroed, fmt), 'zeroed')}
        {line('Documents', truncate(documentsText(r.documents), Math.max(1, columns - 30), theme), 'docs')}
        <Text> </Text>
        <Text color={theme.colors.muted}>Enter: another run   Esc: back to Loyalties</Text>
      </Box>
    );
    status ??= { text: `Accrual run ${r.runId} finished`, kind: 'info' };
  } else if (step.kind === 'failed') {
    body = (
      <Box flexDirection="column">
        <Text color={theme.colors.error} wrap="wrap">{theme.marks.error} Accrue Loyalties failed: {step.message}</Text>
        <Text> </Text>
        <Text color={theme.colors.muted}>Enter: back to the form   Esc: back to Loyalties</Text>
      </Box>
    );
    status ??= { text: 'Accrue Loyalties failed: nothing more was written', kind: 'error' };
  } else {
    body = (
      <Box flexDirection="column">
        <Text color={theme.colors.muted} wrap="truncate">Kinds to process, then F10 (or Enter on the last field) to start</Text>
        <ActionFormView form={form} rows={Math.max(1, rows - 1)} columns={columns} active={step.kind === 'form'}
          onSubmit={(values) => void start(values)} />
      </Box>
    );
    status ??= formStatus(formState);
  }
  const editing = step.kind === 'form' || step.kind === 'asking';
  return (
    <Shell breadcrumb={ACCRUE_BREADCRUMB} scope={editing ? 'form' : 'global'} hide={ACTION_FORM_HIDE} status={status}>
      {body}
    </Shell>
  );
}
