// The bottom line: key hints generated from the binding table, never written by hand, so the bar
// cannot drift from the keys that work.
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { hintKey, hintsFor, labelFor, type Command, type Scope } from '../keys/bindings.js';
import { useTheme } from '../theme.js';

export interface Hint {
  key: string;
  label: string;
}

const GAP = 2;

/** The hints of a scope that fit in width columns, whole, in table order (F1 Help first);
 * `hide` leaves out commands this screen does not have. */
export function layoutHints(scope: Scope, width: number, hide: readonly Command[] = []): Hint[] {
  const out: Hint[] = [];
  let used = 0;
  for (const b of hintsFor(scope, hide)) {
    const key = hintKey(b);
    if (key === undefined) continue;
    const hint = { key, label: labelFor(b, scope) };
    const size = hint.key.length + 1 + hint.label.length + (out.length > 0 ? GAP : 0);
    // Skip a hint that does not fit but keep trying shorter ones after it.
    if (used + size > width) continue;
    out.push(hint);
    used += size;
  }
  return out;
}

export function HintBar({ scope, width, hide = [] }: { scope: Scope; width: number; hide?: readonly Command[] }): ReactNode {
  const theme = useTheme();
  const hints = layoutHints(scope, width, hide);
  return (
    <Box height={1} width={width} overflow="hidden">
      <Text wrap="truncate">
        {hints.map((h, i) => (
          <Text key={h.key}>
            {i > 0 ? ' '.repeat(GAP) : ''}
            <Text bold color={theme.colors.key}>{h.key}</Text> {h.label}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
