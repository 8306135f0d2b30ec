// The rows of a form as laid out by form-layout.ts: tab strip, fields, an open choice list,
// "more" markers and key hints. Shared by Form and the Loyalties action forms.
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { EntryBuffer } from '../input/entry-buffer.js';
import { truncate, useTheme } from '../theme.js';
import type { FieldDef } from './field-types.js';
import { FieldRow, ROW_MARKS } from './field-row.js';
import { formRows, type FormRow } from './form-layout.js';
import type { FormState } from './form-state.js';
import { TabStrip } from './tab-strip.js';

export interface FormRowsProps {
  state: FormState;
  buffers: ReadonlyMap<string, EntryBuffer>;
  rows: number;
  columns: number;
  labelWidth?: number;
  /** Whether the focused field is drawn focused (false while another layer has the keys). */
  active?: boolean;
  /** Draw the tab strip (forms without tabs keep the row blank). */
  tabs?: boolean;
}

export function FormRows({ state, buffers, rows, columns, labelWidth, active = true, tabs = true }: FormRowsProps): ReactNode {
  const theme = useTheme();
  const labels = labelWidth ?? Math.min(32, Math.max(...state.defs.map((d) => d.label.length)));
  const valueWidth = Math.max(4, columns - ROW_MARKS - labels - 1);

  function row(r: FormRow, i: number): ReactNode {
    switch (r.type) {
      case 'tabs':
        if (tabs) return <TabStrip key={`r${i}`} tabs={r.tabs} active={r.active} />;
        return <Text key={`r${i}`}> </Text>;
      case 'blank':
        return <Text key={`r${i}`}> </Text>;
      case 'more':
        return <Text key={`r${i}`} color={theme.colors.muted}>{`   (${r.above} more above, ${r.below} more below)`}</Text>;
      case 'keys':
        return <Text key={`r${i}`} color={theme.colors.muted} wrap="truncate">{truncate(r.text, columns, theme)}</Text>;
      case 'choice': {
        const label = state.defs[r.field]?.choices?.[r.choice]?.label ?? '';
        const text = `${r.highlighted ? theme.marks.selected : ' '} ${truncate(label, valueWidth - 2, theme)}`;
        return (
          <Box key={`r${i}`} height={1} overflow="hidden">
            <Text>{' '.repeat(ROW_MARKS + labels + 1)}</Text>
            <Text inverse={r.highlighted && theme.color} bold={r.highlighted}>{text}</Text>
          </Box>
        );
      }
      case 'field': {
        const def = state.defs[r.index] as FieldDef;
        return (
          <FieldRow key={def.key} def={def} value={state.values[def.key] ?? ''} focused={active && r.index === state.focus}
            error={state.errors[def.key]} buffer={buffers.get(def.key)} labelWidth={labels} width={valueWidth} />
        );
      }
    }
  }

  return <Box flexDirection="column" height={rows} overflow="hidden">{formRows(state, rows).map(row)}</Box>;
}
