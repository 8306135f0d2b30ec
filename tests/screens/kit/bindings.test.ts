import { describe, expect, it } from 'vitest';
import { BINDINGS, SCOPES, bindingOf, bindingsFor, commandFor, hintsFor, keyLabel, keysLabel, labelFor, matches, type Binding, type Command, type KeySpec, type Scope } from '../../../src/screens/keys/bindings.js';
import { createKeyParser } from '../../../src/screens/keys/parse-keys.js';
import { F1, F2, F5, F10, SHIFT_F5, ESC, DEL, ctrl } from '../keys.js';

const key = (seq: string) => {
  const p = createKeyParser();
  const k = [...p.feed(seq, 0), ...p.flush(1000)][0];
  if (!k) throw new Error(`no key for ${JSON.stringify(seq)}`);
  return k;
};

const norm = (s: KeySpec): string => `${s.name}|${s.name === 'char' ? (s.ch ?? '').toLowerCase() : ''}|${!!s.ctrl}|${!!s.alt}|${s.name === 'char' ? '' : !!s.shift}`;
const overlap = (a: Binding, b: Binding): boolean => a.scopes.some((s) => b.scopes.includes(s) || s === 'global') || b.scopes.includes('global');

describe('the binding table', () => {
  it('no two commands of overlapping scopes share a key', () => {
    const clashes: string[] = [];
    for (const [i, a] of BINDINGS.entries()) {
      for (const b of BINDINGS.slice(i + 1)) {
        if (!overlap(a, b)) continue;
        for (const ka of a.keys) for (const kb of b.keys) if (norm(ka) === norm(kb)) clashes.push(`${a.command} / ${b.command}: ${keyLabel(ka)}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('no binding repeats a key within itself and every command appears once', () => {
    const commands = BINDINGS.map((b) => b.command);
    expect(new Set(commands).size).toBe(commands.length);
    for (const b of BINDINGS) expect(new Set(b.keys.map(norm)).size).toBe(b.keys.length);
  });

  it('scopes where text is typed have no plain-character bindings (they would eat typing)', () => {
    for (const scope of ['pos', 'tender', 'refund', 'form', 'find'] as Scope[]) {
      for (const b of bindingsFor(scope)) {
        for (const s of b.keys) expect(s.name === 'char' && !s.ctrl && !s.alt, `${b.command} in ${scope}`).toBe(false);
      }
    }
  });

  it('reserves the till keys for later issues, off screen and explaining why', () => {
    const reserved: Command[] = ['attachDebtor', 'loyaltyMember', 'balanceEnquiry', 'loyaltyFunctions'];
    for (const c of reserved) {
      const b = bindingOf(c);
      expect(b.scopes).toContain('pos');
      expect(b.keys.length).toBeGreaterThan(0);
      expect(b.displayOnScreen).toBe(false);
      expect(b.disabledReason).toMatch(/: needs /);
      expect(b.disabledReason!.length).toBeLessThanOrEqual(76);
    }
    for (const c of ['abandonSale', 'reprint', 'tender', 'findItem', 'quantity', 'voidLine', 'discount', 'refund'] as Command[]) {
      expect(bindingOf(c).scopes).toContain('pos');
    }
    for (const c of ['accept', 'test', 'nextTab', 'prevTab', 'nextField', 'prevField'] as Command[]) expect(bindingOf(c).scopes).toContain('form');
    for (const c of ['listAdd', 'listEdit', 'listDelete'] as Command[]) expect(bindingOf(c).scopes).toContain('list');
  });

  it('every scope has F1 help and Esc, and every binding has a label and help text', () => {
    for (const scope of SCOPES) {
      const cmds = bindingsFor(scope).map((b) => b.command);
      expect(cmds).toContain('help');
      expect(cmds).toContain('back');
    }
    for (const b of BINDINGS) {
      expect(b.label.length).toBeGreaterThan(0);
      expect(b.help.length).toBeGreaterThan(0);
      expect(keysLabel(b).length).toBeGreaterThan(0);
    }
  });
});

describe('matching and labels', () => {
  it('matches real key sequences to commands', () => {
    expect(matches(key(F1), 'help')).toBe(true);
    expect(matches(key(ESC), 'back')).toBe(true);
    expect(matches(key(F2), 'tender')).toBe(true);
    expect(matches(key(F5), 'voidLine')).toBe(true);
    expect(matches(key(DEL), 'voidLine')).toBe(true);
    expect(matches(key(SHIFT_F5), 'abandonSale')).toBe(true);
    expect(matches(key(SHIFT_F5), 'voidLine')).toBe(false);
    expect(matches(key(F5), 'abandonSale')).toBe(false);
    expect(matches(key(ctrl('x')), 'abandonSale')).toBe(true);
    expect(matches(key('x'), 'abandonSale')).toBe(false);
    expect(matches(key('q'), 'quit')).toBe(true);
    expect(matches(key('Q'), 'quit')).toBe(true);
    expect(matches(key(F10), 'quit')).toBe(true);
    expect(matches(key(F10), 'accept')).toBe(true);
    expect(matches(key('\x03'), 'exit')).toBe(true);
    expect(matches(key('\x1b[1;5C'), 'nextTab')).toBe(true);
    expect(matches(key('\x1b[C'), 'nextTab')).toBe(false);
  });

  it('commandFor resolves by scope', () => {
    expect(commandFor(key(F10), 'menu')?.command).toBe('quit');
    expect(commandFor(key(F10), 'form')?.command).toBe('accept');
    expect(commandFor(key(F2), 'list')?.command).toBe('listAdd');
    expect(commandFor(key(F2), 'refund')?.command).toBe('refundAll');
    expect(commandFor(key(ESC), 'pos')?.command).toBe('back');
    expect(commandFor(key('x'), 'pos')).toBeUndefined();
  });

  it('keyLabel names keys the way the hint bar shows them', () => {
    expect(keyLabel({ name: 'f2' })).toBe('F2');
    expect(keyLabel({ name: 'f5', shift: true })).toBe('Shift+F5');
    expect(keyLabel({ name: 'escape' })).toBe('Esc');
    expect(keyLabel({ name: 'enter' })).toBe('Enter');
    expect(keyLabel({ name: 'delete' })).toBe('Del');
    expect(keyLabel({ name: 'insert' })).toBe('Ins');
    expect(keyLabel({ name: 'pagedown' })).toBe('PgDn');
    expect(keyLabel({ name: 'char', ch: 's', ctrl: true })).toBe('Ctrl+S');
    expect(keyLabel({ name: 'char', ch: 'q' })).toBe('q');
    expect(keyLabel({ name: 'tab', shift: true })).toBe('Shift+Tab');
    expect(keyLabel({ name: 'right', ctrl: true })).toBe('Ctrl+Right');
  });

  it('hintsFor lists displayed bindings, global first; labels follow the scope', () => {
    const pos = hintsFor('pos').map((b) => b.command);
    expect(pos.slice(0, 2)).toEqual(['help', 'back']);
    expect(pos).toContain('tender');
    expect(pos).not.toContain('attachDebtor');
    expect(pos).not.toContain('accept');
    expect(hintsFor('form').map((b) => b.command)).toEqual(expect.arrayContaining(['accept', 'test', 'nextTab']));
    expect(labelFor(bindingOf('back'), 'form')).toBe('Cancel');
    expect(labelFor(bindingOf('back'), 'menu')).toBe('Back');
  });
});
