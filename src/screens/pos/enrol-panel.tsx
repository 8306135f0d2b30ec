// F12 Loyalty Functions: a short menu, and Enrol member (name, cellphone, card). Tab/Enter/Down
// move to the next field, Enter on the last (or F10) enrols; the service's checks come back at
// their fields before anything is sent; the new member is attached to the sale.
import { useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { EnrolProblems } from '../../integrations/loyaltyplus/till/enrolment.js';
import { createEntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useEntryField } from '../input/use-entry-field.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { useContentSize } from '../shell/terminal-size.js';
import { useTheme } from '../theme.js';
import { enquire } from './member-panel.js';
import { errorText, LP_NOT_PROVIDER, type PosContext } from './pos-context.js';
import { createViewStore, useViewStore } from './view-store.js';

export type LoyaltyPhase = 'menu' | 'enrol';

const FIELDS = [
  { key: 'name', label: 'Name', max: 60, filter: undefined },
  { key: 'cellphone', label: 'Cellphone', max: 20, filter: (ch: string) => /[0-9+ -]/.test(ch) },
  { key: 'card', label: 'Card number', max: 23, filter: (ch: string) => /[0-9 -]/.test(ch) },
] as const;
type FieldKey = (typeof FIELDS)[number]['key'];
const LABEL_WIDTH = 13;

const MENU = [
  { key: 'E', label: 'Enrol member', help: 'a new member: name, cellphone and card number' },
  { key: 'B', label: 'Balance enquiry', help: 'the points of a card or account (F8)' },
] as const;

export interface LoyaltyView {
  phase: LoyaltyPhase;
  selected: number;
  focus: number;
  problems: EnrolProblems;
}

export type LoyaltyAction =
  | { type: 'move'; delta: number }
  | { type: 'enrol' }
  | { type: 'menu' }
  | { type: 'focus'; index: number }
  | { type: 'problems'; problems: EnrolProblems };

export function loyaltyReducer(s: LoyaltyView, a: LoyaltyAction): LoyaltyView {
  switch (a.type) {
    case 'move':
      return { ...s, selected: Math.min(Math.max(s.selected + a.delta, 0), MENU.length - 1) };
    case 'enrol':
      return { ...s, phase: 'enrol', focus: 0, problems: {} };
    case 'menu':
      return { ...s, phase: 'menu' };
    case 'focus':
      return { ...s, focus: Math.min(Math.max(a.index, 0), FIELDS.length - 1) };
    case 'problems': {
      // The first field with a problem takes the cursor, so the cashier corrects it first.
      const first = FIELDS.findIndex((f) => a.problems[f.key] !== undefined);
      return { ...s, problems: a.problems, focus: first < 0 ? s.focus : first };
    }
  }
}

/** What EnrolmentInvalid carries, read by shape: its class lives with the till flows, which the screen only reaches by type. */
function problemsOf(err: unknown): EnrolProblems | undefined {
  if (!(err instanceof Error) || err.name !== 'EnrolmentInvalid') return undefined;
  return (err as Error & { problems?: EnrolProblems }).problems;
}

export interface EnrolPanelProps {
  ctx: PosContext;
  onPhase(phase: LoyaltyPhase): void;
}

export function EnrolPanel({ ctx, onPhase }: EnrolPanelProps): ReactNode {
  const { rows, columns } = useContentSize();
  const theme = useTheme();
  const { view, say, lp, wait } = ctx;
  const [s, store] = useViewStore(() => createViewStore(loyaltyReducer, { phase: 'menu' as LoyaltyPhase, selected: 0, focus: 0, problems: {} }), (v) => `${v.phase}:${v.focus}`);
  const [buffers] = useState(() => Object.fromEntries(FIELDS.map((f) => [f.key, createEntryBuffer()])) as Record<FieldKey, ReturnType<typeof createEntryBuffer>>);

  const toSale = (): void => {
    onPhase('menu');
    view.dispatch({ type: 'open', mode: 'sale' });
  };
  const choose = (index: number): void => {
    if (index === 0) {
      store.dispatch({ type: 'enrol' });
      onPhase('enrol');
    } else if (!ctx.till.getState().sale?.member) {
      onPhase('menu');
      view.dispatch({ type: 'open', mode: 'balance' });
    } else {
      toSale();
      enquire(ctx, undefined);
    }
  };

  const submit = (): void => {
    if (!lp) return say(LP_NOT_PROVIDER, 'error');
    const fields = { name: buffers.name.get().value, cellphone: buffers.cellphone.get().value, card: buffers.card.get().value };
    wait.run('Enrolling member…', (signal) => lp.enrol(fields, { signal }), (o) => {
      if (o.ok) {
        toSale();
        say(`Enrolled ${o.value.name}, account ${o.value.account}: attached to the sale`, 'success');
        return;
      }
      const problems = problemsOf(o.error);
      if (problems) {
        store.dispatch({ type: 'problems', problems });
        say('Enrolment not sent: correct the fields marked !', 'error');
      } else if (o.cancelled) say('Cancelled: the same details sent again do not enrol twice');
      else say(errorText(o.error), 'error');
    });
  };

  useKeyHandler((key) => {
    const now = store.get();
    if (matches(key, 'back')) {
      if (now.phase === 'enrol') {
        store.dispatch({ type: 'menu' });
        onPhase('menu');
      } else toSale();
      return true;
    }
    if (now.phase === 'menu') {
      if (matches(key, 'moveUp')) store.dispatch({ type: 'move', delta: -1 });
      else if (matches(key, 'moveDown')) store.dispatch({ type: 'move', delta: 1 });
      else if (matches(key, 'select')) choose(now.selected);
      else if (key.name === 'char' && !key.ctrl && !key.alt && key.ch) {
        const index = MENU.findIndex((m) => m.key === key.ch?.toUpperCase());
        if (index < 0) say(`No function on "${key.ch}": press E or B, or Up/Down and Enter`, 'error');
        else choose(index);
      } else return false;
      return true;
    }
    if (matches(key, 'accept')) submit();
    else if (matches(key, 'prevField')) store.dispatch({ type: 'focus', index: now.focus - 1 });
    else if (matches(key, 'nextField')) store.dispatch({ type: 'focus', index: now.focus + 1 });
    else return false;
    return true;
  }, { layer: 'screen' });

  for (const [i, f] of FIELDS.entries()) {
    // A fixed list, so the hooks are called in the same order on every render.
    useEntryField(buffers[f.key], {
      active: s.phase === 'enrol' && s.focus === i,
      maxLength: f.max,
      ...(f.filter ? { filter: f.filter } : {}),
      onSubmit() {
        if (i === FIELDS.length - 1) submit();
        else store.dispatch({ type: 'focus', index: i + 1 });
      },
    });
  }

  if (s.phase === 'menu') {
    return (
      <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
        <Text bold>Loyalty Plus functions</Text>
        <Text> </Text>
        {MENU.map((m, i) => (
          <Text key={m.key} wrap="truncate" inverse={i === s.selected && theme.color}>
            {i === s.selected ? theme.marks.selected : theme.marks.unselected} [{m.key}] {m.label}: {m.help}
          </Text>
        ))}
        <Box flexGrow={1} />
        <Text color={theme.colors.muted} wrap="truncate">Letter, or Up/Down and Enter; Esc returns to the sale</Text>
      </Box>
    );
  }
  const width = Math.max(Math.min(40, columns - LABEL_WIDTH - 4), 8);
  return (
    <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
      <Text bold>Enrol a Loyalty Plus member</Text>
      <Text> </Text>
      {FIELDS.map((f, i) => {
        const problem = s.problems[f.key];
        return (
          <Box key={f.key} flexDirection="column">
            <Box height={1} overflow="hidden">
              <Text bold>{i === s.focus ? `${theme.marks.selected} ` : '  '}</Text>
              <EntryField buffer={buffers[f.key]} label={f.label} labelWidth={LABEL_WIDTH} width={width} focused={i === s.focus} />
            </Box>
            <Text color={theme.colors.error} wrap="truncate">{problem ? `  ${theme.marks.error} ${problem}` : ' '}</Text>
          </Box>
        );
      })}
      <Box flexGrow={1} />
      <Text color={theme.colors.muted} wrap="truncate">Tab/Enter next field, Enter on the card number (or F10) enrols; Esc back</Text>
    </Box>
  );
}
