// The sale lines, windowed to `rows` with the selected line in view. Rendering only.
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { SaleLine } from '../../engine/types.js';
import { useTheme } from '../theme.js';
import { formatSaleLine, lineHeader, type MoneyFmt } from './format.js';
import { windowStart } from './window.js';

export interface SaleLinesViewProps {
  lines: readonly SaleLine[];
  selected: number;
  listStart: number;
  rows: number;
  columns: number;
  fmt: MoneyFmt;
}

export function SaleLinesView({ lines, selected, listStart, rows, columns, fmt }: SaleLinesViewProps): ReactNode {
  const theme = useTheme();
  // Two columns for the selection mark: `>` shows the selection without colour.
  const width = columns - 2;
  const start = windowStart(selected, lines.length, rows, listStart);
  const shown = lines.slice(start, start + rows);
  return (
    <Box flexDirection="column" height={rows + 1} overflow="hidden">
      <Text bold wrap="truncate">{`  ${lineHeader(width)}`}</Text>
      {lines.length === 0 ? (
        <Text color={theme.colors.muted} wrap="truncate">  Scan or type an item code and press Enter (3*code for three; F3 finds an item)</Text>
      ) : null}
      {shown.map((line, i) => {
        const index = start + i;
        const isSelected = index === selected;
        const row = formatSaleLine(line, index + 1, width, fmt);
        return (
          <Text key={line.id} wrap="truncate" inverse={isSelected && theme.color} strikethrough={line.voided}
            color={line.voided ? theme.colors.muted : undefined}>
            {isSelected ? theme.marks.selected : theme.marks.unselected} {row}
          </Text>
        );
      })}
    </Box>
  );
}
