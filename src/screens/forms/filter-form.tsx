// A filter form (F3 on a paged screen): Accept prepares what the filter asks for (a period read,
// a journal page), a refusal lands at the field its message names, and the screen gets the
// prepared result only once the form has closed as saved.
import { useRef, type ReactNode } from 'react';
import { refusalByLabel } from './field-error.js';
import type { FieldDef, FormValues } from './field-types.js';
import { Form, type SaveResult } from './form.js';

export interface FilterFormProps<T> {
  defs: readonly FieldDef[];
  initial: FormValues;
  breadcrumb: string[];
  /** Field key -> label, for placing a refusal ("From: not a date") at its field. */
  labels: Readonly<Record<string, string>>;
  /** Checks the values and prepares the result; a throw is a refusal. */
  prepare(values: FormValues): T;
  /** After Accept, with the values and what prepare gave. */
  apply(values: FormValues, prepared: T): void;
  /** The form is gone (after apply, or on Cancel). */
  close(): void;
}

export function FilterForm<T>({ defs, initial, breadcrumb, labels, prepare, apply, close }: FilterFormProps<T>): ReactNode {
  const pending = useRef<{ values: FormValues; prepared: T } | null>(null);
  const accept = (values: FormValues): SaveResult => {
    try {
      pending.current = { values, prepared: prepare(values) };
      return { ok: true };
    } catch (e) {
      return refusalByLabel(e, labels);
    }
  };
  return (
    <Form
      defs={defs}
      initial={initial}
      breadcrumb={breadcrumb}
      onAccept={accept}
      onDone={(outcome) => {
        const done = pending.current;
        pending.current = null;
        if (outcome === 'saved' && done !== null) apply(done.values, done.prepared);
        close();
      }}
    />
  );
}
