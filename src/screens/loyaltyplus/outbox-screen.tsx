// Utilities > Loyalty Plus Outbox: this till's Loyalty Plus calls that wait (and why), the ones
// refused for good, and a manager's "retry now". Delivery is strictly in order, so a retry sends
// the selected call and every call before it; it asks for the manager PIN first (once operators
// exist: the manager role, or a manager's override), because it talks to the provider on the
// store's behalf while a cashier may be at the till. Each retry is in the audit trail.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { Outbox } from '../../integrations/loyaltyplus/outbox/outbox.js';
import type { LoyaltyPlusProvider, ProviderState } from '../../integrations/loyaltyplus/provider.js';
import { loyaltySettingsOf } from '../../store/index.js';
import { verifyPin } from '../../store/manager-pin.js';
import { operatorsRequired } from '../../store/operators/auth.js';
import { useApp } from '../app-context.js';
import { useGuard } from '../operators/guard/use-guard.js';
import { createEntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useEntryField } from '../input/use-entry-field.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { errorText } from '../loyalties/format.js';
import { useScreenContentSize } from '../loyalties/content-size.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { truncate, useTheme } from '../theme.js';
import { columnsHeader, headerText, outboxRows, retrySummary, retryingText, rowText } from './outbox-rows.js';
import { windowStart } from '../pos/window.js';

export const OUTBOX_BREADCRUMB = ['Utilities', 'Loyalty Plus Outbox'];
export const NOT_PROVIDER_TEXT = 'Loyalty Plus is not the loyalty provider, or this session has no till, so there is no outbox to show.';
export const WRONG_PIN_TEXT = 'Wrong manager PIN: nothing was retried';
export const NO_PIN_TEXT = 'No manager PIN is set (Utilities > Setup > Loyalty Setup): nothing was retried';

/** Rows around the calls: header, column header, the rows line, the keys (or PIN) line. */
const CHROME_ROWS = 4;
/** Text rows one call takes: what it is, then why it waits or failed. */
const ROWS_PER_CALL = 2;

export function LoyaltyPlusOutboxScreen(): ReactNode {
  const { loyaltyPlus } = useApp();
  const outbox = loyaltyPlus?.outbox;
  if (!loyaltyPlus || !outbox) {
    return (
      <Shell breadcrumb={OUTBOX_BREADCRUMB} scope="global">
        <Text wrap="wrap">{NOT_PROVIDER_TEXT}</Text>
        <Text wrap="wrap">Choose Loyalty Plus in Company Details and start the till with --till to use it.</Text>
      </Shell>
    );
  }
  return <OutboxView outbox={outbox} provider={loyaltyPlus.provider} />;
}

type Step = { kind: 'list' } | { kind: 'pin'; id: string; error?: string };

function OutboxView({ outbox, provider }: { outbox: Outbox; provider: LoyaltyPlusProvider }): ReactNode {
  const { store } = useApp();
  const theme = useTheme();
  const { rows, columns } = useScreenContentSize();
  const [, setTick] = useState(0);
  const [providerState, setProviderState] = useState<ProviderState>(() => provider.state());
  const [pin] = useState(() => createEntryBuffer());
  const [step, setStepState] = useState<Step>({ kind: 'list' });
  const stepRef = useRef<Step>(step);
  // In refs as well as state: a burst of Down Down in one chunk must move two rows.
  const selRef = useRef(0);
  const topRef = useRef(0);
  const [, setView] = useState({ sel: 0, top: 0 });
  const [notice, setNotice] = useState<StatusMessage | undefined>(undefined);
  const retrying = useRef(false);
  const mounted = useRef(true);
  const guard = useGuard();

  useEffect(() => {
    mounted.current = true;
    // The provider's state is re-read on every outbox change too: a config change is only seen
    // when someone asks, and the outbox's own delivery says as much about the service.
    const offOutbox = outbox.onChange(() => {
      setTick((t) => t + 1);
      setProviderState(provider.state());
    });
    const offProvider = provider.onChange((s) => setProviderState(s));
    setProviderState(provider.state());
    return () => {
      mounted.current = false;
      offOutbox();
      offProvider();
    };
  }, [outbox, provider]);

  const setStep = (s: Step): void => {
    stepRef.current = s;
    setStepState(s);
  };

  const pending = outbox.pending();
  const list = outboxRows(pending, outbox.failed());
  const perPage = Math.max(1, Math.floor((rows - CHROME_ROWS) / ROWS_PER_CALL));
  const sel = Math.max(0, Math.min(selRef.current, list.length - 1));
  const top = windowStart(sel, list.length, perPage, topRef.current);
  selRef.current = sel;
  topRef.current = top;

  const select = (to: number): void => {
    const count = outboxRows(outbox.pending(), outbox.failed()).length;
    const next = Math.max(0, Math.min(count - 1, to));
    selRef.current = next;
    topRef.current = windowStart(next, count, perPage, topRef.current);
    setView({ sel: next, top: topRef.current });
  };

  async function retry(id: string, approvedBy?: string): Promise<void> {
    const before = outbox.pending();
    const sent = before.slice(0, before.findIndex((p) => p.id === id) + 1).map((p) => p.id);
    const failedBefore = new Set(outbox.failed().map((f) => f.id));
    const sale = before.find((p) => p.id === id)?.sale;
    try {
      store.audit({ kind: 'outbox-retry', action: 'outbox-retry', ref: id, ...(approvedBy ? { approvedBy } : {}),
        detail: `Loyalty Plus outbox retry now: ${sent.length} call(s) up to ${id}${sale ? ` (sale ${sale})` : ''}` });
    } catch (e) {
      store.warn(`not in the audit trail (outbox retry of ${id}): ${errorText(e)}`);
    }
    retrying.current = true;
    setNotice({ text: retryingText(sent.length), kind: 'info' });
    let result: StatusMessage;
    try {
      // The outbox would only learn the service is back on its next call; asking now also
      // lets the till's own calls (member lookup, redeem) work again at once.
      // The probe's answer shows in the header; the calls' own errors say why any still wait.
      if (provider.state() === 'offline') await provider.probeNow();
      await outbox.retryNow(id);
      const summary = retrySummary({ before: before.map((p) => p.id), sent, pendingAfter: outbox.pending(), failedBefore, failedAfter: outbox.failed() });
      result = { text: summary.text, kind: summary.error ? 'error' : 'info' };
    } catch (e) {
      result = e instanceof RangeError
        ? { text: `${id} is no longer waiting (it was sent meanwhile): nothing to retry`, kind: 'info' }
        : { text: `Retry failed: ${errorText(e)}`, kind: 'error' };
    } finally {
      retrying.current = false;
    }
    if (!mounted.current) return;
    setProviderState(provider.state());
    setNotice(result);
  }

  useEntryField(pin, {
    active: step.kind === 'pin',
    maxLength: 32,
    onSubmit(value) {
      const s = stepRef.current;
      if (s.kind !== 'pin') return;
      pin.clear();
      if (value === '') {
        setStep({ kind: 'pin', id: s.id, error: 'Manager PIN: type the PIN, or Esc to go back' });
        return;
      }
      const hash = loyaltySettingsOf(store.get('settings')).managerPinHash;
      if (hash === '' || !verifyPin(value, hash)) {
        setStep({ kind: 'pin', id: s.id, error: hash === '' ? NO_PIN_TEXT : WRONG_PIN_TEXT });
        return;
      }
      setStep({ kind: 'list' });
      void retry(s.id);
    },
  });

  useKeyHandler((key) => {
    const s = stepRef.current;
    if (s.kind === 'pin') {
      if (!matches(key, 'back')) return false;
      pin.clear();
      setStep({ kind: 'list' });
      setNotice({ text: 'Retry cancelled: nothing was retried', kind: 'info' });
      return true;
    }
    const at = selRef.current;
    if (matches(key, 'moveUp')) select(at - 1);
    else if (matches(key, 'moveDown')) select(at + 1);
    else if (matches(key, 'pageUp')) select(at - perPage);
    else if (matches(key, 'pageDown')) select(at + perPage);
    else if (matches(key, 'moveFirst')) select(0);
    else if (matches(key, 'moveLast')) select(Number.MAX_SAFE_INTEGER);
    else if (matches(key, 'retryNow')) {
      const row = outboxRows(outbox.pending(), outbox.failed())[at];
      if (retrying.current) setNotice({ text: 'A retry is running: wait for its result', kind: 'info' });
      else if (!row) setNotice({ text: 'Nothing is waiting: there is no call to retry', kind: 'info' });
      else if (row.kind === 'failed') setNotice({ text: 'A call refused for good is never retried: it waits for reconciliation', kind: 'error' });
      else if (operatorsRequired(store)) {
        setNotice(undefined);
        const id = row.entry.id;
        void guard('outbox-retry', id).then((outcome) => {
          if (!mounted.current) return;
          if (!outcome.allowed) setNotice({ text: 'Retry cancelled: nothing was retried', kind: 'info' });
          else void retry(id, outcome.approvedBy);
        });
      } else {
        setNotice(undefined);
        setStep({ kind: 'pin', id: row.entry.id });
      }
    } else return false;
    return true;
  }, { layer: 'screen' });

  const timeZone = store.get('settings').company.timeZone;
  const dot = theme.ascii ? '|' : '·';
  const line = (text: string): string => truncate(text, columns, theme);
  const shown = list.slice(top, top + perPage);
  const waitingBefore = step.kind === 'pin' ? pending.findIndex((p) => p.id === step.id) + 1 : 0;
  const selectedSale = step.kind === 'pin' ? pending[waitingBefore - 1]?.sale ?? step.id : '';
  let rowsLine = list.length === 0
    ? 'Nothing waits and nothing failed: every call was delivered'
    : `Calls ${top + 1}-${top + shown.length} of ${list.length} (Up/Down, PgUp/PgDn)`;
  if (step.kind === 'pin') {
    rowsLine = waitingBefore > 1
      ? `Retry now: ${selectedSale} and the ${waitingBefore - 1} waiting before it (they go in order)`
      : `Retry now: ${selectedSale}`;
  }
  return (
    <Shell breadcrumb={OUTBOX_BREADCRUMB} scope={step.kind === 'pin' ? 'global' : 'outbox'} status={notice}>
      <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
        <Text bold wrap="truncate">{line(headerText(providerState, outbox.status(), dot))}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{line(columnsHeader())}</Text>
        <Box flexDirection="column" height={perPage * ROWS_PER_CALL} overflow="hidden">
          {shown.map((row, i) => {
            const [first, second] = rowText(row, timeZone, top + i === sel ? theme.marks.selected : theme.marks.unselected);
            const failed = row.kind === 'failed';
            return (
              <Box key={row.entry.id} flexDirection="column">
                <Text inverse={top + i === sel} bold={failed} color={failed ? theme.colors.error : undefined} wrap="truncate">{line(first)}</Text>
                <Text color={theme.colors.muted} wrap="truncate">{line(second)}</Text>
              </Box>
            );
          })}
        </Box>
        <Box flexGrow={1} />
        <Text color={theme.colors.muted} wrap="truncate">{line(rowsLine)}</Text>
        {step.kind === 'pin' ? (
          <Box flexDirection="row" height={1} overflow="hidden">
            <EntryField buffer={pin} label="Manager PIN:" width={9} mask />
            <Text color={step.error ? theme.colors.error : theme.colors.muted} wrap="truncate">
              {step.error ? ` ${theme.marks.error} ${step.error}` : ' Enter: retry  Esc: cancel'}
            </Text>
          </Box>
        ) : (
          <Text color={theme.colors.muted} wrap="truncate">{line('F8: retry the selected call and every call before it (delivery is in order)')}</Text>
        )}
      </Box>
    </Shell>
  );
}
