// Utilities > Data > Go-live checklist: the seed's nine items, done or not, proven by the system or
// ticked by an operator. Space or Enter ticks (or unticks) the selected operator item as the
// session's operator; on an item the system checks it says why it cannot be ticked by hand.
// The facts are read when the screen opens and after each tick, never on every draw: the redeem
// reads the journals after the reset's marks.
import { useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { goLiveChecklist, goLiveProof, tickGoLiveItem, untickGoLiveItem, type GoLiveRow } from '../../store/go-live.js';
import { useActingOperator } from '../operators/guard/use-guard.js';
import { useApp } from '../app-context.js';
import type { Key } from '../keys/parse-keys.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { errorText, fit } from '../loyalties/format.js';
import { useScreenContentSize } from '../loyalties/content-size.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { truncate, useTheme } from '../theme.js';

export const CHECKLIST_BREADCRUMB = ['Utilities', 'Data', 'Go-live checklist'];
export const CHECKLIST_KEYS_TEXT = 'Space/Enter: tick or untick an operator item   Up/Down: select';

const LABEL_WIDTH = 37;
const HOW_WIDTH = 8;

type Loaded = { ok: true; rows: GoLiveRow[] } | { ok: false; message: string };

function load(read: () => GoLiveRow[]): Loaded {
  try {
    return { ok: true, rows: read() };
  } catch (e) {
    return { ok: false, message: `The checklist could not be read: ${errorText(e)}` };
  }
}

/** "[x]" or "[ ]": done must read without colour too. */
export const doneMark = (done: boolean): string => (done ? '[x]' : '[ ]');
export const howText = (row: GoLiveRow): string => (row.how === 'verified' ? 'system' : 'ticked');

/** Why an item is done: what the system reads, or an operator's word. */
export function proofText(row: GoLiveRow): string {
  const proof = goLiveProof(row.item);
  return proof === null ? 'An operator ticks this one when it is checked (Space/Enter)' : `Checked by the system: ${proof}`;
}

const isToggle = (key: Key): boolean => matches(key, 'toggle') || matches(key, 'select');

export function GoLiveChecklistScreen(): ReactNode {
  const { store } = useApp();
  const operator = useActingOperator();
  const theme = useTheme();
  const { columns } = useScreenContentSize();
  const [loaded, setLoaded] = useState<Loaded>(() => load(() => goLiveChecklist(store)));
  const loadedRef = useRef(loaded);
  const selRef = useRef(0);
  const [sel, setSel] = useState(0);
  const busy = useRef(false);
  const [notice, setNotice] = useState<StatusMessage | undefined>(undefined);

  const refresh = (): void => {
    const next = load(() => goLiveChecklist(store));
    loadedRef.current = next;
    setLoaded(next);
  };
  const select = (to: number): void => {
    const count = loadedRef.current.ok ? loadedRef.current.rows.length : 0;
    selRef.current = Math.max(0, Math.min(count - 1, to));
    setSel(selRef.current);
  };

  async function toggle(row: GoLiveRow): Promise<void> {
    busy.current = true;
    try {
      if (row.done) {
        const t = await untickGoLiveItem(store, row.item);
        setNotice({ text: `Unticked: ${row.label} (was ticked by ${t.by})`, kind: 'info' });
      } else {
        await tickGoLiveItem(store, row.item, operator, new Date());
        setNotice({ text: `Ticked by ${operator}: ${row.label}`, kind: 'info' });
      }
    } catch (e) {
      setNotice({ text: `${errorText(e)} (nothing was changed)`, kind: 'error' });
    } finally {
      busy.current = false;
      refresh();
    }
  }

  useKeyHandler((key) => {
    const l = loadedRef.current;
    if (!l.ok) return false;
    const at = selRef.current;
    if (matches(key, 'moveUp')) select(at - 1);
    else if (matches(key, 'moveDown')) select(at + 1);
    else if (matches(key, 'pageUp') || matches(key, 'moveFirst')) select(0);
    else if (matches(key, 'pageDown') || matches(key, 'moveLast')) select(l.rows.length - 1);
    else if (isToggle(key)) {
      const row = l.rows[at];
      if (!row) return true;
      if (busy.current) setNotice({ text: 'Saving the last tick: wait a moment', kind: 'info' });
      else if (row.how === 'verified') {
        setNotice({ text: `Cannot be ticked by hand: the system checks this item (${row.done ? 'done' : 'not done yet'})`, kind: 'error' });
      } else void toggle(row);
    } else return false;
    return true;
  }, { layer: 'screen' });

  if (!loaded.ok) {
    return (
      <Shell breadcrumb={CHECKLIST_BREADCRUMB} scope="global" status={{ text: loaded.message, kind: 'error' }}>
        <Text wrap="wrap">{loaded.message}</Text>
      </Shell>
    );
  }
  const { rows } = loaded;
  const done = rows.filter((r) => r.done).length;
  const detailWidth = Math.max(8, columns - 2 - 5 - HOW_WIDTH - LABEL_WIDTH);
  const current = rows[Math.min(sel, rows.length - 1)];
  const line = (text: string): string => truncate(text, columns, theme);
  return (
    <Shell breadcrumb={CHECKLIST_BREADCRUMB} scope="global" status={notice}>
      <Box flexDirection="column" width={columns} overflow="hidden">
        <Text bold wrap="truncate">{line(`Go-live checklist: ${done} of ${rows.length} done`)}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{line(`  ${fit('Done', 5)}${fit('How', HOW_WIDTH)}${fit('Item', LABEL_WIDTH)}Detail`)}</Text>
        {rows.map((r, i) => (
          <Text key={r.item} inverse={i === sel && theme.color} bold={i === sel} wrap="truncate">
            {`${i === sel ? theme.marks.selected : theme.marks.unselected} ${doneMark(r.done)}  ${fit(howText(r), HOW_WIDTH)}${fit(r.label, LABEL_WIDTH)}${fit(r.detail, detailWidth)}`}
          </Text>
        ))}
        <Text> </Text>
        {current ? (
          <Box flexDirection="column" height={3} overflow="hidden">
            <Box height={2} overflow="hidden">
              <Text wrap="wrap">{`${current.label}: ${current.done ? 'done' : 'not done'}; ${current.detail}`}</Text>
            </Box>
            <Text color={theme.colors.muted} wrap="truncate">{line(proofText(current))}</Text>
          </Box>
        ) : null}
        <Text color={theme.colors.muted} wrap="truncate">{line(CHECKLIST_KEYS_TEXT)}</Text>
      </Box>
    </Shell>
  );
}
