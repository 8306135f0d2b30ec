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

function flatten(v: unknown, at: string, out: Map<string, unknown>): void {
  if (Array.isArray(v)) {
    if (v.length === 0) out.set(at, '[]');
    v.forEach((x, i) => flatten(x, `${at}${keyOf(x, i)}`, out));
  } else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) flatten(x, at === '' ? k : `${at}.${k}`, out);
  } else {
    out.set(at, v);
  }
}

function shown(v: unknown): string {
  if (v === undefined) return '(none)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

/** Field-by-field changes between two versions of a setup document; `schemaVersion` is left out. */
export function setupChanges(before: unknown, after: unknown): FieldChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const out: FieldChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    if (field === 'schemaVersion' || NOT_SETUP.test(field)) continue;
    const o = a.get(field);
    const n = b.get(field);
    if (o === n) continue;
    if (SECRET.test(field)) out.push({ field, old: o === undefined || o === '' ? '(none)' : 'set', new: n === undefined || n === '' ? '(none)' : 'changed' });
    else out.push({ field, old: shown(o), new: shown(n) });
  }
  return out;
}

/** At most MAX_FIELDS entries; a bigger change is one line saying how many fields changed. */
export function auditableChanges(before: unknown, after: unknown): FieldChange[] | { summary: string } {
  const changes = setupChanges(before, after);
  return changes.length > MAX_FIELDS ? { summary: `${changes.length} fields changed` } : changes;
}
