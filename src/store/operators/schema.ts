// zod schema of operators.json (kept apart from schemas.ts so each file stays readable).
import * as z from 'zod/mini';
import { ROLES } from '../../engine/roles.js';
import { IDLE_LOCK_RANGE, OPERATOR_CODE, OPERATOR_CODE_RULE } from './types.js';

const ROLE = `expected a role: ${ROLES.join(', ')}`;
const IDLE = `expected whole minutes from ${IDLE_LOCK_RANGE.min} to ${IDLE_LOCK_RANGE.max} (0 = never lock)`;
const HASH = 'expected the PIN hash (scrypt$salt$hash); the PIN itself is never stored';
const NAME = 'expected a name of 1-40 characters';

const operatorSchema = z.looseObject({
  code: z.string({ error: OPERATOR_CODE_RULE }).check(z.regex(OPERATOR_CODE, { error: OPERATOR_CODE_RULE })),
  name: z.string({ error: NAME }).check(z.minLength(1, { error: NAME }), z.maxLength(40, { error: NAME })),
  role: z.string({ error: ROLE }).check(z.refine((v) => (ROLES as readonly string[]).includes(v), { error: ROLE })),
  pinHash: z.string({ error: HASH }).check(z.regex(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{128}$/, { error: HASH })),
  active: z.boolean({ error: 'expected true or false' }),
});

export const operatorsSchema = z.looseObject({
  schemaVersion: z.int(),
  idleLockMinutes: z.int({ error: IDLE }).check(z.minimum(IDLE_LOCK_RANGE.min, { error: IDLE }), z.maximum(IDLE_LOCK_RANGE.max, { error: IDLE })),
  operators: z.array(operatorSchema).check(z.superRefine((list: { code: string }[], ctx) => {
    const seen = new Set<string>();
    list.forEach((o, i) => {
      if (seen.has(o.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `operator code ${o.code} is used twice` });
      seen.add(o.code);
    });
  })),
});
