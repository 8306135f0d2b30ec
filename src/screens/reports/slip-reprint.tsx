// Reports > Slip Reprint: asks for a sale or refund number and the width (40 or 80 columns), then
// shows the slip as it was printed between the REPRINT marks (src/reports/slip.ts, what `tillpoint
// report slip` prints). Show only: the command line writes no reprint file, so neither does this.
// PgUp/PgDn, Up/Down and Home/End scroll; F3 asks for another slip; Esc at the first question leaves.
import { useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { reprintSlip, SlipNotFound, type Reprint } from '../../reports/slip.js';
import { useApp, useNavigation } from '../app-context.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import { Form, errorText, type SaveResult } from '../forms/form.js';
import { matches, type Command } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { useScreenContentSize } from '../loyalties/content-size.js';
import { fit } from '../pos/format.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useTheme } from '../theme.js';
import { clampTop } from './report-paging.js';

export const SLIP_BREADCRUMB = ['Reports', 'Slip Reprint'];

/** Rows around the slip: title, rule / rule, position line. */
export const SLIP_CHROME_ROWS = 4;

const HIDE: readonly Command[] = ['listAdd', 'listEdit', 'listDelete'];

export const SLIP_LABELS = { number: 'Sale or refund number', width: 'Width' } as const;

const SLIP_FIELDS: FieldDef[] = [
  {
    key: 'number', label: SLIP_LABELS.number, kind: 'text', maxLength: 20, required: true,
    validate: (v) => (/^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/.test(v.trim()) ? null : `${SLIP_LABELS.number}: as printed on the slip, e.g. T1-000042`),
  },
  { key: 'width', label: SLIP_LABELS.width, kind: 'choice', choices: [{ value: '40', label: '40 columns' }, { value: '80', label: '80 columns' }] },
];

/**
 * A slip line narrowed to `width` for the screen: an 80-column slip is wider than the 76 columns an
 * 80x24 terminal leaves inside the frame. Its widest run of spaces (between a label and its
 * amount) gives up the columns, so every character of the slip stays in view; a rule (one
 * repeated character) is shortened; only a line with no room left is cut, marked ~.
 */
export function narrowLine(line: string, width: number): string {
  if (line.length <= width) return line;
  if (/^(.)\1*$/.test(line)) return line.slice(0, width);
  let best: { at: number; len: number } | null = null;
  for (const m of line.matchAll(/ {2,}/g)) {
    if (m.index > 0 && (best === null || m[0].length > best.len)) best = { at: m.index, len: m[0].length };
  }
  const over = line.length - width;
  if (best !== null && best.len - 1 >= over) return line.slice(0, best.at) + ' '.repeat(best.len - over) + line.slice(best.at + best.len);
  return fit(line, width);
}

/** The slip's lines without the newline that ends the last one. */
export function slipLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function SlipReprintScreen(): ReactNode {
  const { store } = useApp();
  const nav = useNavigation();
  const theme = useTheme();
  const { rows: height, columns } = useScreenContentSize();
  const body = Math.max(1, height - SLIP_CHROME_ROWS);
  const [asking, setAsking] = useState(true);
  const [values, setValues] = useState<FormValues>({ number: '', width: '40' });
  const [slip, setSlip] = useState<Reprint | null>(null);
  const [status, setStatus] = useState<StatusMessage | undefined>(undefined);
  const found = useRef<Reprint | null>(null);
  const topRef = useRef(0);
  const [, setMoved] = useState(0);
  const lines = slip ? slipLines(slip.text) : [];

  const go = (top: number): true => {
    const next = clampTop(top, lines.length, body);
    if (next === topRef.current && top !== next) setStatus({ text: top < next ? 'This is the top of the slip' : 'This is the end of the slip', kind: 'info' });
    topRef.current = next;
    setMoved((n) => n + 1);
    return true;
  };

  useKeyHandler((key) => {
    if (matches(key, 'pageDown')) return go(topRef.current + body);
    if (matches(key, 'pageUp')) return go(topRef.current - body);
    if (matches(key, 'moveDown')) return go(topRef.current + 1);
    if (matches(key, 'moveUp')) return go(topRef.current - 1);
    if (matches(key, 'moveFirst')) return go(0);
    if (matches(key, 'moveLast')) return go(lines.length);
    if (matches(key, 'listFind')) {
      setAsking(true);
      return true;
    }
    return false;
  }, { layer: 'screen', active: !asking });

  if (asking) {
    const accept = (v: FormValues): SaveResult => {
      try {
        found.current = reprintSlip(store, v.number ?? '', v.width === '80' ? 80 : 40);
        return { ok: true };
      } catch (e) {
        if (e instanceof SlipNotFound) return { ok: false, message: `${SLIP_LABELS.number}: ${e.message}`, field: 'number' };
        return { ok: false, message: `Slip Reprint: ${errorText(e)}` };
      }
    };
    return (
      <Form
        defs={SLIP_FIELDS}
        initial={values}
        breadcrumb={SLIP_BREADCRUMB}
        onAccept={accept}
        onDone={(outcome, v) => {
          const r = found.current;
          found.current = null;
          if (outcome === 'saved' && r !== null) {
            setValues(v);
            setSlip(r);
            topRef.current = 0;
            const narrowed = r.width > columns;
            setStatus({
              text: narrowed
                ? `Shown ${r.width - columns} columns narrower (spaces squeezed); tillpoint report slip ${r.number} ${r.width} prints it exactly`
                : r.source === 'file' ? 'The slip as printed, marked REPRINT' : 'Rendered again from the journal (its slip file is gone), marked REPRINT',
              kind: 'info',
            });
          }
          // Esc before any slip was shown leaves the screen: there is nothing behind the question.
          if (outcome === 'cancelled' && slip === null) nav.pop();
          else setAsking(false);
        }}
      />
    );
  }

  const top = clampTop(topRef.current, lines.length, body);
  const rule = (theme.ascii ? '-' : '─').repeat(columns);
  const shown = lines.slice(top, top + body);
  const title = slip ? `${slip.kind === 'sale' ? 'Sale' : 'Refund'} ${slip.number}, ${slip.width} columns` : 'No slip chosen (F3 asks for one)';
  const position = slip ? `Lines ${top + 1}-${top + shown.length} of ${lines.length} (PgUp/PgDn, Up/Down, Home/End; F3 another slip)` : '';
  return (
    <Shell breadcrumb={SLIP_BREADCRUMB} scope="list" hide={HIDE} status={status}>
      <Box flexDirection="column" height={height} width={columns} overflow="hidden">
        <Text bold wrap="truncate">{fit(title, columns)}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{rule}</Text>
        <Box flexDirection="column" height={body} overflow="hidden">
          {shown.map((l, i) => <Text key={top + i} wrap="truncate">{l === '' ? ' ' : narrowLine(l, columns)}</Text>)}
        </Box>
        <Text color={theme.colors.muted} wrap="truncate">{rule}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{fit(position, columns)}</Text>
      </Box>
    </Shell>
  );
}
