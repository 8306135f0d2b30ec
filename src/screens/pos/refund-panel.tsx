// Refund: the sale number, then its lines with sold / returned / still returnable; Space marks a
// line, + / - or a typed number sets the quantity, F2 marks everything; Enter asks for the tender
// (CASH by default), Enter then shows the exact payout the engine computes (cash rounding included)
// and a last Enter records the refund. The engine refuses an over-refund; its message shows.
import { useLayoutEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { hintKey, keyIndex, labelFor, matches, bindingOf, type Command } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import type { EntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useEntryField } from '../input/use-entry-field.js';
import { useContentSize } from '../shell/terminal-size.js';
import { useTheme } from '../theme.js';
import { fit, money, refundHeader, refundRow } from './format.js';
import { errorText, type PosContext } from './pos-context.js';
import { defaultRefundTender, initialRefundView, refundPayout, refundPreview, refundReducer, refundRequest, type RefundPhase } from './refund-state.js';
import { tenderForKey, tenderHotKeys } from './tender-state.js';
import { createViewStore, useViewStore } from './view-store.js';
import { visibleWindow } from './window.js';

export interface RefundPanelProps {
  ctx: PosContext;
  numberBuffer: EntryBuffer;
  /** Told the phase whenever it changes, so the screen's hint bar shows only the keys it has. */
  onPhase?(phase: RefundPhase): void;
}

/** The reminder under the lines, worded from the binding table ("Space Mark  + More ..."). */
const LINE_HINTS = (['toggleLine', 'qtyUp', 'qtyDown', 'qtyDigit', 'refundAll', 'submit'] as Command[])
  .map((c) => {
    const b = bindingOf(c);
    return `${hintKey(b) ?? ''} ${c === 'submit' ? 'Tender' : labelFor(b, 'refund')}`;
  })
  .join('  ');

export function RefundPanel({ ctx, numberBuffer, onPhase }: RefundPanelProps): ReactNode {
  // Inside the Shell: the rows and columns it leaves for content.
  const { rows, columns } = useContentSize();
  const { till, view, say, fmt } = ctx;
  const theme = useTheme();
  const [rv, store] = useViewStore(() => createViewStore(refundReducer, initialRefundView), (s) => s.phase);
  useSyncExternalStore(till.subscribe, till.getState);
  const tenders = till.tenders();
  const hotKeys = tenderHotKeys(tenders);
  // Title, blank, header, lines..., blank, total, entry/help row.
  const listRows = Math.max(rows - 6, 1);
  useLayoutEffect(() => onPhase?.(rv.phase), [onPhase, rv.phase]);

  /** Tender chosen: ask the engine for the exact refund (nothing is written) and show it. */
  const showPayout = (): void => {
    const s = store.get();
    const tender = tenders[s.tenderIndex];
    if (!s.sale || !tender) return;
    try {
      const doc = till.previewRefund(s.sale.saleNumber, refundRequest(s), tender.code);
      store.dispatch({ type: 'confirm', preview: doc });
      say(`Refund of ${money(refundPayout(doc), fmt)} on ${tender.name}: Enter records it`);
    } catch (err) {
      store.dispatch({ type: 'backToLines' });
      say(errorText(err), 'error');
    }
  };

  const record = (): void => {
    const s = store.get();
    const tender = tenders[s.tenderIndex];
    if (!s.sale || !tender) return;
    try {
      till.refund(s.sale.saleNumber, refundRequest(s), tender.code, view.get().refundApprovedBy);
      // The till's listener shows the refund slip.
    } catch (err) {
      store.dispatch({ type: 'backToLines' });
      say(errorText(err), 'error');
    }
  };

  // Characters typed while choosing or confirming the tender (no field takes them): a scan gone
  // astray. The Enter that ends it must not pay anything out.
  const stray = useRef('');

  useKeyHandler((key) => {
    const s = store.get();
    if (matches(key, 'back')) {
      stray.current = '';
      if (s.phase === 'confirm') {
        store.dispatch({ type: 'backToTender' });
        say('Choose the tender to pay back on');
      } else if (s.phase === 'tender') store.dispatch({ type: 'backToLines' });
      else if (s.phase === 'lines') store.dispatch({ type: 'restart' });
      else view.dispatch({ type: 'open', mode: 'sale' });
      return true;
    }
    if (s.phase === 'number') return false;
    const page = Math.max(listRows - 1, 1);
    if (s.phase === 'tender' || s.phase === 'confirm') {
      const typing = key.name === 'char' && !key.ctrl && !key.alt && key.ch !== undefined;
      const picks = s.phase === 'tender' && matches(key, 'pickTender');
      if (typing && (stray.current !== '' || !picks)) {
        stray.current = `${stray.current}${key.ch}`.slice(-40);
        say(`Ignored "${stray.current}": ${s.phase === 'tender' ? "pick the tender by its letter, or Up/Down and Enter" : 'Enter confirms the refund, Esc goes back'}`, 'error');
        return true;
      }
      if (stray.current !== '' && matches(key, 'submit')) {
        stray.current = '';
        return true; // the Enter of a stray scan: refused (the message above stays)
      }
      stray.current = '';
    }
    if (s.phase === 'confirm') {
      if (matches(key, 'submit')) record();
      else return false;
      return true;
    }
    if (s.phase === 'tender') {
      if (matches(key, 'moveUp')) store.dispatch({ type: 'moveTender', delta: -1, count: tenders.length });
      else if (matches(key, 'moveDown')) store.dispatch({ type: 'moveTender', delta: 1, count: tenders.length });
      else if (matches(key, 'submit')) showPayout();
      else if (matches(key, 'pickTender') && key.ch) {
        const index = tenderForKey(key.ch, hotKeys);
        if (index < 0) say(`No tender on "${key.ch}": press a tender's letter`, 'error');
        else store.dispatch({ type: 'pickTender', index });
      } else return false;
      return true;
    }
    if (matches(key, 'moveUp')) store.dispatch({ type: 'move', delta: -1 });
    else if (matches(key, 'moveDown')) store.dispatch({ type: 'move', delta: 1 });
    else if (matches(key, 'pageUp')) store.dispatch({ type: 'move', delta: -page });
    else if (matches(key, 'pageDown')) store.dispatch({ type: 'move', delta: page });
    else if (matches(key, 'refundAll')) {
      store.dispatch({ type: 'markAll' });
      say('Every line still returnable is marked: Enter to choose the tender');
    } else if (matches(key, 'quantity')) {
      store.dispatch({ type: 'clearLine' });
      say(`Type the quantity to return for line ${s.lines[s.selected]?.lineNo ?? ''}`);
    } else if (matches(key, 'submit')) {
      if (refundRequest(s).length === 0) say('Mark a line to return: Space marks it, + / - or a number sets the quantity', 'error');
      else store.dispatch({ type: 'toTender', tenderIndex: defaultRefundTender(tenders) });
    } else if (matches(key, 'toggleLine')) store.dispatch({ type: 'toggle' });
    else if (matches(key, 'qtyUp')) store.dispatch({ type: 'step', delta: 1 });
    else if (matches(key, 'qtyDown')) store.dispatch({ type: 'step', delta: -1 });
    else if (keyIndex(key, 'qtyDigit') >= 0) {
      // qtyDigit's keys are 0..9 in order: the index is the digit.
      store.dispatch({ type: 'digit', digit: String(keyIndex(key, 'qtyDigit')) });
    } else return false;
    return true;
  }, { layer: 'screen' });

  useEntryField(numberBuffer, {
    active: rv.phase === 'number',
    maxLength: 30,
    onSubmit(value) {
      if (value.trim() === '') return say('Type the sale number printed on the slip (e.g. T1-000012)', 'error');
      try {
        const { sale, lines } = till.refundable(value);
        numberBuffer.clear();
        store.dispatch({ type: 'loaded', sale, lines });
        say(`Sale ${sale.saleNumber}: Space marks a line, + / - or a number sets the quantity, Enter continues`);
      } catch (err) {
        say(errorText(err), 'error');
      }
    },
  });

  if (rv.phase === 'number' || !rv.sale) {
    return (
      <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
        <Text bold>Refund</Text>
        <Text color={theme.colors.muted} wrap="truncate">Type or scan the sale number from the customer's slip, then Enter. Esc returns to the sale.</Text>
        <Text> </Text>
        <EntryField buffer={numberBuffer} label="Sale number:" width={Math.min(30, columns - 14)} />
      </Box>
    );
  }

  const width = columns - 2;
  const { start, items } = visibleWindow(rv.lines, rv.selected, listRows);
  const preview = refundPreview(rv);
  const tender = tenders[rv.tenderIndex];
  return (
    <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
      <Text bold wrap="truncate">Refund of sale {rv.sale.saleNumber} ({rv.sale.lines.length} lines, total {money(rv.sale.total, fmt)})</Text>
      <Text> </Text>
      <Text bold wrap="truncate">{`  ${refundHeader(width)}`}</Text>
      {items.map((l, i) => {
        const index = start + i;
        const isSel = index === rv.selected && rv.phase === 'lines';
        const qty = rv.qty[index] ?? 0;
        return (
          <Text key={l.lineNo} wrap="truncate" inverse={isSel && theme.color} bold={qty > 0}>
            {isSel ? theme.marks.selected : qty > 0 ? '*' : theme.marks.unselected} {refundRow(l, qty, width, fmt)}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      {rv.phase === 'confirm' && rv.preview ? (
        <>
          <Text bold wrap="truncate">Pay back {money(refundPayout(rv.preview), fmt)} in {tender?.code ?? ''}? Enter to confirm, Esc to go back</Text>
          <Text wrap="truncate">
            Items {money(rv.preview.total, fmt)}{rv.preview.rounding !== 0 ? `, cash rounding ${money(rv.preview.rounding, fmt)}` : ''}: the slip shows this amount
          </Text>
        </>
      ) : (
        <Text wrap="truncate">Returning about {money(preview, fmt)}{rv.phase === 'tender' ? ' (Enter shows the exact payout)' : ''}</Text>
      )}
      {rv.phase === 'tender' ? (
        <Text wrap="truncate">
          Pay back on: {tenders.map((t, i) => `${i === rv.tenderIndex ? theme.marks.selected : ''}[${hotKeys[i] ?? ''}] ${t.code}`).join('  ')}
          {'  '}Enter: {fit(tender?.name ?? '', 12).trim()}, Esc back
        </Text>
      ) : rv.phase === 'lines' ? (
        <Text color={theme.colors.muted} wrap="truncate">{LINE_HINTS}  Esc other sale</Text>
      ) : null}
    </Box>
  );
}
