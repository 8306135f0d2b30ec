// One row of a form: focus and error marks, the label, and the value as its kind shows it. The
// focused text field is the kit's EntryField (its buffer lives outside React state, so a paste
// lands whole); every other row is plain text. Marks are characters, never colour alone.
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { EntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { truncate, useTheme } from '../theme.js';
import type { FieldDef } from './field-types.js';
import { FLAG_ON } from './field-types.js';

export interface FieldRowProps {
  def: FieldDef;
  value: string;
  focused: boolean;
  error: string | undefined;
  buffer: EntryBuffer | undefined;
  labelWidth: number;
  /** Columns for the value. */
  width: number;
}

/** Columns before the label: focus mark, error mark, space. */
export const ROW_MARKS = 3;

export function choiceLabel(def: FieldDef, value: string): string {
  return def.choices?.find((c) => c.value === value)?.label ?? (value === '' ? '(none)' : `${value} (unknown)`);
}

/** The value as shown when the field has no cursor in it. */
export function displayValue(def: FieldDef, value: string, focused: boolean): string {
  switch (def.kind) {
    case 'choice': {
      const label = choiceLabel(def, value);
      return focused && def.readOnly !== true ? `< ${label} >` : label;
    }
    case 'flag':
      return value === FLAG_ON ? '[x] Yes' : '[ ] No';
    case 'secret':
      return '*'.repeat([...value].length);
    default:
      return value;
  }
}

export function FieldRow({ def, value, focused, error, buffer, labelWidth, width }: FieldRowProps): ReactNode {
  const theme = useTheme();
  const marks = `${focused ? theme.marks.selected : ' '}${error === undefined ? ' ' : theme.marks.error} `;
  const markColor = error === undefined ? undefined : theme.colors.error;
  if (focused && buffer !== undefined) {
    return (
      <Box height={1} overflow="hidden">
        <Text color={markColor} bold>{marks}</Text>
        <EntryField buffer={buffer} label={truncate(def.label, labelWidth, theme)} labelWidth={labelWidth} width={width} mask={def.kind === 'secret'} />
      </Box>
    );
  }
  if (def.note === true) {
    return (
      <Box height={1} overflow="hidden">
        <Text>{' '.repeat(marks.length + labelWidth + 1)}</Text>
        <Text color={theme.colors.muted}>{truncate(value, width, theme)}</Text>
      </Box>
    );
  }
  const fixed = def.readOnly === true ? ' (fixed)' : '';
  const shown = truncate(displayValue(def, value, focused), Math.max(1, width - fixed.length), theme);
  return (
    <Box height={1} overflow="hidden">
      <Text color={markColor} bold>{marks}</Text>
      <Text color={theme.colors.muted}>{truncate(def.label, labelWidth, theme).padEnd(labelWidth)}</Text>
      <Text> </Text>
      <Text bold={focused} inverse={focused && theme.color}>{shown}</Text>
      {fixed === '' ? null : <Text color={theme.colors.muted}>{fixed}</Text>}
    </Box>
  );
}
