// Checks a 2xx body against the protocol's table before any of it reaches the till: a wrong type
// here would otherwise become a wrong balance on a slip. Extra fields are dropped, so a newer
// service may add fields without breaking us.
import type { Member } from './types.js';

type FieldType = 'string' | 'int' | 'true';
type Spec = Record<string, FieldType>;
type Out<S extends Spec> = { [K in keyof S]: S[K] extends 'string' ? string : S[K] extends 'int' ? number : boolean };

/** Returns the checked object, or the name of the first field that is wrong. */
export function checkShape<S extends Spec>(body: unknown, spec: S): { ok: true; value: Out<S> } | { ok: false; field: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, field: 'body' };
  const src = body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [field, type] of Object.entries(spec)) {
    const v = src[field];
    const good = type === 'string' ? typeof v === 'string'
      : type === 'int' ? Number.isSafeInteger(v)
        : v === true;
    if (!good) return { ok: false, field };
    out[field] = v;
  }
  return { ok: true, value: out as Out<S> };
}

export const MEMBER = { account: 'string', card: 'string', name: 'string', points: 'int', pointsValue: 'int' } as const satisfies Spec;
export const EARNED = { sale: 'string', points: 'int', balance: 'int' } as const satisfies Spec;
export const AUTHORISED = { authorisation: 'string', amount: 'int', balance: 'int' } as const satisfies Spec;
export const REVERSED = { authorisation: 'string', reversed: 'true', balance: 'int' } as const satisfies Spec;
export const REFUNDED = { refund: 'string', points: 'int', balance: 'int' } as const satisfies Spec;

// Compile-time proof that a checked MEMBER is a Member.
const _member: (x: Out<typeof MEMBER>) => Member = (x) => x;
void _member;
