// Tender: choose a tender (arrow + Enter, its number or its letter), type the amount (Enter on an
// empty amount takes the balance due, cash rounded per Company Details). Split tenders loop back
// here; the sale completes when settled and the screen shows the slip.
import { useRef, useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { parseMoney } from '../../engine/money.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import type { EntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useEntryField } from '../input/use-entry-field.js';
import { useContentSize } from '../shell/terminal-size.js';
import { useTheme } from '../theme.js';
import { fit, money } from './format.js';
import { errorText, LP_NOT_PROVIDER, type PosContext } from './pos-context.js';
import { dueOnTender, initialTenderView, tenderForKey, tenderHotKeys, tenderReducer } from './tender-state.js';
import { createViewStore, useViewStore } from './view-store.js';
import { visibleWindow } from './window.js';

export interface TenderPanelProps {
  ctx: PosContext;
  amountBuffer: EntryBuffer;
}

/** Most tenders taken listed at once; a longer split says how many more. */
const TAKEN_ROWS = 4;

export function TenderPanel({ ctx, amountBuffer }: TenderPanelProps): ReactNode {
  // Inside the Shell: the rows and columns it leaves for content.
  const { rows, columns } = useContentSize();
  const { till, view, say, fmt, wait } = ctx;
  const theme = useTheme();
  const state = useSyncExternalStore(till.subscribe, till.getState);
  const [tv, store] = useViewStore(() => createViewStore(tenderReducer, initialTenderView), (s) => s.phase);
  const tenders = till.tenders();
  const hotKeys = tenderHotKeys(tenders);
  const step = till.company().cashRounding;

  // Characters typed while choosing (no field is open to take them): usually a barcode scanned on
  // the wrong screen. They are collected so the Enter that ends the scan is refused with them too,
  // instead of taking the selected tender.
  const stray = useRef('');
  const refuseStray = (): void => {
    say(`Ignored "${stray.current}": pick a tender by its letter, or Up/Down and Enter`, 'error');
  };

  const pick = (index: number): void => {
    if (!tenders[index]) return say('No tenders are set up: add them in Utilities > Setup > Tender Setup', 'error');
    amountBuffer.clear();
    store.dispatch({ type: 'pick', index });
  };

  useKeyHandler((key) => {
    const phase = store.get().phase;
    if (matches(key, 'back')) {
      if (phase === 'amount') store.dispatch({ type: 'back' });
      else view.dispatch({ type: 'open', mode: 'sale' });
      return true;
    }
    if (phase === 'amount') return false;
    const typing = key.name === 'char' && !key.ctrl && !key.alt && key.ch !== undefined;
    if (typing && (stray.current !== '' || !matches(key, 'pickTender'))) {
      // Not a command (or part of a scan already going astray, letters included): explained
      // rather than silently dropped, and nothing else changes.
      stray.current = `${stray.current}${key.ch}`.slice(-40);
      refuseStray();
      return true;
    }
    if (stray.current !== '' && matches(key, 'submit')) {
      // The Enter of a scan typed here: refused with its digits, the tender is not taken.
      refuseStray();
      stray.current = '';
      return true;
    }
    stray.current = '';
    if (matches(key, 'moveUp')) store.dispatch({ type: 'move', delta: -1, count: tenders.length });
    else if (matches(key, 'moveDown')) store.dispatch({ type: 'move', delta: 1, count: tenders.length });
    else if (matches(key, 'submit')) pick(store.get().selected);
    else if (matches(key, 'removeTender')) {
      const taken = till.getState().sale?.tenders ?? [];
      const last = taken[taken.length - 1];
      if (!last) say('No tender taken yet: nothing to remove', 'error');
      else {
        try {
          till.removeTender(taken.length - 1);
          say(`Removed ${last.name} ${money(last.amount, fmt)}`);
        } catch (err) {
          say(errorText(err), 'error');
        }
      }
    } else if (matches(key, 'pickTender') && key.ch) {
      const index = tenderForKey(key.ch, hotKeys);
      if (index < 0) say(`No tender on "${key.ch}": press a tender's letter, or Up/Down and Enter`, 'error');
      else pick(index);
    } else return false;
    return true;
  }, { layer: 'screen' });

  useEntryField(amountBuffer, {
    active: tv.phase === 'amount',
    maxLength: 15,
    filter: (ch) => /[0-9.]/.test(ch),
    onSubmit(value) {
      const tender = tenders[store.get().selected];
      if (!tender) return;
      const taken = (done: unknown): void => {
        amountBuffer.clear();
        if (done) return; // the screen shows the slip (the till's listener sees the completed sale)
        store.dispatch({ type: 'back' });
        const left = till.getState().totals;
        say(`Took ${money(till.getState().sale?.tenders.at(-1)?.amount ?? 0, fmt)} on ${tender.name}: ${money(left?.due ?? 0, fmt)} still due`, 'success');
      };
      try {
        const cents = value.trim() === '' ? undefined : parseMoney(value, fmt.decimals);
        if (!tender.useLoyaltyPlus) return taken(till.addTender(tender.code, cents));
        const { lp } = ctx;
        if (!lp) return say(`${tender.name}: ${LP_NOT_PROVIDER}`, 'error');
        // Authorised by the service before it is taken; the amount stays for another try on failure.
        wait.run('Authorising Loyalty Plus…', (signal) => lp.tender(tender.code, cents, { signal }), (o) => {
          if (o.ok) taken(o.value);
          else if (o.cancelled) say(`Cancelled: ${tender.name} not taken (an authorisation already made is reversed)`);
          else say(errorText(o.error), 'error');
        });
      } catch (err) {
        // Nothing changed (short of the engine's rules): the amount stays for correcting.
        say(errorText(err), 'error');
      }
    },
  });

  const totals = state.totals;
  const due = totals?.due ?? 0;
  const taken = state.sale?.tenders ?? [];
  const cashDue = dueOnTender(due, 'cash', step);
  const head = `Total ${money(totals?.total ?? 0, fmt)}   Tendered ${money(totals?.tendered ?? 0, fmt)}   Due ${money(due, fmt)}` +
    (step !== 0 && cashDue !== due ? `   Cash due ${money(cashDue, fmt)}` : '');
  const takenShown = taken.slice(-TAKEN_ROWS);
  // Header, blank, "Tenders taken" block, "Choose" title, entry row.
  const takenRows = taken.length === 0 ? 0 : 1 + takenShown.length + (taken.length > TAKEN_ROWS ? 1 : 0);
  const listRows = Math.max(rows - 2 - takenRows - 1 - 2, 1);
  const { start, items } = visibleWindow(tenders, tv.selected, listRows);
  const selected = tenders[tv.selected];
  const selectedDue = selected ? dueOnTender(due, selected.kind, step) : due;
  const label = `Amount on ${selected?.code ?? ''}:`;
  const hint = `(Enter = ${money(selectedDue, fmt)})`;
  return (
    <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
      <Text bold wrap="truncate">{head}</Text>
      <Text> </Text>
      {taken.length > 0 ? <Text color={theme.colors.muted}>Tenders taken (Del removes the last):</Text> : null}
      {taken.length > TAKEN_ROWS ? <Text wrap="truncate">  ... and {taken.length - TAKEN_ROWS} more</Text> : null}
      {takenShown.map((t, i) => (
        <Text key={`${i}:${t.tenderCode}`} wrap="truncate">  {fit(t.name, 20)} {fit(money(t.amount, fmt), 14, 'right')}</Text>
      ))}
      <Text color={theme.colors.muted}>{tv.phase === 'choose' ? 'Choose a tender (its letter, or Up/Down and Enter):' : 'Tender:'}</Text>
      {items.map((t, i) => {
        const index = start + i;
        const isSel = index === tv.selected;
        const key = hotKeys[index] ?? '';
        return (
          <Text key={t.code} wrap="truncate" inverse={isSel && theme.color}>
            {isSel ? theme.marks.selected : theme.marks.unselected} [{key || ' '}] {fit(t.code, 8)} {fit(t.name, 20)}
            {' '}{fit(`due ${money(dueOnTender(due, t.kind, step), fmt)}`, 18, 'right')}
          </Text>
        );
      })}
      <Box flexGrow={1} />
      <Box height={1} overflow="hidden">
        {tv.phase === 'amount'
          ? (
            <>
              <EntryField buffer={amountBuffer} label={label} width={16} />
              <Text color={theme.colors.muted}> {hint}  Esc: other tender</Text>
            </>
          )
          : <Text color={theme.colors.muted} wrap="truncate">Esc returns to the sale (tenders taken stay on it)</Text>}
      </Box>
    </Box>
  );
}
