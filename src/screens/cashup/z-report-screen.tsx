// Cash-up > Z Report: the drawer count, a preview with the over/short, a confirm, then the Z as
// recorded with its number. The Z closes the till's business day for good: one per day.
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { renderCashupSlip } from '../../engine/cashup/slip.js';
import type { ZDoc } from '../../engine/cashup/types.js';
import { formatMoney, parseMoney } from '../../engine/money.js';
import { zPreview, zReport, zSlipText, type ZPreview } from '../../store/cashup/index.js';
import { useApp, useConfirm } from '../app-context.js';
import { createEntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useEntryField } from '../input/use-entry-field.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { useScreenContentSize } from '../loyalties/content-size.js';
import { errorText } from '../loyalties/format.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useTheme } from '../theme.js';
import { useGuard } from '../operators/guard/use-guard.js';
import { linesOf, ReportLines, useReportScroll } from './report-view.js';

type Step = { kind: 'count' } | { kind: 'preview'; preview: ZPreview; approvedBy?: string } | { kind: 'done'; doc: ZDoc };

const LABEL = 'Cash counted in the drawer';
const AMOUNT = /[0-9.]/;

export function ZReportScreen(): ReactNode {
  const { store, till, session, operator } = useApp();
  const confirm = useConfirm();
  const theme = useTheme();
  const { rows, columns } = useScreenContentSize();
  const buffer = useMemo(() => createEntryBuffer(), []);
  const [step, setStepState] = useState<Step>({ kind: 'count' });
  const stepRef = useRef(step);
  const [status, setStatus] = useState<StatusMessage | undefined>(undefined);
  const busy = useRef(false);
  const setStep = (s: Step): void => {
    stepRef.current = s;
    setStepState(s);
  };
  const company = store.get('settings').company;
  const money = { symbol: company.currencySymbol, decimals: company.currencyDecimals };
  const m = (c: number) => formatMoney(c, money);
  const guard = useGuard();

  useEntryField(buffer, {
    active: step.kind === 'count',
    maxLength: 12,
    filter: (ch) => AMOUNT.test(ch),
    onSubmit: (value) => {
      // A cashier is asked for a supervisor's or manager's override on the spot.
      void guard('cash-up', till ? `Z ${till.till}` : undefined).then((allowed) => {
        if (!allowed.allowed) return setStatus({ kind: 'info', text: 'Z report: not taken (no approval)' });
        try {
          if (!till?.cashupDesk) throw new Error('this session has no till');
          const preview = zPreview(store, till.cashupDesk(), parseMoney(value, company.currencyDecimals), allowed.approvedBy);
          setStatus({ kind: 'info', text: `Z ${preview.z}: counted ${m(preview.counted)}, expected ${m(preview.totals.cash.expected)}; F10 closes the day, Esc changes the count` });
          setStep({ kind: 'preview', preview, ...(allowed.approvedBy !== undefined ? { approvedBy: allowed.approvedBy } : {}) });
        } catch (err) {
          setStatus({ kind: 'error', text: `${LABEL}: ${errorText(err)}` });
        }
      });
    },
  });

  const close = async (s: Extract<Step, { kind: 'preview' }>): Promise<void> => {
    const p = s.preview;
    const word = p.overShort > 0 ? `over ${m(p.overShort)}` : p.overShort < 0 ? `short ${m(-p.overShort)}` : 'no over or short';
    const yes = await confirm({ title: `Close the day with Z ${p.z}?`, message: `Till ${p.till}, ${p.day}: counted ${m(p.counted)}, ${word}. A Z is never reopened.`, yesLabel: 'Close day', noLabel: 'Not yet' });
    if (!yes || stepRef.current !== s || !till?.cashupDesk) return;
    try {
      const doc = zReport(store, till.cashupDesk(), { counted: p.counted, ...(s.approvedBy !== undefined ? { approvedBy: s.approvedBy } : {}) });
      setStatus({ kind: 'info', text: `Z ${doc.z} recorded (${doc.number}); the slip is in slips/${doc.day}/` });
      setStep({ kind: 'done', doc });
    } catch (err) {
      setStatus({ kind: 'error', text: `Z report: ${errorText(err)}` });
    }
  };

  useKeyHandler((key) => {
    const s = stepRef.current;
    if (s.kind !== 'preview') return false;
    if (matches(key, 'back')) {
      buffer.setSelected(buffer.get().value); // the count typed stays: Enter keeps it, typing replaces it
      setStep({ kind: 'count' });
      setStatus(undefined);
      return true;
    }
    if (!matches(key, 'closeDay')) return false;
    if (!busy.current) {
      busy.current = true;
      void close(s).finally(() => { busy.current = false; });
    }
    return true;
  }, { layer: 'screen' });

  const lines = step.kind === 'done' ? linesOf(zSlipText(step.doc, company, 40))
    : step.kind === 'preview' ? linesOf(renderCashupSlip({ title: `Z REPORT ${step.preview.z} (${step.preview.day}) PREVIEW`, till: step.preview.till, operator: session?.code() ?? operator,
      at: step.preview.at, totals: step.preview.totals, counted: step.preview.counted, overShort: step.preview.overShort }, company, 40)) : [];
  const listRows = Math.max(1, rows - 1);
  const { top } = useReportScroll(lines.length, listRows, step.kind !== 'count');
  const hide = step.kind === 'count' ? ['scrollReport', 'closeDay'] as const : step.kind === 'preview' ? ['cashupEnter'] as const : ['cashupEnter', 'closeDay'] as const;
  return (
    <Shell scope="cashup" hide={hide} status={status}>
      {step.kind === 'count' ? (
        <Box flexDirection="column">
          <Text wrap="truncate">Count the cash in the drawer, type it and press Enter to see the Z.</Text>
          <Text color={theme.colors.muted} wrap="truncate">Nothing is recorded until you close the day with F10 and confirm.</Text>
          <Text> </Text>
          <EntryField buffer={buffer} label={LABEL} labelWidth={LABEL.length + 1} width={Math.max(8, Math.min(20, columns - LABEL.length - 4))} />
        </Box>
      ) : <ReportLines lines={lines} top={top} rows={listRows} columns={columns} />}
    </Shell>
  );
}
