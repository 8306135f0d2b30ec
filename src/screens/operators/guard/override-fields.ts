// The two fields of the override dialog and what their keys may type: an operator code (capitals
// and digits, as OPERATOR_CODE) and a PIN (digits). Plain functions, tested without Ink.
import { ACTION_LABEL, approverText, type GuardedAction } from '../../../engine/roles.js';

export type OverrideField = 'code' | 'pin';

export const CODE_MAX = 8;
export const PIN_MAX = 8;

export const codeChar = (ch: string): boolean => /^[A-Za-z0-9]$/.test(ch);
export const pinChar = (ch: string): boolean => /^[0-9]$/.test(ch);

/** "Void line needs a supervisor or manager: approver code and PIN". */
export function overrideTitle(action: GuardedAction): string {
  return `${ACTION_LABEL[action]} needs ${approverText(action)}: approver code and PIN`;
}

/** Why Enter on a field does not go on yet, or null when it may. */
export function fieldProblem(field: OverrideField, value: string): string | null {
  if (field === 'code') return value.trim() === '' ? "Type the approver's operator code" : null;
  return value === '' ? "Type the approver's PIN (Esc cancels)" : null;
}
