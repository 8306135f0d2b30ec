// How the hint bar and the F1 help write a binding's keys and label ("Ctrl+X", "F5 / Del", "0-9").
import type { Binding, KeySpec, Scope } from './bindings.js';
import type { KeyName } from './parse-keys.js';

export function labelFor(b: Binding, scope: Scope): string {
  return b.scopeLabels?.[scope] ?? b.label;
}

const NAMES: Partial<Record<KeyName, string>> = {
  up: 'Up', down: 'Down', left: 'Left', right: 'Right', home: 'Home', end: 'End', pageup: 'PgUp',
  pagedown: 'PgDn', insert: 'Ins', delete: 'Del', backspace: 'Backspace', enter: 'Enter', escape: 'Esc', tab: 'Tab',
};

export function keyLabel(spec: KeySpec): string {
  const base = spec.name === 'char'
    ? (spec.ch === ' ' ? 'Space' : spec.ctrl || spec.alt ? (spec.ch ?? '').toUpperCase() : (spec.ch ?? ''))
    : (NAMES[spec.name] ?? spec.name.toUpperCase());
  return `${spec.ctrl ? 'Ctrl+' : ''}${spec.alt ? 'Alt+' : ''}${spec.shift ? 'Shift+' : ''}${base}`;
}

/** Every key of a binding for help ("F5 / Del"), or its keyHint ("0-9"). */
export function keysLabel(b: Binding): string {
  return b.keyHint ?? b.keys.map(keyLabel).join(' / ');
}

/** The key the hint bar shows for a binding: its keyHint, else its first key. */
export function hintKey(b: Binding): string | undefined {
  if (b.keyHint !== undefined) return b.keyHint;
  const first = b.keys[0];
  return first ? keyLabel(first) : undefined;
}
