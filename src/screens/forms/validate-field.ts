// One field's checks, in order: required, length, the kind's own format, then the form's rule.
// Every message names the field and says what is allowed, because it is shown on its own in the
// status line of an 80-column screen.
import { isEngineError } from '../../engine/errors.js';
import { parseMoney } from '../../engine/money.js';
import { parseRate } from '../../engine/rate.js';
import type { FieldDef, FormValues } from './field-types.js';
import { FLAG_OFF, FLAG_ON } from './field-types.js';

function engineMessage(label: string, run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (e) {
    if (isEngineError(e)) return `${label}: ${e.message}`;
    throw e;
  }
}

/** A whole number, optionally signed; no decimals, exponents or spaces inside. */
export function parseWholeNumber(text: string): number | null {
  const t = text.trim();
  if (!/^-?\d{1,15}$/.test(t)) return null;
  return Number(t);
}

function kindMessage(def: FieldDef, value: string): string | null {
  switch (def.kind) {
    case 'money':
      return engineMessage(def.label, () => parseMoney(value, def.decimals ?? 2));
    case 'rate':
      return engineMessage(def.label, () => parseRate(value));
    case 'number':
      return parseWholeNumber(value) === null ? `${def.label}: enter a whole number, e.g. 3` : null;
    case 'choice': {
      const choices = def.choices ?? [];
      if (choices.some((c) => c.value === value)) return null;
      if (choices.length === 0) return `${def.label}: there is nothing to choose from yet`;
      const listed = choices.map((c) => c.label).join(', ');
      // A long list (ledger accounts) would not fit the one status line: point at the list.
      return listed.length <= 48 ? `${def.label}: choose one of ${listed}` : `${def.label}: choose one from the list (Space opens it)`;
    }
    case 'flag':
      return value === FLAG_ON || value === FLAG_OFF ? null : `${def.label}: Yes or No`;
    default:
      return null;
  }
}

/** Null when the raw text is acceptable for this field, else a message saying what is allowed. */
export function validateField(def: FieldDef, value: string, all: FormValues): string | null {
  const blank = value.trim() === '';
  if (blank && def.kind !== 'choice' && def.kind !== 'flag') {
    if (def.required === true) return `${def.label} is required`;
    // An optional field left empty has nothing to check, except the form's own rule.
    return def.validate?.(value, all) ?? null;
  }
  if (def.maxLength !== undefined && value.length > def.maxLength) {
    return `${def.label}: at most ${def.maxLength} characters (got ${value.length})`;
  }
  return kindMessage(def, value) ?? def.validate?.(value, all) ?? null;
}
