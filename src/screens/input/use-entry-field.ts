// Keys of an entry field, applied to its buffer synchronously, one key at a time, so a burst
// `A\rB\rC\r` in one chunk submits "A", "B" and "C" (the buffer is read at each Enter).
import type { Layer } from '../keys/key-dispatcher.js';
import type { Key } from '../keys/parse-keys.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import type { EntryBuffer } from './entry-buffer.js';

export interface EntryFieldOptions {
  /** Only an active field takes keys. Default true. */
  active?: boolean;
  /** Called on Enter with the value at that moment; clear the buffer here to take the next scan. */
  onSubmit(value: string): void;
  onChange?(value: string): void;
  /** Characters refused by the filter are dropped (e.g. digits only). */
  filter?: (ch: string) => boolean;
  maxLength?: number;
  /** 'modal' for a field inside a dialog. Default 'screen'. */
  layer?: Layer;
}

/**
 * Applies one key; returns true when the field used it. Exported so it is tested without Ink.
 * These keys are not commands of the binding table on purpose: they are typing (characters, the
 * cursor, Backspace/Del, Ctrl+U clear), the same in every field of every screen, like a text box's
 * own keys. The field's Enter is documented by the screen's own command (submit, nextField), and a
 * key the field does not use (Del at the end, Up, the F-keys) falls through to the screen's table.
 */
export function applyEntryKey(buffer: EntryBuffer, key: Key, opts: Omit<EntryFieldOptions, 'active' | 'layer'>): boolean {
  const before = buffer.get().value;
  let used = true;
  if (key.name === 'char' && !key.ctrl && !key.alt && key.ch !== undefined) {
    const ch = key.ch;
    // A selected (pre-filled) value is replaced by what is typed, so its length does not count.
    const length = buffer.get().selected ? 0 : [...before].length;
    if ((!opts.filter || opts.filter(ch)) && (opts.maxLength === undefined || length < opts.maxLength)) buffer.insert(ch);
  } else if (key.name === 'char' && key.ctrl && key.ch === 'u') {
    buffer.clear(); // readline's "kill line"
  } else if (key.name === 'enter' && !key.alt) {
    opts.onSubmit(buffer.get().value);
    return true;
  } else if (key.name === 'backspace') {
    buffer.backspace();
  } else if (key.name === 'delete' && !key.shift && buffer.get().cursor < before.length) {
    // Only when there is a character to delete: otherwise Del is the till's Void key.
    buffer.delete();
  } else if (key.name === 'left' && !key.ctrl) {
    buffer.left();
  } else if (key.name === 'right' && !key.ctrl) {
    buffer.right();
  } else if (key.name === 'home') {
    buffer.home();
  } else if (key.name === 'end') {
    buffer.end();
  } else {
    used = false;
  }
  const after = buffer.get().value;
  if (after !== before) opts.onChange?.(after);
  return used;
}

export function useEntryField(buffer: EntryBuffer, opts: EntryFieldOptions): void {
  useKeyHandler((key) => applyEntryKey(buffer, key, opts), { layer: opts.layer ?? 'screen', active: opts.active ?? true });
}
