// One row above the hint bar: the screen's message (errors marked `!`, not only red), or the one
// spinner of the app while a call runs. One spinner at most: each tick repaints the frame.
import { useEffect, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { useTheme, truncate } from '../theme.js';

export interface StatusMessage {
  text: string;
  kind: 'info' | 'error';
}

export interface StatusLineProps {
  width: number;
  message?: StatusMessage | undefined;
  busyLabel?: string | undefined;
}

const TICK_MS = 120;

export function StatusLine({ width, message, busyLabel }: StatusLineProps): ReactNode {
  const theme = useTheme();
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    if (busyLabel === undefined) return undefined;
    const timer = setInterval(() => setFrame((f) => (f + 1) % theme.spinner.length), TICK_MS);
    return () => clearInterval(timer);
  }, [busyLabel, theme.spinner.length]);
  let text = '';
  let color: string | undefined;
  if (busyLabel !== undefined) {
    text = `${theme.spinner[frame] ?? ''} ${busyLabel}`;
    color = theme.colors.accent;
  } else if (message) {
    text = message.kind === 'error' ? `${theme.marks.error} ${message.text}` : message.text;
    color = message.kind === 'error' ? theme.colors.error : undefined;
  }
  return (
    <Box height={1} width={width} overflow="hidden">
      <Text color={color} wrap="truncate">{truncate(text, width, theme)}</Text>
    </Box>
  );
}
