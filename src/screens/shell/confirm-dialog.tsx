// A yes/no question drawn in place of the screen's content. Modal: the screen under it gets no
// keys while it is open. y = yes, n or Esc = no (Esc never destroys anything).
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { useTheme } from '../theme.js';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  yesLabel?: string | undefined;
  noLabel?: string | undefined;
  onAnswer(yes: boolean): void;
}

export function ConfirmDialog({ title, message, yesLabel = 'Yes', noLabel = 'No', onAnswer }: ConfirmDialogProps): ReactNode {
  const theme = useTheme();
  useKeyHandler((key) => {
    if (matches(key, 'yes')) onAnswer(true);
    else if (matches(key, 'no') || matches(key, 'back')) onAnswer(false);
    // F1 and Ctrl+C still reach the global layer; any other key is swallowed.
    else return !(matches(key, 'help') || matches(key, 'exit'));
    return true;
  }, { layer: 'modal' });
  return (
    <Box flexDirection="column" borderStyle={theme.border} borderColor={theme.colors.warning} paddingX={1} alignSelf="center" width={60}>
      <Text bold>{title}</Text>
      <Text wrap="wrap">{message}</Text>
      <Text> </Text>
      <Text>
        <Text bold color={theme.colors.key}>y</Text> {yesLabel}   <Text bold color={theme.colors.key}>n</Text>/<Text bold color={theme.colors.key}>Esc</Text> {noLabel}
      </Text>
    </Box>
  );
}
