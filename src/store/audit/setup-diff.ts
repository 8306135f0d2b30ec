// What a setup change changed, field by field, for the audit trail: old and new values, except
// that a secret (web-service secrets, SFTP passwords, PIN hashes) is only ever "changed".
import type { DocName } from '../documents-types.js';

/** The documents whose changes are setup changes (items, debtors and contracts are master files). */
export const AUDITED_DOCS: ReadonlySet<DocName> = new Set<DocName>(['settings', 'tenders', 'accounts', 'automation', 'operators']);

const SECRET = /secret|password|passphrase|pinhash|privatekey/i;
/** Results a Test press records: not a change anyone made to the setup. */
const NOT_SETUP = /(^|\.)testResults(\.|\[|$)/;
const MAX_VALUE = 60;
/** An import-sized change is summarised rather than listed field by field. */
const MAX_FIELDS = 40;

export interface FieldChange {
  field: string;
  old: string;
  new: string;
}

function keyOf(v: unknown, i: number): string {
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    for (const k of ['code', 'name', 'id']) if (typeof o[k] === 'string' && o[k] !== '') return `[${o[k] as string}]`;
  }
  return `[${i}]`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (at: string, key: string): string => (at === '' ? key : key.startsWith('[') ? `${at}${key}` : `${at}.${key}`);

function shown(v: unknown): string {
  if (v === undefined) return '(none)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

/** A whole record added or removed, on one line: its plain fields, secrets as "set". */
function summary(v: unknown): string {
  if (!isRecord(v)) return shown(v);
  const parts = Object.entries(v).filter(([, x]) => typeof x !== 'object' || x === null)
    .map(([k, x]) => `${k}=${SECRET.test(k) ? (x === '' ? '(none)' : 'set') : shown(x)}`);
  return shown(parts.join(', '));
}

function leaf(field: string, o: unknown, n: unknown, out: FieldChange[]): void {
  if (SECRET.test(field)) out.push({ field, old: o === undefined || o === '' ? '(none)' : 'set', new: n === undefined || n === '' ? '(none)' : 'changed' });
  else out.push({ field, old: isRecord(o) ? summary(o) : shown(o), new: isRecord(n) ? summary(n) : shown(n) });
}

function diff(o: unknown, n: unknown, at: string, out: FieldChange[]): void {
  if (at === 'schemaVersion' || NOT_SETUP.test(at)) return;
  // A section that appears or goes (a service set up for the first time) is listed field by field.
  if ((isRecord(o) || o === undefined) && (isRecord(n) || n === undefined) && (o !== undefined || n !== undefined)) {
    const a = o ?? {};
    const b = n ?? {};
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diff(a[k], b[k], join(at, k), out);
  } else if (Array.isArray(o) && Array.isArray(n)) {
    const before = new Map(o.map((x, i) => [keyOf(x, i), x]));
    const after = new Map(n.map((x, i) => [keyOf(x, i), x]));
    for (const k of new Set([...before.keys(), ...after.keys()])) {
      if (!after.has(k)) out.push({ field: join(at, k), old: summary(before.get(k)), new: '(removed)' });
      else if (!before.has(k)) out.push({ field: join(at, k), old: '(none)', new: `added: ${summary(after.get(k))}` });
      else diff(before.get(k), after.get(k), join(at, k), out);
    }
  } else if (JSON.stringify(o) !== JSON.stringify(n)) {
    leaf(at, o, n, out);
  }
}

/** Field-by-field changes between two versions of a setup document; `schemaVersion` is left out. */
export function setupChanges(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  diff(before, after, '', out);
  return out;
}

/** At most MAX_FIELDS entries; a bigger change is one line saying how many fields changed. */
export function auditableChanges(before: unknown, after: unknown): FieldChange[] | { summary: string } {
  const changes = setupChanges(before, after);
  return changes.length > MAX_FIELDS ? { summary: `${changes.length} fields changed` } : changes;
}
