// A form on the kit's Shell: tabs, labelled fields, Accept (F10) saves through the caller and
// leaves, Esc cancels (asking first when there are edits), F8 runs the form's Test when it has one.
// State lives in a form store read synchronously by the one key handler (see form-store.ts).
import { useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useConfirm, type ConfirmRequest } from '../app-context.js';
import { BINDINGS, matches, type Command } from '../keys/bindings.js';
import { useKeyHandler, useKeys } from '../keys/dispatcher.js';
import { createEntryBuffer, type EntryBuffer } from '../input/entry-buffer.js';
import { Shell } from '../shell/shell.js';
import { useContentSize } from '../shell/terminal-size.js';
import type { FieldDef, FormValues } from './field-types.js';
import { formKeyIntent } from './form-keys.js';
import { FormRows } from './form-rows.js';
import { type FormState } from './form-state.js';
import { createFormStore } from './form-store.js';
import { applyEditIntent } from './edit-intent.js';

export type SaveResult = { ok: true } | { ok: false; message: string; field?: string };

/** What a form command may do to the form it was pressed on. */
export interface FormHandle {
  values: FormValues;
  /** New figures for the read-only fields (a balance after a payment). */
  show(values: FormValues): void;
  status(message: string, kind?: 'info' | 'error'): void;
}

/** A key of one form beyond Accept, Cancel and Test (the Debtor file's F2 Receive Payment). */
export interface FormCommand {
  command: Command;
  /** Why the key does nothing just now (shown in the status line), or null when it works. */
  unavailable?(state: FormState): string | null;
  run(form: FormHandle): void;
}

export interface FormProps {
  defs: readonly FieldDef[];
  initial: FormValues;
  /** Path below the Main Menu, e.g. ['Utilities', 'Setup', 'Company Details']. */
  breadcrumb: string[];
  /** Saves the validated raw values. A thrown error is shown like a refusal; nothing is left half. */
  onAccept(values: FormValues): Promise<SaveResult> | SaveResult;
  /** The form is finished: saved (after onAccept said ok) or cancelled. */
  onDone(outcome: 'saved' | 'cancelled', values: FormValues): void;
  /** The Test button (F8) for forms that have one; resolves with the line to show. */
  onTest?(values: FormValues): Promise<string> | string;
  /** Columns for labels; by default the longest label. */
  labelWidth?: number;
  /** Keys of this form only; the hint bar and help offer them here and nowhere else. */
  commands?: readonly FormCommand[];
  /** A question asked before onAccept (money moves: "Receive R100.00?"); null asks nothing. */
  confirmAccept?(values: FormValues): ConfirmRequest | null;
}

const TEXT_KINDS = new Set(['text', 'money', 'rate', 'number', 'secret']);
/** A form without a Test offers no F8 in its hint bar or help. */
const NO_COMMANDS: readonly FormCommand[] = [];
/** The keys every form handles itself. Any other command of the form scope belongs to some forms
 * (FormCommand) and is left out of the hint bar and help of the others. */
const FORM_OWN: ReadonlySet<Command> = new Set<Command>(['accept', 'test', 'nextField', 'prevField', 'nextTab', 'prevTab', 'toggle', 'openList', 'cycleChoice']);

function hiddenCommands(hasTest: boolean, commands: readonly FormCommand[]): Command[] {
  const offered = new Set(commands.map((c) => c.command));
  const others = BINDINGS.filter((b) => b.scopes.includes('form') && !FORM_OWN.has(b.command) && !offered.has(b.command)).map((b) => b.command);
  // A form without a Test offers no F8 either.
  return hasTest ? others : ['test', ...others];
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function Form({ defs, initial, breadcrumb, onAccept, onDone, onTest, labelWidth, commands = NO_COMMANDS, confirmAccept }: FormProps): ReactNode {
  const { rows, columns } = useContentSize();
  const { runBusy } = useKeys();
  const confirm = useConfirm();
  const [store] = useState(() => createFormStore(defs, initial));
  const [buffers] = useState(() => {
    const map = new Map<string, EntryBuffer>();
    const values = store.getState().values;
    for (const d of defs) if (TEXT_KINDS.has(d.kind) && d.readOnly !== true) map.set(d.key, createEntryBuffer(values[d.key] ?? ''));
    return map;
  });
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  // Callbacks change with the caller's renders; keys and async saves must call the latest.
  const latest = useRef({ onAccept, onDone, onTest, commands, confirmAccept });
  latest.current = { onAccept, onDone, onTest, commands, confirmAccept };

  async function save(values: FormValues): Promise<void> {
    let result: SaveResult;
    try {
      // Busy: keys typed during the write are buffered and replayed, never lost.
      result = await runBusy('Saving', async () => latest.current.onAccept(values));
    } catch (e) {
      result = { ok: false, message: errorText(e) };
    }
    if (result.ok) {
      store.dispatch({ type: 'saved' });
      latest.current.onDone('saved', values);
    } else {
      store.dispatch(result.field === undefined ? { type: 'saveFailed', message: result.message } : { type: 'saveFailed', message: result.message, field: result.field });
    }
  }

  async function test(values: FormValues): Promise<void> {
    const run = latest.current.onTest;
    if (!run) return;
    try {
      const message = await runBusy('Testing', async () => run(values));
      store.dispatch({ type: 'status', message });
    } catch (e) {
      store.dispatch({ type: 'status', message: `Test failed: ${errorText(e)}`, kind: 'error' });
    }
  }

  async function confirmThenSave(values: FormValues, question: ConfirmRequest): Promise<void> {
    if (await confirm(question)) {
      await save(values);
      return;
    }
    store.dispatch({ type: 'saveFailed', message: 'Not done' });
    store.dispatch({ type: 'status', message: 'Not done: nothing was written; change the form or press F10 again' });
  }

  function runCommand(command: FormCommand, s: FormState): void {
    const reason = command.unavailable?.(s) ?? null;
    if (reason !== null) {
      store.dispatch({ type: 'status', message: reason });
      return;
    }
    command.run({
      values: s.values,
      show: (values) => store.dispatch({ type: 'shown', values }),
      status: (message, kind) => store.dispatch({ type: 'status', message, kind: kind ?? 'info' }),
    });
  }

  function askDiscard(): void {
    void confirm({
      title: 'Discard changes? (y/n)',
      message: 'This form has edits that are not saved.',
      yesLabel: 'Discard them',
      noLabel: 'Keep editing',
    }).then((yes) => {
      const after = store.dispatch({ type: 'confirmDiscard', discard: yes });
      if (after.phase === 'cancelled') latest.current.onDone('cancelled', after.values);
    });
  }

  useKeyHandler((key) => {
    const s = store.getState();
    const command = s.phase === 'editing' && s.listIndex === null ? latest.current.commands.find((c) => matches(key, c.command)) : undefined;
    if (command !== undefined) {
      runCommand(command, s);
      return true;
    }
    const intent = formKeyIntent(s, key, latest.current.onTest !== undefined);
    switch (intent.kind) {
      case 'pass':
        return false;
      case 'swallow':
        return true;
      case 'action':
      case 'entry':
        return applyEditIntent(intent, key, s, buffers, (a) => store.dispatch(a));
      case 'accept': {
        const next = store.dispatch({ type: 'accept' });
        const question = next.phase === 'saving' ? (latest.current.confirmAccept?.(next.values) ?? null) : null;
        if (next.phase === 'saving') void (question === null ? save(next.values) : confirmThenSave(next.values, question));
        return true;
      }
      case 'cancel': {
        const next = store.dispatch({ type: 'cancel' });
        if (next.phase === 'cancelled') latest.current.onDone('cancelled', next.values);
        else if (next.phase === 'confirm-discard') askDiscard();
        return true;
      }
      case 'test':
        void test(s.values);
        return true;
    }
  }, { layer: 'screen' });

  const status = state.status === null ? undefined : { text: state.status, kind: state.statusKind };
  return (
    <Shell breadcrumb={breadcrumb} scope="form" hide={hiddenCommands(onTest !== undefined, commands)} status={status}>
      <FormRows state={state} buffers={buffers} rows={rows} columns={columns} {...(labelWidth === undefined ? {} : { labelWidth })} />
    </Shell>
  );
}
