import { describe, expect, it } from 'vitest';
import { createKeyParser, type Key, type KeyName } from '../../../src/screens/keys/parse-keys.js';

type Expect = { name: KeyName; ch?: string; ctrl?: boolean; alt?: boolean; shift?: boolean };

const one = (seq: string): Key[] => createKeyParser().feed(seq, 0);

function shape(k: Key): Expect {
  const e: Expect = { name: k.name };
  if (k.ch !== undefined) e.ch = k.ch;
  if (k.ctrl) e.ctrl = true;
  if (k.alt) e.alt = true;
  if (k.shift) e.shift = true;
  return e;
}

// Every sequence of PITFALLS.md and of the brief, each a row.
const TABLE: [string, string, Expect][] = [
  ['xterm/tmux F1', '\x1bOP', { name: 'f1' }],
  ['xterm/tmux F2', '\x1bOQ', { name: 'f2' }],
  ['xterm/tmux F3', '\x1bOR', { name: 'f3' }],
  ['xterm/tmux F4', '\x1bOS', { name: 'f4' }],
  ['rxvt F1', '\x1b[11~', { name: 'f1' }],
  ['rxvt F2', '\x1b[12~', { name: 'f2' }],
  ['rxvt F3', '\x1b[13~', { name: 'f3' }],
  ['rxvt F4', '\x1b[14~', { name: 'f4' }],
  ['F5', '\x1b[15~', { name: 'f5' }],
  ['F6', '\x1b[17~', { name: 'f6' }],
  ['F7', '\x1b[18~', { name: 'f7' }],
  ['F8', '\x1b[19~', { name: 'f8' }],
  ['F9', '\x1b[20~', { name: 'f9' }],
  ['F10', '\x1b[21~', { name: 'f10' }],
  ['F11', '\x1b[23~', { name: 'f11' }],
  ['F12', '\x1b[24~', { name: 'f12' }],
  ['Linux console F1', '\x1b[[A', { name: 'f1' }],
  ['Linux console F2', '\x1b[[B', { name: 'f2' }],
  ['Linux console F3', '\x1b[[C', { name: 'f3' }],
  ['Linux console F4', '\x1b[[D', { name: 'f4' }],
  ['Linux console F5', '\x1b[[E', { name: 'f5' }],
  ['Shift+F5', '\x1b[15;2~', { name: 'f5', shift: true }],
  ['Alt+F6', '\x1b[17;3~', { name: 'f6', alt: true }],
  ['Shift+Alt+F7', '\x1b[18;4~', { name: 'f7', shift: true, alt: true }],
  ['Ctrl+F8', '\x1b[19;5~', { name: 'f8', ctrl: true }],
  ['Ctrl+Shift+F9', '\x1b[20;6~', { name: 'f9', ctrl: true, shift: true }],
  ['Ctrl+Alt+F10', '\x1b[21;7~', { name: 'f10', ctrl: true, alt: true }],
  ['Ctrl+Alt+Shift+F12', '\x1b[24;8~', { name: 'f12', ctrl: true, alt: true, shift: true }],
  ['Shift+F1 (xterm)', '\x1b[1;2P', { name: 'f1', shift: true }],
  ['Ctrl+F2 (xterm)', '\x1b[1;5Q', { name: 'f2', ctrl: true }],
  ['Alt+F3 (xterm)', '\x1b[1;3R', { name: 'f3', alt: true }],
  ['Shift+F4 (xterm)', '\x1b[1;2S', { name: 'f4', shift: true }],
  ['Shift+F1 (SS3 modifier)', '\x1bO2P', { name: 'f1', shift: true }],
  ['rxvt Shift+F5 ($)', '\x1b[15$', { name: 'f5', shift: true }],
  ['rxvt Ctrl+F5 (^)', '\x1b[15^', { name: 'f5', ctrl: true }],
  ['up CSI', '\x1b[A', { name: 'up' }],
  ['down CSI', '\x1b[B', { name: 'down' }],
  ['right CSI', '\x1b[C', { name: 'right' }],
  ['left CSI', '\x1b[D', { name: 'left' }],
  ['up SS3', '\x1bOA', { name: 'up' }],
  ['down SS3', '\x1bOB', { name: 'down' }],
  ['right SS3', '\x1bOC', { name: 'right' }],
  ['left SS3', '\x1bOD', { name: 'left' }],
  ['Ctrl+Right', '\x1b[1;5C', { name: 'right', ctrl: true }],
  ['Ctrl+Left', '\x1b[1;5D', { name: 'left', ctrl: true }],
  ['Shift+Up', '\x1b[1;2A', { name: 'up', shift: true }],
  ['rxvt Shift+Up', '\x1b[a', { name: 'up', shift: true }],
  ['rxvt Ctrl+Down', '\x1bOb', { name: 'down', ctrl: true }],
  ['Home CSI H', '\x1b[H', { name: 'home' }],
  ['Home 1~', '\x1b[1~', { name: 'home' }],
  ['Home SS3 H', '\x1bOH', { name: 'home' }],
  ['Home rxvt 7~', '\x1b[7~', { name: 'home' }],
  ['End 4~', '\x1b[4~', { name: 'end' }],
  ['End CSI F', '\x1b[F', { name: 'end' }],
  ['End SS3 F', '\x1bOF', { name: 'end' }],
  ['End rxvt 8~', '\x1b[8~', { name: 'end' }],
  ['PgUp', '\x1b[5~', { name: 'pageup' }],
  ['PgDn', '\x1b[6~', { name: 'pagedown' }],
  ['Insert', '\x1b[2~', { name: 'insert' }],
  ['Delete', '\x1b[3~', { name: 'delete' }],
  ['Shift+Delete', '\x1b[3;2~', { name: 'delete', shift: true }],
  ['Enter CR', '\r', { name: 'enter' }],
  ['Enter LF', '\n', { name: 'enter' }],
  ['keypad Enter', '\x1bOM', { name: 'enter' }],
  ['Backspace DEL', '\x7f', { name: 'backspace' }],
  ['Backspace BS', '\b', { name: 'backspace' }],
  ['Tab', '\t', { name: 'tab' }],
  ['Shift+Tab', '\x1b[Z', { name: 'tab', shift: true }],
  ['Alt+x', '\x1bx', { name: 'char', ch: 'x', alt: true }],
  ['Alt+Enter', '\x1b\r', { name: 'enter', alt: true }],
  ['Ctrl+A', '\x01', { name: 'char', ch: 'a', ctrl: true }],
  ['Ctrl+C', '\x03', { name: 'char', ch: 'c', ctrl: true }],
  ['Ctrl+R', '\x12', { name: 'char', ch: 'r', ctrl: true }],
  ['Ctrl+S', '\x13', { name: 'char', ch: 's', ctrl: true }],
  ['Ctrl+X', '\x18', { name: 'char', ch: 'x', ctrl: true }],
  ['Ctrl+Z', '\x1a', { name: 'char', ch: 'z', ctrl: true }],
  ['lower letter', 'a', { name: 'char', ch: 'a' }],
  ['upper letter', 'A', { name: 'char', ch: 'A', shift: true }],
  ['digit', '7', { name: 'char', ch: '7' }],
  ['star', '*', { name: 'char', ch: '*' }],
  ['non-ASCII', 'é', { name: 'char', ch: 'é' }],
  ['astral (one key)', '😀', { name: 'char', ch: '😀' }],
  ['keypad 5 (application mode)', '\x1bOu', { name: 'char', ch: '5' }],
];

describe('createKeyParser: sequence table', () => {
  it.each(TABLE)('%s', (_label, seq, expected) => {
    const keys = one(seq);
    expect(keys.map(shape)).toEqual([expected]);
    expect(keys[0]?.sequence).toBe(seq);
  });

  it('reads every ctrl letter except Tab, Enter and Backspace as char+ctrl', () => {
    for (let code = 1; code <= 26; code++) {
      const [k] = one(String.fromCharCode(code));
      if (code === 8) expect(k?.name).toBe('backspace');
      else if (code === 9) expect(k?.name).toBe('tab');
      else if (code === 10 || code === 13) expect(k?.name).toBe('enter');
      else expect(k).toMatchObject({ name: 'char', ch: String.fromCharCode(code + 96), ctrl: true });
    }
  });
});

describe('createKeyParser: chunks and timing', () => {
  it('splits a scanner burst into one key per character', () => {
    const keys = createKeyParser().feed('6001000000011\r6001000000028\r', 0);
    expect(keys).toHaveLength(28);
    expect(keys.filter((k) => k.name === 'enter')).toHaveLength(2);
    expect(keys.slice(0, 13).map((k) => k.ch).join('')).toBe('6001000000011');
    expect(keys[13]?.name).toBe('enter');
  });

  it('treats CRLF as one Enter, in one chunk or split over two', () => {
    expect(one('12\r\n34\r\n').map((k) => k.name)).toEqual(['char', 'char', 'enter', 'char', 'char', 'enter']);
    const p = createKeyParser();
    expect(p.feed('1\r', 0).map((k) => k.name)).toEqual(['char', 'enter']);
    expect(p.feed('\n', 5)).toEqual([]);
    // A later, separate LF is an Enter of its own.
    expect(p.feed('\n', 500).map((k) => k.name)).toEqual(['enter']);
  });

  it('joins a sequence split across chunks', () => {
    const p = createKeyParser();
    expect(p.feed('\x1b[', 0)).toEqual([]);
    expect(p.pendingSince()).toBe(0);
    expect(p.feed('15~', 30).map(shape)).toEqual([{ name: 'f5' }]);
    expect(p.pendingSince()).toBeNull();
    expect(p.feed('\x1b', 40)).toEqual([]);
    expect(p.feed('[15;', 60)).toEqual([]);
    expect(p.feed('2~x', 80).map(shape)).toEqual([{ name: 'f5', shift: true }, { name: 'char', ch: 'x' }]);
  });

  it('releases a lone Esc only after ~100 ms with nothing following', () => {
    const p = createKeyParser();
    expect(p.feed('\x1b', 1000)).toEqual([]);
    expect(p.flush(1050)).toEqual([]);
    expect(p.flush(1099)).toEqual([]);
    expect(p.flush(1100).map(shape)).toEqual([{ name: 'escape' }]);
    expect(p.pendingSince()).toBeNull();
    expect(p.flush(1300)).toEqual([]);
  });

  it('an arrow split after Esc within the wait is still an arrow, not Esc + text', () => {
    const p = createKeyParser();
    p.feed('\x1b', 0);
    expect(p.flush(60)).toEqual([]);
    expect(p.feed('[A', 90).map(shape)).toEqual([{ name: 'up' }]);
  });

  it('the wait restarts when part of a sequence arrives', () => {
    const p = createKeyParser();
    p.feed('\x1b', 0);
    p.feed('O', 80);
    expect(p.flush(120)).toEqual([]);
    expect(p.flush(180).map(shape)).toEqual([{ name: 'char', ch: 'O', alt: true, shift: true }]);
  });

  it('Esc Esc is two Esc keys; Esc then an F-key is Esc then the F-key', () => {
    const p = createKeyParser();
    const a = p.feed('\x1b\x1b', 0);
    expect(a.map(shape)).toEqual([{ name: 'escape' }]);
    expect(p.flush(100).map(shape)).toEqual([{ name: 'escape' }]);
    expect(one('\x1b\x1b[15~').map(shape)).toEqual([{ name: 'escape' }, { name: 'f5' }]);
  });

  it('an unfinished CSI released by the timeout gives Esc and the text', () => {
    const p = createKeyParser();
    p.feed('\x1b[1', 0);
    expect(p.flush(100).map(shape)).toEqual([{ name: 'escape' }, { name: 'char', ch: '[' }, { name: 'char', ch: '1' }]);
  });

  it('drops unknown sequences whole instead of typing their bytes', () => {
    expect(one('a\x1b[200~b\x1b[99~c').map((k) => k.ch)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a paste intact', () => {
    expect(one('hello world').map((k) => k.ch).join('')).toBe('hello world');
  });

  it('mixes keys and sequences in one chunk in order', () => {
    expect(one('3*\x1bOQ\x1b[3~\r').map((k) => k.name)).toEqual(['char', 'char', 'f2', 'delete', 'enter']);
  });
});
