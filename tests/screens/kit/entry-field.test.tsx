import { useState, type ReactNode } from 'react';
import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { createEntryBuffer, type EntryBuffer } from '../../../src/screens/input/entry-buffer.js';
import { EntryField } from '../../../src/screens/input/entry-field.js';
import { applyEntryKey, useEntryField } from '../../../src/screens/input/use-entry-field.js';
import { createKeyParser } from '../../../src/screens/keys/parse-keys.js';
import { BACKSPACE, DEL, END, ENTER, HOME, LEFT, RIGHT, ctrl } from '../keys.js';
import { render, type Rendered } from '../render.js';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

function Scanner({ buffer, got, mask, filter, maxLength }: { buffer: EntryBuffer; got: string[]; mask?: boolean; filter?: (c: string) => boolean; maxLength?: number }): ReactNode {
  const [count, setCount] = useState(0);
  useEntryField(buffer, {
    onSubmit(value) {
      got.push(value);
      buffer.clear();
      setCount((c) => c + 1);
    },
    ...(filter ? { filter } : {}),
    ...(maxLength !== undefined ? { maxLength } : {}),
  });
  return (
    <>
      <EntryField buffer={buffer} label="Code" width={20} mask={mask ?? false} />
      <Text>submitted {count}</Text>
    </>
  );
}

describe('entry buffer', () => {
  it('edits at the cursor and notifies subscribers with a new snapshot', () => {
    const b = createEntryBuffer('abc');
    const seen: string[] = [];
    b.subscribe(() => seen.push(`${b.get().value}|${b.get().cursor}`));
    const first = b.get();
    expect(b.get()).toBe(first); // stable snapshot for useSyncExternalStore
    b.left();
    b.insert('X');
    b.home();
    b.delete();
    b.end();
    b.backspace();
    b.right(); // at the end: no change, no notification
    expect(seen).toEqual(['abc|2', 'abXc|3', 'abXc|0', 'bXc|0', 'bXc|3', 'bX|2']);
    b.set('hello');
    expect(b.get()).toEqual({ value: 'hello', cursor: 5, selected: false });
    b.clear();
    expect(b.get()).toEqual({ value: '', cursor: 0, selected: false });
  });

  it('keeps astral characters whole', () => {
    const b = createEntryBuffer('a😀');
    b.backspace();
    expect(b.get().value).toBe('a');
    b.insert('😀b');
    b.home();
    b.right();
    b.delete();
    expect(b.get().value).toBe('ab');
  });
});

describe('applyEntryKey (no Ink)', () => {
  const keys = (s: string) => createKeyParser().feed(s, 0);
  it('applies a burst key by key and submits the value at each Enter', () => {
    const b = createEntryBuffer();
    const got: string[] = [];
    for (const k of keys('A\rB\rC\r')) applyEntryKey(b, k, { onSubmit: (v) => { got.push(v); b.clear(); } });
    expect(got).toEqual(['A', 'B', 'C']);
  });

  it('filters, limits length, edits, and leaves Del to the till when nothing is under the cursor', () => {
    const b = createEntryBuffer();
    const changes: string[] = [];
    const opts = { onSubmit: () => {}, onChange: (v: string) => changes.push(v), filter: (c: string) => /\d/.test(c), maxLength: 4 };
    for (const k of keys('1a2b345')) applyEntryKey(b, k, opts);
    expect(b.get().value).toBe('1234');
    const [del] = keys(DEL);
    expect(applyEntryKey(b, del!, opts)).toBe(false); // cursor at the end: Del is Void's
    for (const k of keys(`${HOME}${DEL}${END}${LEFT}${BACKSPACE}${RIGHT}`)) applyEntryKey(b, k, opts);
    expect(b.get().value).toBe('24');
    expect(applyEntryKey(b, keys(ctrl('u'))[0]!, opts)).toBe(true);
    expect(b.get().value).toBe('');
    expect(changes).toEqual(['1', '12', '123', '1234', '234', '24', '']);
    expect(applyEntryKey(b, keys('\x1bOQ')[0]!, opts)).toBe(false); // F2 is not the field's
  });
});

describe('<EntryField> with the key layer', () => {
  it('three scans sent in one write submit exactly three values', async () => {
    const got: string[] = [];
    const buffer = createEntryBuffer();
    view = await render(<Scanner buffer={buffer} got={got} />);
    await view.write(`6001000000011${ENTER}6001000000028${ENTER}6001000000035${ENTER}`);
    await view.waitFor('submitted 3');
    expect(got).toEqual(['6001000000011', '6001000000028', '6001000000035']);
    expect(buffer.get().value).toBe('');
  });

  it('typed fast, one key per write, also works', async () => {
    const got: string[] = [];
    const buffer = createEntryBuffer();
    view = await render(<Scanner buffer={buffer} got={got} />);
    for (const ch of `123${ENTER}456${ENTER}`) view.write(ch);
    await view.waitFor('submitted 2');
    expect(got).toEqual(['123', '456']);
  });

  it('a paste of "hello world" inserts all of it', async () => {
    const got: string[] = [];
    const buffer = createEntryBuffer();
    view = await render(<Scanner buffer={buffer} got={got} />);
    await view.write('hello world');
    await view.waitFor('Code hello world');
    expect(buffer.get().value).toBe('hello world');
  });

  it('a mask hides the text in the frame', async () => {
    const got: string[] = [];
    const buffer = createEntryBuffer();
    view = await render(<Scanner buffer={buffer} got={got} mask />);
    await view.write('s3cret');
    await view.waitFor('Code ******');
    expect(view.frames.join('')).not.toContain('s3cret');
    await view.write(ENTER);
    await view.waitFor('submitted 1');
    expect(got).toEqual(['s3cret']);
  });

  it('scrolls a long value to keep the cursor in the field width', async () => {
    const buffer = createEntryBuffer();
    view = await render(<Scanner buffer={buffer} got={[]} />);
    await view.write('abcdefghijklmnopqrstuvwxyz');
    const f = await view.waitFor('hijklmnopqrstuvwxyz');
    expect(f).not.toContain('abcdefg');
    await view.write(HOME);
    await view.waitFor('Code abcdefghijklmnopqrst');
  });
});
