// FTP Setup > FTP Servers: the SFTP accounts LoyaltyPlus Loyalty Uploads may use, as a list with
// Add (Ins/F2), Edit (Enter) and Delete (Del/F8, asks first). Each change is written to
// settings.json at once, under the store lock; which account the uploads use is chosen on FTP
// Setup, and that one cannot be deleted while it is chosen (deleteServer says why).
import { useReducer, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { uploadsSettingsOf, type SftpServer } from '../../../store/uploads-settings.js';
import { useApp, useConfirm } from '../../app-context.js';
import { errorText } from '../../forms/form.js';
import { listRefusal } from '../../forms/list-refusals.js';
import { LIST_HEADER_ROWS, type ListColumn } from '../../forms/record-list.js';
import { clampList, listReducer, moveActionOf, type ListAction, type ListState } from '../../forms/list-state.js';
import { matches } from '../../keys/bindings.js';
import { useKeyHandler } from '../../keys/dispatcher.js';
import { Shell } from '../../shell/shell.js';
import type { StatusMessage } from '../../shell/status-line.js';
import { useContentSize } from '../../shell/terminal-size.js';
import { truncate, useTheme } from '../../theme.js';
import { shortBreadcrumb } from './breadcrumb.js';
import { deleteServer } from './ftp-server-fields.js';
import { FtpServerForm } from './ftp-server-form.js';
import type { TestAccount } from './sftp-test-text.js';

const COLUMNS: readonly ListColumn<SftpServer>[] = [
  { title: 'Account Name', width: 18, get: (s) => s.name },
  { title: 'Host', width: 22, get: (s) => s.host },
  { title: 'Port', width: 5, get: (s) => String(s.port) },
  { title: 'Username', width: 14, get: (s) => s.username },
  { title: 'Host key', width: 9, get: (s) => (s.hostKey === '' ? 'not yet' : 'accepted') },
];

export interface FtpServersProps {
  breadcrumb: readonly string[];
  uploadPath(): string;
  test?: TestAccount | undefined;
}

type Mode = { kind: 'list' } | { kind: 'form'; editing: SftpServer | null };

function cells(get: (c: ListColumn<SftpServer>) => string, theme: ReturnType<typeof useTheme>): string {
  return COLUMNS.map((c) => truncate(get(c), c.width, theme).padEnd(c.width)).join(' ');
}

export function FtpServersScreen({ breadcrumb, uploadPath, test }: FtpServersProps): ReactNode {
  const { store } = useApp();
  const confirm = useConfirm();
  const theme = useTheme();
  const { rows: height, columns: width } = useContentSize();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [message, setMessage] = useState<StatusMessage | undefined>(undefined);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const servers = uploadsSettingsOf(store.get('settings')).servers;
  const visible = Math.max(1, height - LIST_HEADER_ROWS);
  // In a ref, not React state: Down Down Del in one burst must delete the row the Downs reached.
  // Not the kit's RecordList, because Delete needs to know which row is selected.
  const list = useRef<ListState>({ selected: 0, top: 0 });
  list.current = clampList(list.current, servers.length, visible);

  async function remove(server: SftpServer): Promise<void> {
    // Said before asking, not after a "yes" that then does nothing (deleteServer checks again
    // under the lock, for another terminal's choice made meanwhile).
    if (uploadsSettingsOf(store.get('settings')).account === server.name) {
      setMessage({ text: `Not deleted: ${server.name} is the Account Name the uploads use; choose another account on FTP Setup and Accept first`, kind: 'error' });
      return;
    }
    const yes = await confirm({
      title: `Delete FTP server ${server.name}? (y/n)`,
      message: 'Its host, login and accepted host key are removed from the settings.',
      yesLabel: 'Delete it', noLabel: 'Keep it',
    });
    if (!yes) {
      setMessage({ text: `Not deleted: ${server.name} is kept`, kind: 'info' });
      return;
    }
    try {
      await store.edit('settings', (draft) => deleteServer(draft, server.name));
      setMessage({ text: `Deleted FTP server ${server.name}`, kind: 'info' });
    } catch (e) {
      setMessage({ text: errorText(e), kind: 'error' });
    }
  }

  useKeyHandler((key) => {
    const rows = uploadsSettingsOf(store.get('settings')).servers;
    const current = clampList(list.current, rows.length, visible);
    const go = (action: ListAction): true => {
      list.current = listReducer(current, action, rows.length, visible);
      rerender();
      return true;
    };
    const move = moveActionOf(key, visible);
    if (move) return go(move);
    const row = rows[current.selected];
    if (matches(key, 'listAdd')) {
      setMessage(undefined);
      setMode({ kind: 'form', editing: null });
      return true;
    }
    if (matches(key, 'listEdit') || matches(key, 'listDelete')) {
      if (row === undefined) setMessage({ text: 'There is no FTP server yet: Ins or F2 adds one', kind: 'info' });
      else if (matches(key, 'listEdit')) {
        setMessage(undefined);
        setMode({ kind: 'form', editing: row });
      } else void remove(row);
      return true;
    }
    const reason = listRefusal(key, { delete: '', find: 'Find: the FTP Servers list is short enough to read' });
    if (reason === null) return false;
    setMessage({ text: reason, kind: 'info' });
    return true;
  }, { layer: 'screen', active: mode.kind === 'list' });

  if (mode.kind === 'form') {
    const done = (saved: string | null): void => {
      if (saved !== null) {
        const at = uploadsSettingsOf(store.get('settings')).servers.findIndex((s) => s.name === saved);
        list.current = { ...list.current, selected: Math.max(0, at) };
      }
      setMessage(saved === null ? undefined : { text: `Saved FTP server ${saved}`, kind: 'info' });
      setMode({ kind: 'list' });
    };
    return (
      <FtpServerForm key={mode.editing?.name ?? '(new)'} editing={mode.editing} listCrumb={breadcrumb} uploadPath={uploadPath} test={test} onDone={done} />
    );
  }

  const state = list.current;
  const shown = servers.slice(state.top, state.top + visible);
  const ruleWidth = Math.min(width, COLUMNS.reduce((n, c) => n + c.width + 1, 1));
  return (
    <Shell breadcrumb={shortBreadcrumb(breadcrumb, theme.marks.ellipsis)} scope="list" hide={['listFind']} status={message}>
      <Box flexDirection="column" height={height} width={width} overflow="hidden">
        <Text bold wrap="truncate">{`  ${cells((c) => c.title, theme)}`}</Text>
        <Text color={theme.colors.muted}>{(theme.ascii ? '-' : '\u2500').repeat(Math.max(0, ruleWidth))}</Text>
        {servers.length === 0 ? <Text color={theme.colors.muted}>  No FTP servers yet: Ins or F2 adds one</Text> : null}
        {shown.map((row, i) => {
          const on = state.top + i === state.selected;
          return (
            <Box key={row.name} height={1} overflow="hidden">
              <Text inverse={on && theme.color} bold={on} wrap="truncate">
                {`${on ? theme.marks.selected : theme.marks.unselected} ${cells((c) => c.get(row), theme)}`}
              </Text>
            </Box>
          );
        })}
      </Box>
    </Shell>
  );
}
