// Utilities > Data > Backup Loyalty tables: says what goes into the backup, asks, then copies it
// into a dated folder with a checksum manifest, and shows the folder and the files with their
// sizes. A failure says so plainly: the store logic keeps nothing half-written as a backup.
import { useRef, useState, type ReactNode } from 'react';
import { useStep } from './use-step.js';
import { Box, Text } from 'ink';
import { useApp, useConfirm } from '../app-context.js';
import { keyIndex, matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { errorText, fit } from '../loyalties/format.js';
import { useScreenContentSize } from '../loyalties/content-size.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { truncate, useTheme } from '../theme.js';
import { runBackup, WHAT_IS_BACKED_UP, type BackupDone } from './tables-api.js';

export const BACKUP_BREADCRUMB = ['Utilities', 'Data', 'Backup Loyalty tables'];
export const BACKUP_WORKING_TEXT = 'Working...: backing up the loyalty tables';

type Step =
  | { kind: 'intro' }
  | { kind: 'asking' }
  | { kind: 'running' }
  | { kind: 'done'; result: BackupDone }
  | { kind: 'failed'; message: string };

/** "812 B", "12.4 KB", "3.1 MB": whole bytes below a kilobyte. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let u = 0;
  let scale = 1024;
  while (bytes >= scale * 1024 && u < units.length - 1) {
    scale *= 1024;
    u += 1;
  }
  // Whole tenths in integers, as everything that is counted here is.
  const tenths = Math.round((bytes * 10) / scale);
  return `${Math.floor(tenths / 10)}.${tenths % 10} ${units[u]}`;
}

/** Rows of the done view around the file list: title, folder, header, rows line, keys line. */
const DONE_CHROME = 5;

export function BackupLoyaltyTablesScreen(): ReactNode {
  const { store } = useApp();
  const confirm = useConfirm();
  const theme = useTheme();
  const { rows, columns } = useScreenContentSize();
  const { step, stepRef, setStep, mounted } = useStep<Step>({ kind: 'intro' });
  const topRef = useRef(0);
  const [top, setTop] = useState(0);
  const [notice, setNotice] = useState<StatusMessage | undefined>(undefined);
  const listRows = Math.max(1, rows - DONE_CHROME);

  async function start(): Promise<void> {
    setStep({ kind: 'asking' });
    const yes = await confirm({
      title: 'Back up the Loyalty tables? (y/n)',
      message: `Copies ${WHAT_IS_BACKED_UP} into a new dated folder.`,
      yesLabel: 'Back up', noLabel: 'Not now',
    });
    if (!yes) {
      setStep({ kind: 'intro' });
      setNotice({ text: 'Backup: not made', kind: 'info' });
      return;
    }
    setNotice(undefined);
    setStep({ kind: 'running' });
    try {
      // Let "Working..." reach the screen before the copy holds the thread.
      await new Promise((resolve) => setImmediate(resolve));
      const result = await runBackup(store, new Date());
      topRef.current = 0;
      setTop(0);
      setStep({ kind: 'done', result });
      if (mounted.current) setNotice({ text: `Backup made: ${result.dir}`, kind: 'info' });
    } catch (e) {
      setStep({ kind: 'failed', message: errorText(e) });
      if (mounted.current) setNotice({ text: `Backup failed: ${errorText(e)}`, kind: 'error' });
    }
  }

  useKeyHandler((key) => {
    const s = stepRef.current;
    if (s.kind === 'asking') return false;
    if (s.kind === 'running') {
      if (matches(key, 'help') || matches(key, 'exit')) return false;
      setNotice({ text: 'The backup is running: wait for it to finish', kind: 'info' });
      return true;
    }
    if (matches(key, 'select') || matches(key, 'accept')) {
      if (s.kind === 'intro' || s.kind === 'failed') void start();
      else {
        setNotice(undefined);
        setStep({ kind: 'intro' });
      }
      return true;
    }
    if (s.kind === 'done') {
      const move = keyIndex(key, 'scrollSlip');
      if (move < 0) return false;
      const delta = [-1, 1, -(listRows - 1), listRows - 1][move] ?? 0;
      const max = Math.max(0, s.result.files.length - listRows);
      topRef.current = Math.max(0, Math.min(max, topRef.current + delta));
      setTop(topRef.current);
      return true;
    }
    return false;
  }, { layer: 'screen' });

  const line = (text: string): string => truncate(text, columns, theme);
  let body: ReactNode;
  if (step.kind === 'done') {
    const { files, dir } = step.result;
    const at = Math.min(top, Math.max(0, files.length - listRows));
    const total = files.reduce((n, f) => n + f.bytes, 0);
    const nameWidth = Math.max(10, columns - 2 - 12);
    body = (
      <Box flexDirection="column" height={rows} overflow="hidden">
        <Text bold wrap="truncate">{line(`Backup made: ${files.length} files, ${sizeText(total)}`)}</Text>
        <Text wrap="truncate">{line(`Folder: ${dir}`)}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{`  ${fit('File', nameWidth)}${fit('Size', 12, 'right')}`}</Text>
        {files.slice(at, at + listRows).map((f) => (
          <Text key={f.path} wrap="truncate">{`  ${fit(f.path, nameWidth)}${fit(sizeText(f.bytes), 12, 'right')}`}</Text>
        ))}
        <Box flexGrow={1} />
        <Text color={theme.colors.muted} wrap="truncate">{line(files.length === 0 ? 'The manifest lists no files' : `Files ${at + 1}-${Math.min(files.length, at + listRows)} of ${files.length} (Up/Down, PgUp/PgDn)`)}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{line('Enter: done   Esc: back to Data')}</Text>
      </Box>
    );
  } else {
    const running = step.kind === 'running';
    body = (
      <Box flexDirection="column" height={rows} overflow="hidden">
        <Text bold wrap="truncate">{line('Backup Loyalty tables')}</Text>
        <Text wrap="wrap">{`Copies ${WHAT_IS_BACKED_UP} into a new folder named for today, with a manifest of every file and its checksum.`}</Text>
        <Text wrap="wrap">The tables are not changed. Delete Loyalty tables needs a backup of exactly the current data.</Text>
        <Text> </Text>
        {running ? <Text color={theme.colors.accent} wrap="truncate">{line(`${theme.ascii ? '*' : '…'} ${BACKUP_WORKING_TEXT}`)}</Text> : null}
        {step.kind === 'failed' ? (
          <Box flexDirection="column">
            <Text bold color={theme.colors.error} wrap="wrap">{`${theme.marks.error} The backup failed: ${step.message}`}</Text>
            <Text wrap="wrap">Nothing from this attempt counts as a backup.</Text>
          </Box>
        ) : null}
        <Box flexGrow={1} />
        <Text color={theme.colors.muted} wrap="truncate">{line(running ? 'Wait for the backup to finish' : step.kind === 'failed' ? 'Enter: try again   Esc: back to Data' : 'Enter: make the backup   Esc: back to Data')}</Text>
      </Box>
    );
  }
  return (
    <Shell breadcrumb={BACKUP_BREADCRUMB} scope="global" status={notice} busy={step.kind === 'running' ? BACKUP_WORKING_TEXT : undefined}>
      {body}
    </Shell>
  );
}
