// A report's lines (X, Z, a past Z) in the rows there are, scrolled a line (Up/Down) or a page
// (PgUp/PgDn). The scroll is a pure function so it is tested without Ink.
import { useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { keyIndex, matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import type { Key } from '../keys/parse-keys.js';
import { truncate, useTheme } from '../theme.js';

/** The first line shown after a scroll key (0 Up, 1 Down, 2 PgUp, 3 PgDn). */
export function scrolled(top: number, which: number, total: number, rows: number): number {
  const step = which === 0 ? -1 : which === 1 ? 1 : which === 2 ? -rows : rows;
  return Math.max(0, Math.min(Math.max(0, total - rows), top + step));
}

export function useReportScroll(total: number, rows: number, active: boolean): { top: number; reset(): void } {
  const topRef = useRef(0);
  const [top, setTop] = useState(0);
  const set = (t: number): void => {
    topRef.current = t;
    setTop(t);
  };
  useKeyHandler((key: Key) => {
    if (!matches(key, 'scrollReport')) return false;
    set(scrolled(topRef.current, keyIndex(key, 'scrollReport'), total, rows));
    return true;
  }, { layer: 'screen', active });
  return { top: Math.min(top, Math.max(0, total - rows)), reset: () => set(0) };
}

export function ReportLines({ lines, top, rows, columns }: { lines: readonly string[]; top: number; rows: number; columns: number }): ReactNode {
  const theme = useTheme();
  const shown = lines.slice(top, top + rows);
  const more = top + rows < lines.length ? `(${top + 1}-${top + shown.length} of ${lines.length}: PgDn for more)` : '';
  return (
    <Box flexDirection="column" height={rows + 1} overflow="hidden">
      {shown.map((l, i) => <Text key={top + i} wrap="truncate">{truncate(l === '' ? ' ' : l, columns, theme)}</Text>)}
      <Text color={theme.colors.muted} wrap="truncate">{more === '' ? ' ' : truncate(more, columns, theme)}</Text>
    </Box>
  );
}

/** A slip text as lines (without the final newline's empty line). */
export const linesOf = (text: string): string[] => text.replace(/\n$/, '').split('\n');
