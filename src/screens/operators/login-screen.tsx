// The login screen, standing in front of the screen stack while nobody is logged in or the till is
// locked (shell/navigator.tsx). Operator code, then the PIN (masked; the buffer is cleared after
// every try). A refusal shows at the field it is about. When locked, the locked operator's PIN
// goes on, or another operator's code and PIN takes over the till.
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import type { AuthResult } from '../../store/operators/auth.js';
import { useApp } from '../app-context.js';
import { createEntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { applyEntryKey } from '../input/use-entry-field.js';
import { keyIndex, matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { Shell } from '../shell/shell.js';
import { useTheme } from '../theme.js';

type Field = 'code' | 'pin';

interface FieldMessage {
  field: Field;
  text: string;
}

const LABEL_WIDTH = 15;
const FIELD_WIDTH = 10;
const HIDE_BACK = ['back'] as const;

/** Which field a refusal belongs at: a code nobody has (or an inactive one) at the code, the rest at the PIN. */
export function refusalField(r: Extract<AuthResult, { ok: false }>): Field {
  return r.reason === 'unknown' || r.reason === 'inactive' ? 'code' : 'pin';
}

const isCodeChar = (ch: string): boolean => /^[A-Za-z0-9]$/.test(ch);
const isDigit = (ch: string): boolean => /^\d$/.test(ch);

export function LoginScreen(): ReactNode {
  const theme = useTheme();
  const app = useApp();
  const session = app.session;
  const subscribe = useRef((l: () => void) => (session ? session.subscribe(l) : () => undefined)).current;
  const locked = useSyncExternalStore(subscribe, () => session?.locked() ?? false, () => false);
  const lockedBy = locked ? session?.current() ?? null : null;
  const [buffers] = useState(() => ({ code: createEntryBuffer(lockedBy?.code ?? ''), pin: createEntryBuffer() }));
  const focusRef = useRef<Field>(lockedBy ? 'pin' : 'code');
  const [focus, setFocusState] = useState<Field>(focusRef.current);
  const [message, setMessage] = useState<FieldMessage | null>(null);
  const setFocus = (f: Field): void => {
    focusRef.current = f;
    setFocusState(f);
  };
  // The PIN is never kept past this screen.
  useEffect(() => () => buffers.pin.clear(), [buffers]);

  function submit(): void {
    if (!session) return;
    const code = buffers.code.get().value.trim();
    const pin = buffers.pin.get().value;
    buffers.pin.clear();
    if (code === '') {
      setFocus('code');
      setMessage({ field: 'code', text: 'Operator code: type your code first' });
      return;
    }
    const r = session.login(code, pin);
    if (r.ok) return; // the gate lifts; this screen goes away
    const field = refusalField(r);
    setMessage({ field, text: r.message });
    setFocus(field);
    if (field === 'code') buffers.code.setSelected(buffers.code.get().value);
  }

  useKeyHandler((key) => {
    const f = focusRef.current;
    if (matches(key, 'back')) {
      // Esc never leaves: it clears the PIN, then the code (back to the locked operator's code).
      if (buffers.pin.get().value !== '') buffers.pin.clear();
      else buffers.code.set(lockedBy?.code ?? '');
      setMessage(null);
      setFocus(lockedBy && buffers.code.get().value !== '' ? 'pin' : 'code');
      return true;
    }
    if (matches(key, 'loginField')) {
      const backwards = keyIndex(key, 'loginField') === 1 || key.name === 'up';
      setFocus(backwards ? 'code' : f === 'code' ? 'pin' : 'code');
      return true;
    }
    if (matches(key, 'logIn')) {
      if (f === 'code' && buffers.pin.get().value === '') setFocus('pin');
      else submit();
      return true;
    }
    // Codes are capitals: what is typed shows as what is stored.
    const typed = f === 'code' && key.name === 'char' && !key.ctrl && !key.alt && key.ch !== undefined ? { ...key, ch: key.ch.toUpperCase() } : key;
    const used = applyEntryKey(buffers[f], typed, {
      onSubmit: () => undefined,
      filter: f === 'pin' ? isDigit : isCodeChar,
      maxLength: 8,
      onChange: () => setMessage((m) => (m?.field === f ? null : m)),
    });
    return used;
  }, { layer: 'screen' });

  const title = lockedBy ? `Locked: ${lockedBy.code} ${lockedBy.name}` : `Log in to ${app.till ? `till ${app.tillId}` : 'the back office'}`;
  const hint = lockedBy
    ? `${lockedBy.code}'s PIN goes on; another operator's code and PIN takes over the till.`
    : 'Type your operator code and PIN, then Enter.';
  const at = (field: Field): ReactNode => (message?.field === field ? (
    <Text color={theme.colors.error}>{`${' '.repeat(LABEL_WIDTH + 1)}${theme.marks.error} ${message.text}`}</Text>
  ) : <Text> </Text>);
  return (
    <Shell breadcrumb={[lockedBy ? 'Locked' : 'Log in']} scope="login" hide={HIDE_BACK}>
      <Box flexDirection="column" paddingTop={1}>
        <Text bold>{title}</Text>
        <Text color={theme.colors.muted}>{hint}</Text>
        <Text> </Text>
        <EntryField buffer={buffers.code} label="Operator code" labelWidth={LABEL_WIDTH} width={FIELD_WIDTH} focused={focus === 'code'} />
        {at('code')}
        <EntryField buffer={buffers.pin} label="PIN" labelWidth={LABEL_WIDTH} width={FIELD_WIDTH} mask focused={focus === 'pin'} />
        {at('pin')}
      </Box>
    </Shell>
  );
}
