// The FTP server Test: logs in with the values on the server form (saved or not), writes and
// removes a probe file in the Upload Path, names the step that failed, and records the outcome in
// settings.json under the store lock (only the result: the form's edits stay the form's).
//
// A first connection shows the server's host key fingerprint and asks the operator to accept it;
// an accepted key goes back to the form (saved with its Accept) and the Test runs again. A key
// that changed since it was accepted is never offered for acceptance here: that takes a deliberate
// "Forget host key" on the form first.
//
// Not the Form's onTest: that runs under runBusy, which holds every key until the call ends, and
// Esc must be able to stop waiting for a server that does not answer.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { loadSftp } from '../../../integrations/sftp/load-sftp.js';
import type { SftpServer, SftpTestAnswer } from '../../../integrations/sftp/types.js';
import { uploadsSettingsOf, withSftpTestResult } from '../../../store/uploads-settings.js';
import { useApp, useConfirm } from '../../app-context.js';
import { BINDINGS, matches, type Command } from '../../keys/bindings.js';
import { useKeyHandler } from '../../keys/dispatcher.js';
import { Shell } from '../../shell/shell.js';
import type { StatusMessage } from '../../shell/status-line.js';
import { useContentSize } from '../../shell/terminal-size.js';
import { truncate, useTheme } from '../../theme.js';
import { sftpBrokenText, sftpOutcomeText, sftpTestRecord, type SftpOutcomeText, type TestAccount } from './sftp-test-text.js';

const SPIN_MS = 120;

/** Only Esc and F8 work here: every other key of the form scope is left out of hints and help. */
const HIDDEN: readonly Command[] = BINDINGS.filter((b) => b.scopes.includes('form') && b.command !== 'test').map((b) => b.command);

/** The transport is loaded on the first Test, not when setup opens: it brings ssh2. */
const realTest: TestAccount = async (server, uploadPath) => (await loadSftp()).testAccount(server, uploadPath);

/** The first lines that fit in `rows` once wrapped at `columns`. */
function fitLines(lines: readonly string[], rows: number, columns: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const l of lines) {
    used += Math.max(1, Math.ceil(l.length / Math.max(1, columns)));
    if (used > rows) break;
    out.push(l);
  }
  return out;
}

export interface SftpTestProps {
  server: SftpServer;
  uploadPath: string;
  breadcrumb: string[];
  /** The operator accepted the server's key: the form keeps it, and saves it with Accept. */
  onHostKeyAccepted(fingerprint: string): void;
  test?: TestAccount | undefined;
  now?: () => Date;
}

type Phase =
  | { kind: 'idle'; shown: SftpOutcomeText | null; note: StatusMessage | null; changed: boolean }
  | { kind: 'testing' }
  | { kind: 'asking'; fingerprint: string };

export function SftpTestScreen({ server: given, uploadPath, breadcrumb, onHostKeyAccepted, test = realTest, now = () => new Date() }: SftpTestProps): ReactNode {
  const { store } = useApp();
  const confirm = useConfirm();
  const theme = useTheme();
  const { rows, columns } = useContentSize();
  const [server, setServer] = useState(given);
  const [phase, setPhase] = useState<Phase>({ kind: 'testing' });
  const [tick, setTick] = useState(0);
  // Each Test gets a number; an answer for any other number (stopped by Esc, or the screen left)
  // is dropped unseen and unrecorded.
  const run = useRef(0);
  const busy = useRef(false);

  useEffect(() => {
    void start(given);
    return () => {
      run.current += 1;
    };
    // Once, on opening: the Test button was pressed to get here.
  }, []);

  useEffect(() => {
    if (phase.kind !== 'testing') return undefined;
    const timer = setInterval(() => setTick((t) => t + 1), SPIN_MS);
    return () => clearInterval(timer);
  }, [phase.kind]);

  async function record(answer: SftpTestAnswer | null): Promise<string | null> {
    try {
      const result = sftpTestRecord(answer, server.name, now());
      await store.edit('settings', (draft) => {
        draft.loyaltyPlusUploads = withSftpTestResult(uploadsSettingsOf(draft), result);
      });
      return null;
    } catch (e) {
      return `Not recorded in settings: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  async function askToAccept(mine: number, fingerprint: string, with_: SftpServer, shown: SftpOutcomeText): Promise<void> {
    setPhase({ kind: 'asking', fingerprint });
    const yes = await confirm({
      title: 'Accept this host key? (y/n)',
      // The fingerprint ends the message, so no full stop can be read as part of it.
      message: `${with_.host}:${with_.port} is not known yet. Accept its host key only if the server's administrator gave you this fingerprint: ${fingerprint}`,
      yesLabel: 'Accept it and test again',
      noLabel: 'Do not accept',
    });
    if (run.current !== mine) return;
    if (!yes) {
      setPhase({ kind: 'idle', shown, note: { text: 'Host key not accepted: nothing changed (F8 tests again)', kind: 'info' }, changed: false });
      return;
    }
    onHostKeyAccepted(fingerprint);
    const next = { ...with_, hostKey: fingerprint };
    setServer(next);
    await start(next);
  }

  async function start(with_: SftpServer): Promise<void> {
    if (busy.current) return;
    const mine = ++run.current;
    busy.current = true;
    setPhase({ kind: 'testing' });
    let answer: SftpTestAnswer | null = null;
    let shown: SftpOutcomeText;
    try {
      answer = await test(with_, uploadPath);
      shown = sftpOutcomeText(answer, with_, uploadPath);
    } catch (e) {
      shown = sftpBrokenText(e, with_);
    }
    if (run.current !== mine) return;
    const problem = await record(answer);
    if (run.current !== mine) return;
    busy.current = false;
    if (problem !== null) shown = { ...shown, details: [...shown.details, problem] };
    if (answer !== null && !answer.ok && answer.kind === 'host-key-unknown' && answer.fingerprint !== undefined) {
      await askToAccept(mine, answer.fingerprint, with_, shown);
      return;
    }
    setPhase({ kind: 'idle', shown, note: null, changed: answer !== null && !answer.ok && answer.kind === 'host-key-changed' });
  }

  useKeyHandler((key) => {
    if (matches(key, 'test')) {
      void start(server);
      return true;
    }
    if (matches(key, 'back') && busy.current) {
      run.current += 1;
      busy.current = false;
      setPhase({ kind: 'idle', shown: null, note: { text: 'Test stopped: no longer waiting for the server (nothing recorded)', kind: 'info' }, changed: false });
      return true;
    }
    if (phase.kind === 'idle' && phase.changed && key.name === 'char' && (key.ch === 'y' || key.ch === 'Y')) {
      setPhase({ ...phase, note: { text: 'A changed host key cannot be accepted here: Esc, set Forget host key to Yes on the form, Test again', kind: 'error' } });
      return true;
    }
    return false;
  }, { layer: 'screen' });

  let status: StatusMessage | undefined;
  if (phase.kind === 'testing') status = { text: `${theme.spinner[tick % theme.spinner.length] ?? ''} Testing... (Esc stops waiting)`, kind: 'info' };
  else if (phase.kind === 'asking') status = { text: 'Check the fingerprint before accepting it', kind: 'info' };
  else if (phase.note !== null) status = phase.note;
  else if (phase.shown !== null) status = { text: phase.shown.headline, kind: phase.shown.ok ? 'info' : 'error' };

  const line = (text: string) => truncate(text, columns, theme);
  const login = server.privateKeyFile !== '' ? 'private key file' : 'password';
  const shown = phase.kind === 'idle' ? phase.shown : null;
  // Four rows of heading and one of headline; the details take what is left, never more: a frame
  // taller than the terminal is repainted whole on every update.
  const details = shown === null ? [] : fitLines(shown.details, rows - 5, columns);
  return (
    <Shell breadcrumb={breadcrumb} scope="form" hide={HIDDEN} status={status}>
      <Box flexDirection="column">
        <Text bold>{line(`Test FTP server ${server.name} with the values on the form (saved or not)`)}</Text>
        <Text color={theme.colors.muted}>{line(`${server.host}:${server.port} as ${server.username} (${login}), Upload Path ${uploadPath}`)}</Text>
        <Text color={theme.colors.muted}>{line(`Host key: ${server.hostKey === '' ? 'none accepted yet' : server.hostKey}`)}</Text>
        <Text> </Text>
        {phase.kind === 'testing' ? <Text>{line(`Connecting to ${server.host}...`)}</Text> : null}
        {shown === null ? null : (
          <>
            <Text bold color={shown.ok ? theme.colors.success : theme.colors.error}>{line(`${shown.ok ? '' : `${theme.marks.error} `}${shown.headline}`)}</Text>
            {details.map((d, i) => <Text key={i} wrap="wrap">{d}</Text>)}
          </>
        )}
      </Box>
    </Shell>
  );
}
