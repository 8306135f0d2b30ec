// Cash-up > Past Z Reports: the till's Zs, newest first; Enter shows one again as it was recorded.
import { useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { ZDoc } from '../../engine/cashup/types.js';
import { formatInstant } from '../../engine/slip-layout.js';
import { pastZs, readZ, zSlipText, type ZMark } from '../../store/cashup/index.js';
import { useApp } from '../app-context.js';
import { keyIndex, matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { useScreenContentSize } from '../loyalties/content-size.js';
import { errorText } from '../loyalties/format.js';
import { windowStart } from '../pos/window.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { truncate, useTheme } from '../theme.js';
import { linesOf, ReportLines, scrolled, useReportScroll } from './report-view.js';

export function PastZScreen(): ReactNode {
  const { store, tillId } = useApp();
  const theme = useTheme();
  const { rows, columns } = useScreenContentSize();
  const [marks] = useState<ZMark[] | string>(() => {
    try {
      return pastZs(store, tillId);
    } catch (err) {
      return errorText(err);
    }
  });
  const list = typeof marks === 'string' ? [] : marks;
  const selRef = useRef(0);
  const [sel, setSel] = useState(0);
  const [shown, setShownState] = useState<ZDoc | null>(null);
  const shownRef = useRef<ZDoc | null>(null);
  const [status, setStatus] = useState<StatusMessage | undefined>(typeof marks === 'string' ? { kind: 'error', text: marks } : undefined);
  const topRef = useRef(0);
  const company = store.get('settings').company;
  const show = (doc: ZDoc | null): void => {
    shownRef.current = doc;
    setShownState(doc);
  };
  const listRows = Math.max(1, rows - 2);

  useKeyHandler((key) => {
    if (shownRef.current) {
      if (!matches(key, 'back')) return false;
      show(null);
      return true;
    }
    if (matches(key, 'scrollReport')) {
      selRef.current = scrolled(selRef.current, keyIndex(key, 'scrollReport'), list.length, 1);
      setSel(selRef.current);
    } else if (matches(key, 'cashupEnter')) {
      const mark = list[selRef.current];
      if (!mark) return true;
      try {
        show(readZ(store, tillId, mark));
      } catch (err) {
        setStatus({ kind: 'error', text: errorText(err) });
      }
    } else return false;
    return true;
  }, { layer: 'screen' });

  const lines = shown ? linesOf(zSlipText(shown, company, 40)) : [];
  const { top } = useReportScroll(lines.length, Math.max(1, rows - 1), shown !== null);
  const first = windowStart(sel, list.length, listRows, topRef.current);
  topRef.current = first;
  const row = (z: ZMark): string => `Z ${String(z.z).padStart(4)}  ${z.day}  closed ${formatInstant(z.at, company.timeZone)}  seq ${z.seq}`;
  return (
    <Shell scope="cashup" hide={shown ? ['cashupEnter', 'closeDay'] : ['closeDay']} status={status}>
      {shown ? <ReportLines lines={lines} top={top} rows={Math.max(1, rows - 1)} columns={columns} /> : (
        <Box flexDirection="column">
          <Text bold wrap="truncate">{truncate(list.length === 0 ? `No Z report yet at till ${tillId}` : `Z reports of till ${tillId}, newest first (Enter views one)`, columns, theme)}</Text>
          <Box flexDirection="column" height={listRows} overflow="hidden">
            {list.slice(first, first + listRows).map((z, i) => {
              const selected = first + i === sel;
              return <Text key={z.seq} inverse={selected && theme.color} bold={selected} wrap="truncate">{truncate(`${selected ? theme.marks.selected : theme.marks.unselected} ${row(z)}`, columns, theme)}</Text>;
            })}
          </Box>
        </Box>
      )}
    </Shell>
  );
}
