// Refusals that belong to one field of a form, so Accept can show them there.
import { StoreError } from '../../store/errors.js';
import { errorText, type SaveResult } from './form.js';

export class FieldError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * A refusal as the form shows it: at its field when it is a FieldError, or a StoreError whose
 * document path (`loyalty.accrualSchedule`) `paths` maps to a field key.
 */
export function refusalAt(e: unknown, paths: Readonly<Record<string, string>>): SaveResult {
  if (e instanceof FieldError) return { ok: false, message: e.message, field: e.field };
  const field = e instanceof StoreError && e.field !== undefined ? paths[e.field] : undefined;
  return field === undefined ? { ok: false, message: errorText(e) } : { ok: false, message: errorText(e), field };
}

/**
 * A refusal placed at the field whose label starts its message ("From: not a date" goes to the
 * field labelled From): for checks that name the field in words rather than by a path.
 */
export function refusalByLabel(e: unknown, labels: Readonly<Record<string, string>>): SaveResult {
  const message = errorText(e);
  const field = Object.keys(labels).find((k) => message.startsWith(`${labels[k]}:`));
  return field === undefined ? { ok: false, message } : { ok: false, message, field };
}
