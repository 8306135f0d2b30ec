// Renders an entry buffer: label, value scrolled to keep the cursor in view, cursor as an
// inverse cell. Rendering only; keys are useEntryField's job.
import { useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import type { EntryBuffer } from './entry-buffer.js';

export interface EntryFieldProps {
  buffer: EntryBuffer;
  label: string;
  /** Columns for the value (the cursor takes one of them at the end). */
  width: number;
  /** Secrets: every character shows as this (default '*'). Pass true for '*'. */
  mask?: boolean | string;
  /** Show the cursor (the field has focus). Default true. */
  focused?: boolean;
  /** Columns for the label; the label is padded to it so fields line up. */
  labelWidth?: number;
}

/** The visible slice of the value: starts so that the cursor stays inside width columns. */
export function visibleWindow(chars: string[], cursor: number, width: number): { start: number; text: string[] } {
  const room = Math.max(1, width);
  const start = cursor < room ? 0 : cursor - room + 1;
  return { start, text: chars.slice(start, start + room) };
}

export function EntryField({ buffer, label, width, mask, focused = true, labelWidth }: EntryFieldProps): ReactNode {
  const theme = useTheme();
  const { value, cursor, selected } = useSyncExternalStore(buffer.subscribe, buffer.get, buffer.get);
  const maskChar = mask === true ? '*' : typeof mask === 'string' ? mask : undefined;
  const chars = [...value].map((c) => maskChar ?? c);
  // Cursor in code points (the buffer counts UTF-16 units).
  const cursorAt = [...value.slice(0, cursor)].length;
  const { start, text } = visibleWindow(chars, cursorAt, width);
  const at = cursorAt - start;
  const before = text.slice(0, at).join('');
  const under = text[at] ?? ' ';
  const after = text.slice(at + 1).join('');
  const used = [...before].length + 1 + [...after].length;
  const pad = ' '.repeat(Math.max(0, width - used));
  return (
    <Box flexDirection="row">
      <Text color={theme.colors.muted}>{labelWidth ? label.padEnd(labelWidth) : label}</Text>
      <Text> </Text>
      {/* A selected (pre-filled) value is shown inverse, like a selected text box: typing replaces it. */}
      <Text inverse={focused && selected}>{before}</Text>
      {focused ? <Text inverse>{under}</Text> : <Text>{under}</Text>}
      <Text>{after}{pad}</Text>
    </Box>
  );
}
