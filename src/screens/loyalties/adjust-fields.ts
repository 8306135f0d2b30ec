// Update Loyalties Accrued: the fields of the batch (debtor range, Reset or a signed Amount, a
// reason) and the request they make. Amount is a text field checked here because the framework's
// money kind refuses a sign, and an adjustment may take credits away (-12.50).
import { parseMoney } from '../../engine/money.js';
import type { AdjustRequest } from '../../store/index.js';
import { FLAG_OFF, FLAG_ON, type FieldDef, type FormValues } from '../forms/field-types.js';
import { errorText } from './format.js';

export const ADJUST_KEYS = { from: 'from', to: 'to', reset: 'reset', amount: 'amount', reason: 'reason' } as const;

export function signedAmountProblem(value: string, decimals: number): string | null {
  try {
    const cents = parseMoney(value, decimals, { allowNegative: true });
    return cents === 0 ? 'Amount: enter an amount other than 0, e.g. 12.50 or -12.50' : null;
  } catch (e) {
    return `Amount: ${errorText(e)}`;
  }
}

export function adjustFields(decimals: number): FieldDef[] {
  return [
    { key: ADJUST_KEYS.from, label: 'From debtor', kind: 'text', required: true, maxLength: 20 },
    {
      key: ADJUST_KEYS.to, label: 'To debtor', kind: 'text', required: true, maxLength: 20,
      validate: (to, all) => {
        const from = (all[ADJUST_KEYS.from] ?? '').trim();
        return from !== '' && to.trim().toUpperCase() < from.toUpperCase() ? `To debtor: must not come before From debtor (${from})` : null;
      },
    },
    { key: ADJUST_KEYS.reset, label: 'Reset Available to 0', kind: 'flag' },
    {
      key: ADJUST_KEYS.amount, label: 'Amount', kind: 'text', maxLength: 16,
      validate: (value, all) => {
        // With Reset on the amount is worked out per debtor: what is typed here is not used.
        if (all[ADJUST_KEYS.reset] === FLAG_ON) return null;
        if (value.trim() === '') return 'Amount: enter the change to Accrued, e.g. 12.50 or -12.50 (or set Reset)';
        return signedAmountProblem(value, decimals);
      },
    },
    { key: ADJUST_KEYS.reason, label: 'Reason', kind: 'text', required: true, maxLength: 60 },
  ];
}

export function adjustInitial(): FormValues {
  return { [ADJUST_KEYS.reset]: FLAG_OFF };
}

export function adjustRequestOf(values: FormValues, decimals: number): Omit<AdjustRequest, 'pin' | 'operator'> {
  const reset = values[ADJUST_KEYS.reset] === FLAG_ON;
  return {
    from: (values[ADJUST_KEYS.from] ?? '').trim(),
    to: (values[ADJUST_KEYS.to] ?? '').trim(),
    change: reset ? { kind: 'reset' } : { kind: 'amount', amount: parseMoney(values[ADJUST_KEYS.amount] ?? '', decimals, { allowNegative: true }) },
    reason: (values[ADJUST_KEYS.reason] ?? '').trim(),
  };
}

/** The field a refusal of the back office belongs to, when its message starts with the field's name. */
export function fieldOfRefusal(message: string): string | undefined {
  const m = message.toLowerCase();
  if (m.startsWith('from')) return ADJUST_KEYS.from;
  if (m.startsWith('to ') || m.startsWith('to:')) return ADJUST_KEYS.to;
  if (m.startsWith('amount')) return ADJUST_KEYS.amount;
  if (m.startsWith('reason')) return ADJUST_KEYS.reason;
  return undefined;
}
