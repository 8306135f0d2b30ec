// The override dialog's words and field rules, and its keys in the binding table.
import { describe, expect, it } from 'vitest';
import { ACTION_LABEL, GUARDED_ACTIONS } from '../../src/engine/roles.js';
import { bindingsFor, hintsFor, labelFor } from '../../src/screens/keys/bindings.js';
import { codeChar, fieldProblem, overrideTitle, pinChar } from '../../src/screens/operators/guard/override-fields.js';

describe('override dialog', () => {
  it('says what is asked and who may approve it, for every guarded action', () => {
    expect(overrideTitle('void-line')).toBe('Void line needs a supervisor or manager: approver code and PIN');
    expect(overrideTitle('refund')).toBe('Refund needs a supervisor or manager: approver code and PIN');
    expect(overrideTitle('payout')).toBe('Loyalty payout needs a manager: approver code and PIN');
    expect(overrideTitle('setup')).toBe('Setup needs a manager: approver code and PIN');
    for (const a of GUARDED_ACTIONS) expect(overrideTitle(a), a).toMatch(new RegExp(`^${ACTION_LABEL[a]} needs a (supervisor or )?manager: `));
  });

  it('types only code characters and PIN digits, and will not go on from an empty field', () => {
    expect(['A', 'z', '7'].every(codeChar)).toBe(true);
    expect([' ', '-', '*', 'é'].some(codeChar)).toBe(false);
    expect(['0', '9'].every(pinChar)).toBe(true);
    expect(['a', ' ', '.'].some(pinChar)).toBe(false);
    expect(fieldProblem('code', '  ')).toMatch(/operator code/);
    expect(fieldProblem('pin', '')).toMatch(/PIN/);
    expect(fieldProblem('code', 'S1')).toBeNull();
    expect(fieldProblem('pin', '1')).toBeNull();
  });

  it("has its own hint bar: Enter approves, Tab moves, Esc cancels, and no y/n", () => {
    const hints = hintsFor('approve').map((b) => `${b.command}:${labelFor(b, 'approve')}`);
    expect(hints).toEqual(['help:Help', 'back:Cancel', 'approve:Approve', 'approveField:Field']);
    expect(bindingsFor('approve').map((b) => b.command)).not.toContain('yes');
  });
});
