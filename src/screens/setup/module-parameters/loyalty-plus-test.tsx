// The LoyaltyPlus Integration Test: asks for an existing loyalty account number, looks it up with
// the values on the form (saved or not), says at which step it failed or whom it found, and
// records the outcome in settings.json under the store lock. Only the Test results are written
// there, so the form's unsaved edits stay the form's.
//
// Not the Form's onTest: that runs under runBusy, which holds every key until the call ends, and
// Esc must be able to stop waiting for a slow service.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { LoyaltyPlusConfig } from '../../../integrations/loyaltyplus/types.js';
import { loyaltyPlusSettingsOf, withTestResult } from '../../../store/loyalty-plus-settings.js';
import { useApp } from '../../app-context.js';
import { createEntryBuffer } from '../../input/entry-buffer.js';
import { EntryField } from '../../input/entry-field.js';
import { useEntryField } from '../../input/use-entry-field.js';
import { BINDINGS, matches, type Command } from '../../keys/bindings.js';
import { useKeyHandler } from '../../keys/dispatcher.js';
import { Shell } from '../../shell/shell.js';
import type { StatusMessage } from '../../shell/status-line.js';
import { useContentSize } from '../../shell/terminal-size.js';
import { truncate, useTheme } from '../../theme.js';
import { brokenText, outcomeText, testRecord, type OutcomeText, type TestConnection, type TestOutcome } from './loyalty-plus-test-text.js';
import { loadClient } from '../../../integrations/loyaltyplus/load-client.js';

export const ACCOUNT_LABEL = 'Loyalty account number';
const SPIN_MS = 120;

/** Only Esc and F8 work here: every other key of the form scope is left out of hints and help. */
const HIDDEN: readonly Command[] = BINDINGS.filter((b) => b.scopes.includes('form') && b.command !== 'test').map((b) => b.command);

/** The client is loaded on the first Test, not when setup opens: it brings the HTTP stack. */
const realTest: TestConnection = async (config, account) => (await loadClient()).testConnection(config, account);

export interface LoyaltyPlusTestProps {
  config: LoyaltyPlusConfig;
  breadcrumb: string[];
  test?: TestConnection | undefined;
  now?: () => Date;
}

type Phase = { kind: 'asking'; shown: OutcomeText | null; note: StatusMessage | null } | { kind: 'testing'; account: string };

export function LoyaltyPlusTestScreen({ config, breadcrumb, test = realTest, now = () => new Date() }: LoyaltyPlusTestProps): ReactNode {
  const { store } = useApp();
  const theme = useTheme();
  const { columns } = useContentSize();
  const [account] = useState(() => createEntryBuffer());
  const [phase, setPhase] = useState<Phase>({ kind: 'asking', shown: null, note: null });
  const [tick, setTick] = useState(0);
  // Each Test gets a number; an answer for any other number (stopped by Esc, or the screen left)
  // is dropped unseen and unrecorded.
  const run = useRef(0);
  const testing = useRef(false);
  const secrets = [config.secretStart, config.secretEnd];

  useEffect(() => () => {
    run.current += 1;
  }, []);

  useEffect(() => {
    if (phase.kind !== 'testing') return undefined;
    const timer = setInterval(() => setTick((t) => t + 1), SPIN_MS);
    return () => clearInterval(timer);
  }, [phase.kind]);

  async function record(outcome: TestOutcome | null, number: string): Promise<string | null> {
    try {
      const result = testRecord(outcome, number, now());
      await store.edit('settings', (draft) => {
        draft.loyaltyPlus = withTestResult(loyaltyPlusSettingsOf(draft), result);
      });
      return null;
    } catch (e) {
      return `Not recorded in settings: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  async function start(raw: string): Promise<void> {
    const number = raw.trim();
    if (testing.current) return;
    if (number === '') {
      setPhase({ kind: 'asking', shown: null, note: { text: `${ACCOUNT_LABEL}: type an existing account number to test with`, kind: 'error' } });
      return;
    }
    const mine = ++run.current;
    testing.current = true;
    setPhase({ kind: 'testing', account: number });
    let outcome: TestOutcome | null = null;
    let shown: OutcomeText;
    try {
      outcome = await test(config, number);
      shown = outcomeText(outcome, secrets);
    } catch (e) {
      shown = brokenText(e, secrets);
    }
    if (run.current !== mine) return;
    const problem = await record(outcome, number);
    if (run.current !== mine) return;
    testing.current = false;
    if (problem !== null) shown = { ...shown, details: [...shown.details, problem] };
    setPhase({ kind: 'asking', shown, note: null });
  }

  useEntryField(account, { active: phase.kind !== 'testing', maxLength: 32, onSubmit: (v) => void start(v) });
  useKeyHandler((key) => {
    if (matches(key, 'test')) {
      void start(account.get().value);
      return true;
    }
    if (matches(key, 'back') && testing.current) {
      run.current += 1;
      testing.current = false;
      setPhase({ kind: 'asking', shown: null, note: { text: 'Test stopped: no longer waiting for the service (nothing recorded)', kind: 'info' } });
      return true;
    }
    return false;
  }, { layer: 'screen' });

  let status: StatusMessage | undefined;
  if (phase.kind === 'testing') status = { text: `${theme.spinner[tick % theme.spinner.length] ?? ''} Testing... (Esc stops waiting)`, kind: 'info' };
  else if (phase.note !== null) status = phase.note;
  else if (phase.shown !== null) status = { text: phase.shown.headline, kind: phase.shown.ok ? 'info' : 'error' };
  else status = { text: `Type an existing ${ACCOUNT_LABEL.toLowerCase()} and press Enter or F8`, kind: 'info' };

  const line = (text: string) => truncate(text, columns, theme);
  const tls = config.tls === 'TLSv1.3' ? 'TLS 1.3' : 'TLS 1.2 or newer';
  const shown = phase.kind === 'asking' ? phase.shown : null;
  return (
    <Shell breadcrumb={breadcrumb} scope="form" hide={HIDDEN} status={status}>
      <Box flexDirection="column">
        <Text bold>{line('Test LoyaltyPlus Integration with the values on the form (saved or not)')}</Text>
        <Text color={theme.colors.muted}>{line(`Service: ${config.url}:${config.port}, ${tls}, timeout ${config.timeoutSeconds} s`)}</Text>
        <Text> </Text>
        <Box height={1} overflow="hidden">
          <Text bold>{`${theme.marks.selected} `}</Text>
          <EntryField buffer={account} label={ACCOUNT_LABEL} labelWidth={ACCOUNT_LABEL.length + 1} width={Math.max(8, columns - ACCOUNT_LABEL.length - 4)} focused={phase.kind !== 'testing'} />
        </Box>
        <Text> </Text>
        {phase.kind === 'testing' ? <Text>{line(`Testing with account ${phase.account}...`)}</Text> : null}
        {shown === null ? null : (
          <>
            <Text bold color={shown.ok ? theme.colors.success : theme.colors.error}>{line(`${shown.ok ? '' : `${theme.marks.error} `}${shown.headline}`)}</Text>
            {shown.details.map((d, i) => <Text key={i} wrap="wrap">{d}</Text>)}
          </>
        )}
      </Box>
    </Shell>
  );
}
