// The totals box under the sale lines: items, total, tax, tendered, due or change. Rendering only.
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { SaleLine, SaleTotals } from '../../engine/types.js';
import { useTheme } from '../theme.js';
import { totalsCells, type MoneyFmt } from './format.js';

export interface TotalsBoxProps {
  lines: readonly SaleLine[];
  totals: SaleTotals | null;
  fmt: MoneyFmt;
  columns: number;
}

/** Three rows: a bordered box around one line of figures. */
export const TOTALS_ROWS = 3;

export function TotalsBox({ lines, totals, fmt, columns }: TotalsBoxProps): ReactNode {
  const theme = useTheme();
  const cells = totalsCells(lines, totals, fmt);
  return (
    <Box borderStyle={theme.border} borderColor={theme.colors.muted} width={columns} height={TOTALS_ROWS} paddingX={1} overflow="hidden">
      <Text wrap="truncate">
        {cells.map((c, i) => (
          <Text key={c.label}>
            {i > 0 ? '   ' : ''}
            <Text color={theme.colors.muted}>{c.label}</Text>{' '}
            <Text bold={c.label === 'Total' || c.label === 'Due' || c.label === 'Change'}>{c.value}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
