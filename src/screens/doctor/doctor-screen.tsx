// Utilities > Doctor: the checks of `tillpoint doctor` on this session's store, listed as they
// finish, coloured by status (and marked OK/WARN/FAIL, so nothing depends on colour). The checks run
// outside the key handler (started by an effect, each a promise that yields between windows), so
// keys and Esc keep working while the network checks wait; results that arrive after the screen
// was left are dropped. Up/Down selects a check to read its detail and fix; R runs them again.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { clockFromEnv } from '../../cli/clock.js';
import { runDoctor, type CheckResult } from '../../doctor/index.js';
import { useApp } from '../app-context.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { useScreenContentSize } from '../loyalties/content-size.js';
import { errorText } from '../loyalties/format.js';
import { windowStart } from '../pos/window.js';
import { Shell } from '../shell/shell.js';
import { truncate, useTheme } from '../theme.js';
import { DOCTOR_BREADCRUMB, DOCTOR_CHROME_ROWS, DOCTOR_KEYS_TEXT, fixText, headerText, rowText, statusColor } from './doctor-rows.js';

interface Run {
  results: CheckResult[];
  /** Set while the checks run. */
  running: { done: number; total: number } | null;
  error?: string;
}

export function DoctorScreen(): ReactNode {
  const { store } = useApp();
  const theme = useTheme();
  const { rows, columns } = useScreenContentSize();
  const [run, setRun] = useState<Run>({ results: [], running: { done: 0, total: 1 } });
  const runRef = useRef(run);
  const generation = useRef(0);
  const selRef = useRef(0);
  const [sel, setSel] = useState(0);
  const topRef = useRef(0);

  const update = (next: Run): void => {
    runRef.current = next;
    setRun(next);
  };

  const start = (): void => {
    const mine = ++generation.current;
    const results: CheckResult[] = [];
    update({ results, running: { done: 0, total: 1 } });
    runDoctor({
      dir: store.dir,
      // The store's clock as the till's: TILLPOINT_NOW, when set, starts it there.
      now: clockFromEnv(),
      onResult: (r, i, total) => {
        if (generation.current !== mine) return;
        results.push(r);
        update({ results: [...results], running: { done: i + 1, total } });
      },
    }).then(
      (report) => { if (generation.current === mine) update({ results: report.checks, running: null }); },
      (err: unknown) => { if (generation.current === mine) update({ results: [...results], running: null, error: errorText(err) }); },
    );
  };

  useEffect(() => {
    start();
    // Leaving the screen drops whatever is still to come.
    return () => { generation.current += 1; };
  }, []);

  const select = (to: number): void => {
    const count = runRef.current.results.length;
    selRef.current = Math.max(0, Math.min(count - 1, to));
    setSel(selRef.current);
  };

  useKeyHandler((key) => {
    const count = runRef.current.results.length;
    if (matches(key, 'moveUp')) select(selRef.current - 1);
    else if (matches(key, 'moveDown')) select(selRef.current + 1);
    else if (matches(key, 'moveFirst') || matches(key, 'pageUp')) select(0);
    else if (matches(key, 'moveLast') || matches(key, 'pageDown')) select(count - 1);
    else if (key.name === 'char' && (key.ch === 'r' || key.ch === 'R') && !key.ctrl && !key.alt) {
      if (runRef.current.running) return true; // already running: one run at a time
      selRef.current = 0;
      setSel(0);
      start();
    } else return false;
    return true;
  }, { layer: 'screen' });

  const listRows = Math.max(1, rows - DOCTOR_CHROME_ROWS);
  const { results } = run;
  const at = Math.min(sel, Math.max(0, results.length - 1));
  const top = windowStart(at, results.length, listRows, topRef.current);
  topRef.current = top;
  const current = results[at];
  const line = (text: string): string => truncate(text, columns, theme);
  const status = run.error
    ? { text: `The checks stopped: ${run.error}`, kind: 'error' as const }
    : run.running ? { text: 'Running the checks (Esc leaves; nothing in the store is changed)', kind: 'info' as const } : undefined;
  return (
    <Shell breadcrumb={DOCTOR_BREADCRUMB} scope="global" status={status}>
      <Box flexDirection="column" width={columns} height={rows} overflow="hidden">
        <Text bold wrap="truncate">{line(headerText(results, run.running))}</Text>
        <Box flexDirection="column" height={listRows} overflow="hidden">
          {results.slice(top, top + listRows).map((r, i) => {
            const selected = top + i === at;
            return (
              <Text key={r.id} color={statusColor(r.status, theme)} inverse={selected && theme.color} bold={selected} wrap="truncate">
                {line(`${selected ? theme.marks.selected : theme.marks.unselected} ${rowText(r)}`)}
              </Text>
            );
          })}
        </Box>
        <Text> </Text>
        <Box height={3} overflow="hidden">
          <Text wrap="wrap">{current ? `${current.title}: ${current.detail}` : ''}</Text>
        </Box>
        <Box height={2} overflow="hidden">
          <Text color={current && current.status !== 'ok' ? statusColor(current.status, theme) : theme.colors.muted} wrap="wrap">{current ? fixText(current) : ''}</Text>
        </Box>
        <Text color={theme.colors.muted} wrap="truncate">{line(DOCTOR_KEYS_TEXT)}</Text>
      </Box>
    </Shell>
  );
}
