// F1 help: every binding of the screen's scope with all its keys and help text, straight from the
// binding table (so help never drifts from the keys). Modal: Esc or F1 closes it.
import { useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { bindingsFor, keysLabel, matches, type Command, type Scope } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { truncate, useTheme } from '../theme.js';

export interface HelpRow {
  keys: string;
  text: string;
}

/** The help rows of a scope: disabled commands say why instead of what, unless this screen
 * `enable`s them; `hide` leaves out commands this screen does not have. */
export function helpRows(scope: Scope, hide: readonly Command[] = [], enable: readonly Command[] = []): HelpRow[] {
  return bindingsFor(scope, hide).map((b) => ({
    keys: keysLabel(b),
    text: (enable.includes(b.command) ? undefined : b.disabledReason) ?? `${b.label}: ${b.help}`,
  }));
}

export interface HelpOverlayProps {
  scope: Scope;
  title: string;
  rows: number;
  columns: number;
  /** Commands of the scope this screen does not have (see Shell's hide). */
  hide?: readonly Command[];
  /** Reserved commands this screen does have (see Shell's enable). */
  enable?: readonly Command[];
  onClose(): void;
}

const KEYS_WIDTH = 18;

/** Words of `text` in lines of at most `width` columns; a word longer than a line is cut across lines. */
export function wrapText(text: string, width: number): string[] {
  const room = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = [...word];
    if (line !== '' && [...line].length + 1 + w.length <= room) {
      line += ` ${word}`;
      continue;
    }
    if (line !== '') lines.push(line);
    while (w.length > room) {
      lines.push(w.slice(0, room).join(''));
      w = w.slice(room);
    }
    line = w.join('');
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** One screen row of help: the keys on a binding's first row only, its text wrapped below. */
export interface HelpLine {
  keys: string;
  text: string;
  /** Index of the binding (help row) this line belongs to. */
  row: number;
}

export function helpLines(rows: readonly HelpRow[], columns: number): HelpLine[] {
  return rows.flatMap((r, row) => wrapText(r.text, columns - KEYS_WIDTH).map((text, i) => ({ keys: i === 0 ? r.keys : '', text, row })));
}

export function HelpOverlay({ scope, title, rows, columns, hide = [], enable = [], onClose }: HelpOverlayProps): ReactNode {
  const theme = useTheme();
  // Long help is wrapped onto the following lines (never cut), then windowed to the rows there are.
  const all = helpLines(helpRows(scope, hide, enable), columns);
  // Title line and footer line take two rows.
  const room = Math.max(1, rows - 2);
  const maxTop = Math.max(0, all.length - room);
  const [top, setTop] = useState(0);
  useKeyHandler((key) => {
    // Help scrolls with the table's selection keys (named in its title line when it scrolls).
    if (matches(key, 'back') || matches(key, 'help')) onClose();
    else if (matches(key, 'moveUp')) setTop((t) => Math.max(0, t - 1));
    else if (matches(key, 'moveDown')) setTop((t) => Math.min(maxTop, t + 1));
    else if (matches(key, 'pageUp')) setTop((t) => Math.max(0, t - room));
    else if (matches(key, 'pageDown')) setTop((t) => Math.min(maxTop, t + room));
    // Everything else is swallowed: help is read, not typed into.
    return true;
  }, { layer: 'modal' });
  const first = Math.min(top, maxTop);
  const shown = all.slice(first, first + room);
  const more = all.length > room ? ` (${first + 1}-${first + shown.length} of ${all.length}, Up/Down/PgUp/PgDn)` : '';
  return (
    <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
      <Text bold wrap="truncate">{truncate(`Help: ${title}${more}`, columns, theme)}</Text>
      {shown.map((r, i) => (
        <Box key={`${first + i}`} height={1}>
          <Text bold color={theme.colors.key}>{truncate(r.keys, KEYS_WIDTH - 1, theme).padEnd(KEYS_WIDTH)}</Text>
          <Text wrap="truncate">{r.text}</Text>
        </Box>
      ))}
      <Box flexGrow={1} />
      <Text color={theme.colors.muted} wrap="truncate">Esc or F1 closes help</Text>
    </Box>
  );
}
