// The tabs of a form on one row ("[General] |  Default Settings 2"): brackets mark the active tab
// where inverse video is lost (mono terminals, NO_COLOR).
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';

export function TabStrip({ tabs, active }: { tabs: string[]; active: string }): ReactNode {
  const theme = useTheme();
  return (
    <Box height={1} overflow="hidden">
      {tabs.map((t, i) => (
        <Text key={t}>
          {i > 0 ? ' | ' : ''}
          <Text bold={t === active} inverse={t === active && theme.color}>{t === active ? `[${t}]` : ` ${t} `}</Text>
        </Text>
      ))}
    </Box>
  );
}
