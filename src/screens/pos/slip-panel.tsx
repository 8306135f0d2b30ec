// A completed sale or refund: the slip as printed (40 columns, in a box, scrolled with the arrows),
// the change in large figures, the document number and where the slip files were written. Its keys
// are the 'slip' scope of the binding table: scroll, reprint, Enter for the next sale; any other key
// starts the next sale too, and a printable key also goes into the entry, so a scan typed at once
// is not lost.
import { useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { CompletedRefund, CompletedSale } from '../../engine/types.js';
import type { Key } from '../keys/parse-keys.js';
import { keyIndex, matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { useContentSize } from '../shell/terminal-size.js';
import { useTheme } from '../theme.js';
import { bigText } from './big-text.js';
import { money } from './format.js';
import type { PosContext } from './pos-context.js';
import { clampScroll } from './window.js';

export interface SlipPanelProps {
  ctx: PosContext;
  doc: CompletedSale | CompletedRefund;
  onDone(key: Key): void;
}

/** The box around a 40-column slip. */
const SLIP_BOX = 42;
/** The two rows at the bottom that say where the slip files are. */
const PATH_ROWS = 2;

/** A path cut from the left so its file name stays visible. */
export function tailFit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `~${chars.slice(chars.length - width + 1).join('')}`;
}

export function SlipPanel({ ctx, doc, onDone }: SlipPanelProps): ReactNode {
  // Inside the Shell: the rows and columns it leaves for content.
  const { rows, columns } = useContentSize();
  const { till, fmt } = ctx;
  const theme = useTheme();
  const [scroll, setScroll] = useState(0);
  const text = till.slipText(doc, 40).replace(/\n$/, '').split('\n');
  const paths = till.slipPaths(doc);
  const slipRows = Math.max(rows - PATH_ROWS - 2, 1);
  const top = clampScroll(scroll, text.length, slipRows);

  useKeyHandler((key) => {
    const page = Math.max(slipRows - 1, 1);
    // scrollSlip's keys are [Up, Down, PgUp, PgDn].
    const scrollBy = [-1, 1, -page, page][keyIndex(key, 'scrollSlip')];
    if (scrollBy !== undefined) setScroll((s) => clampScroll(s + scrollBy, text.length, slipRows));
    // The slip is on screen already: Reprint shows it again from the top.
    else if (matches(key, 'reprint')) {
      setScroll(0);
      ctx.say('The last slip, as printed: any key returns to the sale');
    }
    // Help and the way out stay where they are.
    else if (matches(key, 'help') || matches(key, 'exit')) return false;
    // nextSale (Enter) and, on purpose, every key the table does not list here: the cashier's
    // next keypress (often the first character of the next scan) starts the next sale.
    else onDone(key);
    return true;
  }, { layer: 'screen' });

  const isSale = doc.kind === 'sale';
  const number = isSale ? doc.saleNumber : doc.refundNumber;
  const bigAmount = isSale ? doc.change : doc.tenders.reduce((n, t) => n + t.amount, 0);
  const big = bigText(money(bigAmount, fmt));
  const sideWidth = columns - SLIP_BOX - 1;
  const scrollNote = text.length > slipRows ? `Slip rows ${top + 1}-${Math.min(top + slipRows, text.length)} of ${text.length} (Up/Down/PgUp/PgDn)` : '';
  return (
    <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
      <Box height={rows - PATH_ROWS} overflow="hidden">
        <Box borderStyle={theme.border} borderColor={theme.colors.muted} width={SLIP_BOX} height={slipRows + 2} flexDirection="column" overflow="hidden">
          {text.slice(top, top + slipRows).map((line, i) => <Text key={top + i} wrap="truncate">{line === '' ? ' ' : line}</Text>)}
        </Box>
        <Box flexDirection="column" marginLeft={1} width={sideWidth} overflow="hidden">
          <Text bold wrap="truncate">{isSale ? `Sale ${number} complete` : `Refund ${number}`}</Text>
          {!isSale ? <Text wrap="truncate">of sale {doc.saleNumber}</Text> : null}
          <Text> </Text>
          <Text bold color={theme.colors.success}>{isSale ? (doc.change > 0 ? 'CHANGE' : 'No change due') : 'PAY OUT'}</Text>
          {isSale && doc.change === 0 ? null : big.map((row, i) => <Text key={i} bold wrap="truncate">{row}</Text>)}
          <Text> </Text>
          {doc.tenders.slice(0, 4).map((t, i) => (
            <Text key={i} wrap="truncate">{t.name} {money(t.amount, fmt)}</Text>
          ))}
          {isSale ? <Text wrap="truncate">Total {money(doc.total, fmt)}</Text> : null}
          <Box flexGrow={1} />
          {scrollNote ? <Text color={theme.colors.muted} wrap="wrap">{scrollNote}</Text> : null}
          <Text color={theme.colors.muted} wrap="wrap">Any other key: next sale</Text>
        </Box>
      </Box>
      <Text wrap="truncate">Slip 40: {tailFit(paths.w40, columns - 9)}</Text>
      <Text wrap="truncate">Slip 80: {tailFit(paths.w80, columns - 9)}</Text>
    </Box>
  );
}
