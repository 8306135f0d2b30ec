// Utilities > Setup > Operators as form fields: one operator's form, the idle lock's, and the
// list's "locked until" column. Saving goes through saveOperator, whose refusals name their field.
import { ROLES, roleLabel } from '../../engine/roles.js';
import { wallTime } from '../../engine/zoned-time.js';
import { OPERATOR_PIN_RULE, type OperatorInput } from '../../store/operators/operators.js';
import { IDLE_LOCK_RANGE, OPERATOR_CODE, OPERATOR_CODE_RULE, type Operator } from '../../store/operators/types.js';
import type { Role } from '../../engine/roles.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import { FLAG_OFF, FLAG_ON } from '../forms/field-types.js';

export const OPERATORS_BREADCRUMB = ['Utilities', 'Setup', 'Operators'];
export const PIN_LABEL = 'PIN';
export const IDLE_LABEL = 'Idle lock minutes';

/** saveOperator's field names are the form's keys. */
export const OPERATOR_FIELD_PATHS: Readonly<Record<string, string>> = { code: 'code', name: 'name', role: 'role', pin: 'pin', active: 'active' };

export function operatorFields(editing: Operator | null): FieldDef[] {
  return [
    {
      key: 'code', label: 'Code', kind: 'text', required: true,
      // Records and audit lines name the operator by code, so it is fixed once the operator exists.
      readOnly: editing !== null,
      validate: (v) => (OPERATOR_CODE.test(v.trim().toUpperCase()) ? null : OPERATOR_CODE_RULE),
    },
    { key: 'name', label: 'Name', kind: 'text', required: true, maxLength: 40 },
    { key: 'role', label: 'Role', kind: 'choice', choices: ROLES.map((r) => ({ value: r, label: roleLabel(r) })) },
    {
      key: 'pin', label: PIN_LABEL, kind: 'secret',
      validate: (v) => {
        if (v === '') return editing === null ? `${OPERATOR_PIN_RULE}, required for a new operator` : null;
        return /^\d{4,8}$/.test(v) ? null : OPERATOR_PIN_RULE;
      },
    },
    { key: 'active', label: 'Active', kind: 'flag' },
  ];
}

export function operatorValues(editing: Operator | null): FormValues {
  if (editing === null) return { code: '', name: '', role: 'cashier', pin: '', active: FLAG_ON };
  // The PIN field starts blank: blank keeps the current PIN (only its hash exists anyway).
  return { code: editing.code, name: editing.name, role: editing.role, pin: '', active: editing.active ? FLAG_ON : FLAG_OFF };
}

export function operatorInput(v: FormValues): OperatorInput {
  const pin = v.pin ?? '';
  return {
    code: (v.code ?? '').trim().toUpperCase(),
    name: (v.name ?? '').trim(),
    role: (v.role ?? 'cashier') as Role,
    active: v.active === FLAG_ON,
    ...(pin === '' ? {} : { pin }),
  };
}

export function idleFields(): FieldDef[] {
  const { min, max } = IDLE_LOCK_RANGE;
  return [{
    key: 'minutes', label: IDLE_LABEL, kind: 'number', required: true,
    validate: (v) => {
      const n = Number(v.trim());
      return Number.isInteger(n) && n >= min && n <= max ? null : `${IDLE_LABEL}: a whole number from ${min} to ${max} (0 = never lock)`;
    },
  }];
}

/** "locked until 10:15" in the store's time zone, or '' when the operator may log in. */
export function lockText(until: Date | null, timeZone: string): string {
  if (until === null) return '';
  let t;
  try {
    t = wallTime(until.getTime(), timeZone);
  } catch {
    t = wallTime(until.getTime(), 'UTC');
  }
  return `locked until ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}
