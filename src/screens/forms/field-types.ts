// Field definitions shared by the form reducer, the validator and the screens' field tables.

export type FieldKind = 'text' | 'money' | 'rate' | 'number' | 'choice' | 'secret' | 'flag';

export interface FieldChoice {
  value: string;
  label: string;
}

/** Raw text per field key. Flags hold FLAG_ON / FLAG_OFF, choices the chosen choice's value. */
export type FormValues = Record<string, string>;

export interface FieldDef {
  key: string;
  label: string;
  kind: FieldKind;
  choices?: readonly FieldChoice[];
  required?: boolean;
  maxLength?: number;
  /** Minor-unit digits for money fields (default 2). */
  decimals?: number;
  /** Extra rule run after the kind's own checks; returns a message saying what is allowed. */
  validate?: (value: string, all: FormValues) => string | null;
  /** Tab the field sits on; forms without tabs leave it out. */
  tab?: string;
  /** Shown but never focused (e.g. a code once the record exists). */
  readOnly?: boolean;
  /** With readOnly: a line of explanation (its value), shown muted, without label or "(fixed)". */
  note?: boolean;
}

export const FLAG_ON = 'yes';
export const FLAG_OFF = 'no';

