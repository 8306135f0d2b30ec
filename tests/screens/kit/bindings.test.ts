import { describe, expect, it } from 'vitest';
import { BINDINGS, SCOPES, bindingOf, bindingsFor, commandFor, hintKey, hintsFor, keyIndex, keyLabel, keysLabel, labelFor, matches, type Command, type KeySpec, type Scope } from '../../../src/screens/keys/bindings.js';
import { createKeyParser } from '../../../src/screens/keys/parse-keys.js';
import { F1, F2, F4, F5, F8, F10, SHIFT_F5, SHIFT_F9, ESC, DEL, DOWN, ENTER, LEFT, PGDN, RIGHT, UP, ctrl } from '../keys.js';

const key = (seq: string) => {
  const p = createKeyParser();
  const k = [...p.feed(seq, 0), ...p.flush(1000)][0];
  if (!k) throw new Error(`no key for ${JSON.stringify(seq)}`);
  return k;
};

const norm = (s: KeySpec): string => `${s.name}|${s.name === 'char' ? (s.ch ?? '').toLowerCase() : ''}|${!!s.ctrl}|${!!s.alt}|${s.name === 'char' ? '' : !!s.shift}`;
/**
 * Two commands of one scope that may share keys because they never apply at the same moment,
 * each with the reason. Anything else sharing a key in a scope is a clash.
 */
const EXCLUSIVE: { scope: Scope; commands: [Command, Command]; why: string }[] = [
  { scope: 'form', commands: ['ftpServers', 'receivePayment'], why: 'each is the one action of its own form (FTP Setup, the Debtor file); each form hides the other' },
];
const pairName = (a: Command, b: Command) => [a, b].sort().join(' / ');

/** Every pair of commands sharing a key in a scope, as "scope: a / b: key". */
function clashesIn(scope: Scope): string[] {
  const out: string[] = [];
  const all = bindingsFor(scope);
  for (const [i, a] of all.entries()) {
    for (const b of all.slice(i + 1)) {
      for (const ka of a.keys) for (const kb of b.keys) if (norm(ka) === norm(kb)) out.push(`${scope}: ${pairName(a.command, b.command)}: ${keyLabel(ka)}`);
    }
  }
  return out;
}

describe('the binding table', () => {
  it('no two commands of one scope share a key, in every scope (the slip too)', () => {
    expect(SCOPES).toContain('slip');
    const allowed = new Set(EXCLUSIVE.map((e) => `${e.scope}: ${pairName(...e.commands)}`));
    const clashes = SCOPES.flatMap(clashesIn).filter((c) => !allowed.has(c.slice(0, c.lastIndexOf(':'))));
    expect(clashes).toEqual([]);
  });

  it('the allowed shared keys really are shared, and only in their scope', () => {
    for (const e of EXCLUSIVE) {
      expect(e.why.length).toBeGreaterThan(0);
      const name = `${e.scope}: ${pairName(...e.commands)}`;
      // The entry is needed (the pair shares a key there) ...
      expect(clashesIn(e.scope).some((c) => c.startsWith(`${name}:`)), name).toBe(true);
      // ... and allows nothing in any other scope.
      for (const other of SCOPES.filter((s) => s !== e.scope)) expect(clashesIn(other).filter((c) => c.includes(pairName(...e.commands)))).toEqual([]);
    }
  });

  it('no binding repeats a key within itself and every command appears once', () => {
    const commands = BINDINGS.map((b) => b.command);
    expect(new Set(commands).size).toBe(commands.length);
    for (const b of BINDINGS) expect(new Set(b.keys.map(norm)).size).toBe(b.keys.length);
  });

  it('scopes where text is typed have no plain-character bindings (they would eat typing), but for listed moments without a field', () => {
    // Each applies only while no entry field takes typing; the screen tests prove the field wins.
    const noFieldThen: Partial<Record<Command, string>> = {
      pickTender: 'while choosing a tender: the amount field is closed',
      toggleLine: 'while marking refund lines: the sale-number field is closed',
      qtyUp: 'while marking refund lines',
      qtyDown: 'while marking refund lines',
      qtyDigit: 'while marking refund lines',
      toggle: 'on a choice or flag field only: a text field takes Space as text',
    };
    const found = new Set<string>();
    for (const scope of ['pos', 'tender', 'refund', 'form', 'find'] as Scope[]) {
      for (const b of bindingsFor(scope)) {
        const plain = b.keys.some((s) => s.name === 'char' && !s.ctrl && !s.alt);
        if (plain) found.add(b.command);
        expect(!plain || noFieldThen[b.command] !== undefined, `${b.command} in ${scope}`).toBe(true);
      }
    }
    // The sale and Find screens, where the entry field is always open, have none at all.
    for (const scope of ['pos', 'find'] as Scope[]) {
      for (const b of bindingsFor(scope)) for (const s of b.keys) expect(s.name === 'char' && !s.ctrl && !s.alt, `${b.command} in ${scope}`).toBe(false);
    }
    expect([...found].sort()).toEqual(Object.keys(noFieldThen).sort());
  });

  it('reserves the till keys for later issues, off screen and explaining why', () => {
    const reserved: Command[] = ['loyaltyMember', 'balanceEnquiry', 'loyaltyFunctions'];
    // F11 Attach debtor is built (built-in loyalty): it works, off the hint bar like its neighbours.
    expect(bindingOf('attachDebtor')).toMatchObject({ scopes: ['pos'], displayOnScreen: false });
    expect(bindingOf('attachDebtor').disabledReason).toBeUndefined();
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

describe('keys that were handled locally are in the table', () => {
  it('refund: Space marks, + / - step, 0-9 type the quantity (the key index is the digit)', () => {
    expect(matches(key(' '), 'toggleLine')).toBe(true);
    expect(matches(key('+'), 'qtyUp')).toBe(true);
    expect(matches(key('-'), 'qtyDown')).toBe(true);
    for (const d of '0123456789') expect(keyIndex(key(d), 'qtyDigit')).toBe(Number(d));
    expect(keyIndex(key('x'), 'qtyDigit')).toBe(-1);
    const refund = bindingsFor('refund').map((b) => b.command);
    expect(refund).toEqual(expect.arrayContaining(['toggleLine', 'qtyUp', 'qtyDown', 'qtyDigit', 'pickTender', 'refundAll']));
    expect(keysLabel(bindingOf('qtyDigit'))).toBe('0-9');
    expect(keysLabel(bindingOf('toggleLine'))).toBe('Space');
    expect(keyLabel({ name: 'char', ch: ' ' })).toBe('Space');
  });

  it('tender: a letter picks (which letter is which depends on the tenders); digits never do', () => {
    for (const c of ['c', 'A', 'z']) expect(matches(key(c), 'pickTender'), c).toBe(true);
    // A barcode scanned on the tender screen must not pick a tender (and leave the rest as the amount).
    for (const c of ['0', '1', '6', '9', '.', ' ']) expect(matches(key(c), 'pickTender'), c).toBe(false);
    expect(matches(key(ctrl('c')), 'pickTender')).toBe(false);
    expect(bindingOf('pickTender').scopes).toEqual(['tender', 'refund']);
    expect(hintKey(bindingOf('pickTender'))).toBe('Letter');
    expect(hintsFor('tender').map((b) => b.command)).toContain('pickTender');
  });

  it('the slip has its own scope: next sale, reprint, scroll; not the sale keys', () => {
    const slip = hintsFor('slip').map((b) => b.command);
    expect(slip).toEqual(['help', 'back', 'reprint', 'nextSale', 'scrollSlip']);
    expect(bindingsFor('slip').map((b) => b.command)).not.toContain('tender');
    expect(commandFor(key(ENTER), 'slip')?.command).toBe('nextSale');
    expect(commandFor(key(SHIFT_F9), 'slip')?.command).toBe('reprint');
    expect([UP, DOWN, '\x1b[5~', PGDN].map((s) => keyIndex(key(s), 'scrollSlip'))).toEqual([0, 1, 2, 3]);
    expect(commandFor(key(F2), 'slip')).toBeUndefined();
  });

  it('forms: Space toggles or opens a list, F4 opens it, Left/Right change a choice', () => {
    expect(commandFor(key(' '), 'form')?.command).toBe('toggle');
    expect(commandFor(key(F4), 'form')?.command).toBe('openList');
    expect(keyIndex(key(LEFT), 'cycleChoice')).toBe(0);
    expect(keyIndex(key(RIGHT), 'cycleChoice')).toBe(1);
    expect(keyIndex(key('\x1b[1;5C'), 'cycleChoice')).toBe(-1); // Ctrl+Right is the next tab
    for (const c of ['toggle', 'openList', 'cycleChoice'] as Command[]) expect(bindingOf(c).displayOnScreen).toBe(false);
  });

  it('the new keys read whole in F1 help at 80 columns (keys and text fit their columns)', () => {
    // Help: 76 content columns, 18 for the keys (17 shown), the rest for "Label: help".
    const added: Command[] = ['toggleLine', 'qtyUp', 'qtyDown', 'qtyDigit', 'pickTender', 'nextSale', 'scrollSlip', 'toggle', 'openList', 'cycleChoice'];
    for (const c of added) {
      const b = bindingOf(c);
      expect(keysLabel(b).length, c).toBeLessThanOrEqual(17);
      expect(`${b.label}: ${b.help}`.length, c).toBeLessThanOrEqual(76 - 18);
    }
  });

  it('a screen can hide a command of its scope from hints and help', () => {
    expect(hintsFor('form').map((b) => b.command)).toContain('test');
    expect(hintsFor('form', ['test']).map((b) => b.command)).not.toContain('test');
    expect(bindingsFor('form', ['test']).map((b) => b.command)).not.toContain('test');
    expect(bindingsFor('form', ['test']).length).toBe(bindingsFor('form').length - 1);
    expect(commandFor(key(F8), 'form')?.command).toBe('test');
  });
});
