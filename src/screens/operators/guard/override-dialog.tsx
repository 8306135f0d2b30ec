// The override dialog: a supervisor's or manager's code and PIN, typed for a cashier at the
// cashier's till. Drawn in place of the screen (like the confirm dialog) and modal: every key but
// F1 and Ctrl+C stays here, so nothing typed for it reaches the screen underneath. The PIN is
// masked, cleared after each try and never put into a message; refusals (wrong PIN, lockout, a
// role too low) show in the dialog, and the approver may try again or Esc cancels.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { approveOverride } from '../../../store/operators/auth.js';
import type { Store } from '../../../store/store.js';
import { createEntryBuffer } from '../../input/entry-buffer.js';
import { EntryField } from '../../input/entry-field.js';
import { applyEntryKey } from '../../input/use-entry-field.js';
import { hintKey, bindingOf, matches } from '../../keys/bindings.js';
import { useKeyHandler } from '../../keys/dispatcher.js';
import { useTheme } from '../../theme.js';
import type { GuardOutcome, OverrideAsk } from './guard-types.js';
import { CODE_MAX, codeChar, fieldProblem, overrideTitle, PIN_MAX, pinChar, type OverrideField } from './override-fields.js';

export interface OverrideDialogProps {
  ask: OverrideAsk;
  store: Store;
  /** Called once: approved (with the approver) or cancelled. */
  onDone(outcome: GuardOutcome): void;
  /** After the dialog's keys are attached (keys held until then may flow to it). */
  onOpened?(): void;
  /** When the dialog has gone from the screen. */
  onClosed?(): void;
}

const LABEL_WIDTH = 15;
const HINT = `${hintKey(bindingOf('approve'))}: next / approve   ${hintKey(bindingOf('approveField'))}: field   Esc: cancel`;

export function OverrideDialog({ ask, store, onDone, onOpened, onClosed }: OverrideDialogProps): ReactNode {
  const theme = useTheme();
  const [code] = useState(() => createEntryBuffer());
  const [pin] = useState(() => createEntryBuffer());
  const [focus, setFocusState] = useState<OverrideField>('code');
  const focusRef = useRef<OverrideField>('code');
  const [message, setMessage] = useState<string | null>(null);
  // Set by the first answer: a second Enter of a burst (or Esc after it) must not answer again.
  const settled = useRef(false);
  const opened = useRef(onOpened);
  const closed = useRef(onClosed);
  opened.current = onOpened;
  closed.current = onClosed;

  const setFocus = (f: OverrideField): void => {
    focusRef.current = f;
    setFocusState(f);
  };
  const finish = (outcome: GuardOutcome): void => {
    if (settled.current) return;
    settled.current = true;
    onDone(outcome);
  };

  const submit = (): void => {
    let result: ReturnType<typeof approveOverride>;
    try {
      result = approveOverride(store, { action: ask.action, asking: ask.asking, code: code.get().value, pin: pin.get().value, ...(ask.ref ? { ref: ask.ref } : {}) });
    } catch (err) {
      pin.clear();
      setMessage(`The approval could not be checked: ${(err as Error).message}`);
      return;
    }
    pin.clear();
    if (result.ok) return finish({ allowed: true, approvedBy: result.operator.code });
    setMessage(result.message);
    // A wrong PIN is typed again; any other refusal needs another approver.
    if (result.reason === 'wrong-pin') setFocus('pin');
    else {
      code.setSelected(code.get().value);
      setFocus('code');
    }
  };

  useKeyHandler((key) => {
    if (settled.current) return !(matches(key, 'help') || matches(key, 'exit'));
    if (matches(key, 'help') || matches(key, 'exit')) return false;
    if (matches(key, 'back')) {
      pin.clear();
      finish({ allowed: false });
      return true;
    }
    const field = focusRef.current;
    if (matches(key, 'approveField')) {
      setFocus(field === 'code' ? 'pin' : 'code');
      return true;
    }
    if (matches(key, 'approve')) {
      const buffer = field === 'code' ? code : pin;
      const problem = fieldProblem(field, buffer.get().value);
      if (problem) setMessage(problem);
      else if (field === 'code') setFocus('pin');
      else submit();
      return true;
    }
    const typed = field === 'code' && key.name === 'char' && key.ch !== undefined ? { ...key, ch: key.ch.toUpperCase() } : key;
    applyEntryKey(field === 'code' ? code : pin, typed, {
      onSubmit: () => undefined,
      filter: field === 'code' ? codeChar : pinChar,
      maxLength: field === 'code' ? CODE_MAX : PIN_MAX,
    });
    // Everything else is swallowed: the screen underneath hears nothing while this is open.
    return true;
  }, { layer: 'modal' });

  // Declared after the key handler, so its layout effect (the registration) has run by now.
  useLayoutEffect(() => {
    opened.current?.();
    return () => closed.current?.();
  }, []);

  return (
    <Box flexDirection="column" borderStyle={theme.border} borderColor={theme.colors.warning} paddingX={1} alignSelf="center" width={72}>
      <Text bold>Approval needed</Text>
      <Text wrap="wrap">{overrideTitle(ask.action)}</Text>
      <Text wrap="truncate" color={theme.colors.muted}>{`Asked by ${ask.asking}${ask.ref ? `, for ${ask.ref}` : ''}`}</Text>
      <Text> </Text>
      <EntryField buffer={code} label="Approver code:" labelWidth={LABEL_WIDTH} width={CODE_MAX + 1} focused={focus === 'code'} />
      <EntryField buffer={pin} label="PIN:" labelWidth={LABEL_WIDTH} width={PIN_MAX + 1} focused={focus === 'pin'} mask />
      <Text> </Text>
      {message
        ? <Text wrap="wrap" color={theme.colors.error}>{`${theme.marks.error} ${message}`}</Text>
        : <Text wrap="truncate" color={theme.colors.muted}>{HINT}</Text>}
    </Box>
  );
}
