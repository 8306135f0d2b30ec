// Our own key parser: Ink's useInput cannot tell F1-F12 apart, releases a lone Esc on the next tick
// (an arrow split over a slow SSH link then reads as Esc + text) and hands a scanner burst over as
// one string. This parser is pure (the caller passes the clock) so every table entry is testable.

export type KeyName =
  | 'f1' | 'f2' | 'f3' | 'f4' | 'f5' | 'f6' | 'f7' | 'f8' | 'f9' | 'f10' | 'f11' | 'f12'
  | 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'pageup' | 'pagedown'
  | 'insert' | 'delete' | 'backspace' | 'enter' | 'escape' | 'tab' | 'char';

export interface Key {
  name: KeyName;
  /** The character for name 'char' (a ctrl letter is given in lower case, e.g. Ctrl+S = 's'). */
  ch?: string;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  /** The raw text this key came from. */
  sequence: string;
}

export interface KeyParser {
  feed(chunk: string, now: number): Key[];
  /** Releases a pending lone Esc (or an unfinished sequence) once escTimeoutMs have passed. */
  flush(now: number): Key[];
  /** When the last chunk of a pending (possibly incomplete) escape sequence came, or null. */
  pendingSince(): number | null;
}

export interface KeyParserOptions {
  /** How long a lone Esc waits for the rest of a sequence. */
  escTimeoutMs?: number;
}

export const ESC_TIMEOUT_MS = 100;
const ESC = '\x1b';

const TILDE_KEYS: Record<number, KeyName> = {
  1: 'home', 2: 'insert', 3: 'delete', 4: 'end', 5: 'pageup', 6: 'pagedown', 7: 'home', 8: 'end',
  11: 'f1', 12: 'f2', 13: 'f3', 14: 'f4', 15: 'f5',
  17: 'f6', 18: 'f7', 19: 'f8', 20: 'f9', 21: 'f10', 23: 'f11', 24: 'f12',
};

/** Final letters shared by CSI (`ESC [1;2P`) and SS3 (`ESC OP`). */
const LETTER_KEYS: Record<string, KeyName> = {
  A: 'up', B: 'down', C: 'right', D: 'left', F: 'end', H: 'home', P: 'f1', Q: 'f2', R: 'f3', S: 'f4',
};

const LINUX_CONSOLE_F: Record<string, KeyName> = { A: 'f1', B: 'f2', C: 'f3', D: 'f4', E: 'f5' };

/** rxvt sends shifted arrows as `ESC [a..d` and ctrl arrows as `ESC Oa..d`. */
const RXVT_ARROWS: Record<string, KeyName> = { a: 'up', b: 'down', c: 'right', d: 'left' };

/** Numeric keypad in application mode (`ESC O p` = 0 ...): the characters it stands for. */
const KEYPAD_CHARS: Record<string, string> = {
  j: '*', k: '+', l: ',', m: '-', n: '.', o: '/',
  p: '0', q: '1', r: '2', s: '3', t: '4', u: '5', v: '6', w: '7', x: '8', y: '9',
};

function key(name: KeyName, sequence: string, mods: Partial<Pick<Key, 'ctrl' | 'alt' | 'shift'>> = {}, ch?: string): Key {
  const k: Key = { name, ctrl: mods.ctrl ?? false, alt: mods.alt ?? false, shift: mods.shift ?? false, sequence };
  if (ch !== undefined) k.ch = ch;
  return k;
}

/** xterm modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4 | meta 8); meta is read as alt. */
function modifiers(param: string | undefined): { ctrl: boolean; alt: boolean; shift: boolean } {
  const m = Math.max(0, (Number.parseInt(param ?? '1', 10) || 1) - 1);
  return { shift: (m & 1) !== 0, alt: (m & 2) !== 0 || (m & 8) !== 0, ctrl: (m & 4) !== 0 };
}

/** One character that is not Esc. */
function singleKey(ch: string): Key {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === '\r' || ch === '\n') return key('enter', ch);
  if (ch === '\t') return key('tab', ch);
  if (ch === '\x7f' || ch === '\b') return key('backspace', ch);
  if (code === 0) return key('char', ch, { ctrl: true }, ' ');
  if (code >= 1 && code <= 26) return key('char', ch, { ctrl: true }, String.fromCharCode(code + 96));
  if (code >= 28 && code <= 31) return key('char', ch, { ctrl: true }, '\\]^_'[code - 28]);
  return key('char', ch, { shift: ch !== ch.toLowerCase() }, ch);
}

function decodeCsi(params: string, final: string, sequence: string): Key | null {
  const parts = params.split(';');
  if (final === '~' || final === '$' || final === '^' || final === '@') {
    const name = TILDE_KEYS[Number.parseInt(parts[0] ?? '', 10)];
    if (!name) return null;
    const mods = modifiers(parts[1]);
    // rxvt marks modifiers with the final byte instead of a parameter.
    if (final === '$' || final === '@') mods.shift = true;
    if (final === '^' || final === '@') mods.ctrl = true;
    return key(name, sequence, mods);
  }
  if (final === 'Z') return key('tab', sequence, { shift: true });
  const rxvt = RXVT_ARROWS[final];
  if (rxvt && params === '') return key(rxvt, sequence, { shift: true });
  const name = LETTER_KEYS[final];
  if (!name) return null;
  return key(name, sequence, modifiers(parts[1]));
}

function decodeSs3(params: string, final: string, sequence: string): Key | null {
  // Some terminals put the modifier in SS3 as `ESC O2P` or `ESC O1;2P`.
  const parts = params.split(';');
  const mods = modifiers(parts.length > 1 ? parts[1] : parts[0] || undefined);
  const name = LETTER_KEYS[final];
  if (name) return key(name, sequence, mods);
  const rxvt = RXVT_ARROWS[final];
  if (rxvt) return key(rxvt, sequence, { ctrl: true });
  if (final === 'M') return key('enter', sequence);
  const ch = KEYPAD_CHARS[final];
  if (ch) return key('char', sequence, {}, ch);
  return null;
}

const isParam = (c: number): boolean => c >= 0x30 && c <= 0x3f;
const isIntermediate = (c: number): boolean => c >= 0x20 && c <= 0x2f;
const isFinal = (c: number): boolean => c >= 0x40 && c <= 0x7e;

type Step =
  | { kind: 'key'; key: Key | null; next: number }
  | { kind: 'pending' };

/** Reads one key starting at s[i] (s[i] is Esc). Returns 'pending' when more input may follow. */
function readEscape(s: string, i: number): Step {
  if (i + 1 >= s.length) return { kind: 'pending' };
  const n = s[i + 1] as string;
  if (n === '[') {
    if (s[i + 2] === '[') {
      // Linux console F1-F5: ESC [ [ A..E
      if (i + 3 >= s.length) return { kind: 'pending' };
      const f = LINUX_CONSOLE_F[s[i + 3] as string];
      return { kind: 'key', key: f ? key(f, s.slice(i, i + 4)) : null, next: i + 4 };
    }
    let j = i + 2;
    while (j < s.length && isParam(s.charCodeAt(j))) j++;
    while (j < s.length && isIntermediate(s.charCodeAt(j))) j++;
    if (j >= s.length) return { kind: 'pending' };
    // Not a sequence after all (e.g. Esc then a control character): Esc is a key of its own.
    if (!isFinal(s.charCodeAt(j))) return { kind: 'key', key: key('escape', ESC), next: i + 1 };
    const seq = s.slice(i, j + 1);
    return { kind: 'key', key: decodeCsi(s.slice(i + 2, j), s[j] as string, seq), next: j + 1 };
  }
  if (n === 'O') {
    let j = i + 2;
    while (j < s.length && /[0-9;]/.test(s[j] as string)) j++;
    if (j >= s.length) return { kind: 'pending' };
    const seq = s.slice(i, j + 1);
    return { kind: 'key', key: decodeSs3(s.slice(i + 2, j), s[j] as string, seq), next: j + 1 };
  }
  // Esc Esc: the first is a key of its own; the second starts afresh.
  if (n === ESC) return { kind: 'key', key: key('escape', ESC), next: i + 1 };
  // Esc + a character is how terminals send Alt+character.
  const ch = String.fromCodePoint(s.codePointAt(i + 1) ?? 0);
  const k = singleKey(ch);
  return { kind: 'key', key: { ...k, alt: true, sequence: ESC + ch }, next: i + 1 + ch.length };
}

/** rxvt's shift form `ESC [2$` ends with an intermediate byte, so it needs a look of its own. */
function readRxvtDollar(s: string, i: number): Step | null {
  const m = /^\x1b\[(\d+)\$/.exec(s.slice(i, i + 6));
  if (!m) return null;
  const seq = m[0];
  return { kind: 'key', key: decodeCsi(m[1] as string, '$', seq), next: i + seq.length };
}

export function createKeyParser(options: KeyParserOptions = {}): KeyParser {
  const escTimeoutMs = options.escTimeoutMs ?? ESC_TIMEOUT_MS;
  let pending = '';
  let pendingAt: number | null = null;
  // A CRLF line ending must give one Enter, even when the LF arrives in the next chunk.
  let lastCrAt: number | null = null;

  function parse(s: string, now: number, final: boolean): Key[] {
    const out: Key[] = [];
    let i = 0;
    while (i < s.length) {
      const c = s[i] as string;
      if (c === '\n' && lastCrAt !== null && now - lastCrAt <= escTimeoutMs) {
        lastCrAt = null;
        i++;
        continue;
      }
      let step: Step;
      if (c === ESC) {
        step = readRxvtDollar(s, i) ?? readEscape(s, i);
        if (step.kind === 'pending') {
          if (!final) {
            // The wait restarts with every chunk: Esc is released only when nothing followed it.
            pending = s.slice(i);
            pendingAt = now;
            return out;
          }
          step = flushStep(s, i);
        }
      } else {
        const ch = String.fromCodePoint(s.codePointAt(i) ?? 0);
        step = { kind: 'key', key: singleKey(ch), next: i + ch.length };
      }
      if (step.kind === 'key') {
        if (step.key) {
          out.push(step.key);
          lastCrAt = step.key.sequence === '\r' ? now : null;
        }
        i = step.next;
      }
    }
    pending = '';
    pendingAt = null;
    return out;
  }

  /** What an unfinished sequence means once nothing more came: Esc alone, or Alt+character. */
  function flushStep(s: string, i: number): Step {
    const rest = s.slice(i + 1);
    if (rest.length === 1) {
      const k = singleKey(rest);
      return { kind: 'key', key: { ...k, alt: true, sequence: ESC + rest }, next: s.length };
    }
    return { kind: 'key', key: key('escape', ESC), next: i + 1 };
  }

  return {
    feed(chunk, now) {
      return parse(pending + chunk, now, false);
    },
    flush(now) {
      if (pendingAt === null || now - pendingAt < escTimeoutMs) return [];
      return parse(pending, now, true);
    },
    pendingSince() {
      return pendingAt;
    },
  };
}
