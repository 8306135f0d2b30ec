// zod schemas of the lowdb documents and of the open sale. Messages say what is allowed, and
// every refusal names the file and the field path (`items.json: items[3].price: ...`).
// The schemas only check: the stored object is kept as it is, so fields added by a later
// version of a document survive a round trip through this one.
// zod/mini rather than zod: the same checks at a fifth of the bundle, which the till's start-up
// memory budget needs (measured by npm run bench).
import { loyaltyPlusTenderProblems } from './tender-rules.js';
import * as z from 'zod/mini';
import { validate as isCron } from 'node-cron';
import { LOYALTY_APPLICABLE } from '../engine/loyalty/types.js';
import { instantMs } from '../engine/loyalty/time-zone.js';
import { TENDER_KINDS } from '../engine/types.js';
import { ACCOUNT_TYPES, type DocName } from './documents-types.js';
import { FAILURE_KINDS, LOYALTY_PLUS_TESTS_KEPT, loyaltyPlusUrlProblem, PORT_RANGE, TIMEOUT_RANGE, TLS_VERSIONS } from './loyalty-plus-settings.js';
import { StoreError } from './errors.js';
import { automationSchema, goLiveSchema, uploadsSchema } from './schemas-uploads.js';
import { operatorsSchema } from './operators/schema.js';

const CENTS = 'expected a whole number of cents';
const BP = 'expected basis points: a whole number from 0 to 10000 (15% = 1500)';
const CODE = 'expected a code of 1-32 letters, digits, dots, dashes or underscores';
const BARCODE = 'expected a barcode of 0-32 letters or digits (empty when none)';
const ACCOUNT_CODE = 'expected a ledger account code like 3700.000.000.00';
const BOOL = 'expected true or false';
const CELLPHONE = 'expected a cellphone number: 7-15 digits with an optional leading + (empty when none)';
const EMAIL = 'expected an email address like name@example.co.za (empty when none)';
const INSTANT = 'expected an ISO date-time with an offset, e.g. 2026-03-31T22:00:00Z';

const wholeNumber = (error: string, min?: number, max?: number, rangeError = error) =>
  z.int({ error }).check(
    ...(min === undefined ? [] : [z.minimum(min, { error: rangeError })]),
    ...(max === undefined ? [] : [z.maximum(max, { error: rangeError })]),
  );
const cents = wholeNumber(CENTS);
const centsAtLeast0 = wholeNumber(CENTS, 0, undefined, `${CENTS}, 0 or more`);
const bp = wholeNumber(BP, 0, 10000);
const pattern = (re: RegExp, error: string) => z.string({ error }).check(z.regex(re, { error }));
const code = pattern(/^[A-Za-z0-9._-]{1,32}$/, CODE);
const accountCode = pattern(/^\d{4}\.\d{3}\.\d{3}\.\d{2}$/, ACCOUNT_CODE);
const text = (max: number, required?: string) => {
  const tooLong = `expected text of at most ${max} characters`;
  return z.string({ error: tooLong }).check(z.maxLength(max, { error: tooLong }), ...(required ? [z.minLength(1, { error: required })] : []));
};
const schemaVersion = z.literal(1, { error: 'expected schema version 1' });
const oneOf = (values: readonly string[], error: string) => z.enum(values as [string, ...string[]], { error });

let knownZones: Set<string> | undefined;

/** The canonical list first: building a DateTimeFormat loads ~8 MB of ICU data at start-up. */
function isTimeZone(tz: string): boolean {
  knownZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (knownZones.has(tz) || tz === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

type Issues = { addIssue(issue: { code: 'custom'; path: (string | number)[]; message: string }): void };

/** Adds an issue for every value that appears twice in `values` (codes must be unique). */
function unique(values: string[], ctx: Issues, at: (i: number) => (string | number)[], what: string): void {
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    if (v === '') return;
    const first = seen.get(v);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: at(i), message: `${what} ${v} is already used by entry ${first + 1}` });
    else seen.set(v, i);
  });
}

const bool = z.boolean({ error: BOOL });

/** Inventory > Extra; optional so items.json files from before loyalty stay valid. */
const itemLoyaltySchema = z.looseObject({ loyaltyApplicable: bool, loyaltyRate: z.optional(bp) });

export const itemSchema = z.looseObject({
  code,
  barcode: pattern(/^[A-Za-z0-9]{0,32}$/, BARCODE),
  description: text(200, 'expected a description'),
  price: centsAtLeast0,
  taxRate: bp,
  loyalty: z.optional(itemLoyaltySchema),
});

const isInstant = (v: string): boolean => {
  try {
    instantMs(v);
    return true;
  } catch {
    return false;
  }
};

/** The Debtor Loyalty tab; the same rules as engine/loyalty/validate.ts, on stored (typed) values. */
const debtorLoyaltySchema = z
  .looseObject({
    applicable: oneOf(LOYALTY_APPLICABLE, `expected one of ${LOYALTY_APPLICABLE.join(', ')}`),
    excludeFromContracts: bool,
    tiers: z
      .array(z.looseObject({ target: centsAtLeast0, rate: bp }), { error: 'expected a list of sales targets' })
      .check(z.maxLength(4, { error: 'expected at most 4 sales targets' })),
    switchedOnAt: z.nullable(pattern(/./, INSTANT).check(z.refine(isInstant, { error: INSTANT }))),
  })
  .check(
    z.superRefine((l, ctx) => {
      l.tiers.forEach((t, i) => {
        const before = l.tiers[i - 1];
        if (before !== undefined && t.target <= before.target) {
          ctx.addIssue({ code: 'custom', path: ['tiers', i, 'target'], message: `expected more than the target before it (${before.target} cents): targets ascend strictly` });
        }
      });
      // Sales before the switch-on never earn, so an active debtor without one would be ambiguous.
      if (l.applicable !== 'no' && l.switchedOnAt === null) {
        ctx.addIssue({ code: 'custom', path: ['switchedOnAt'], message: `${INSTANT}: loyalty is on (${l.applicable}), so it needs its switch-on time` });
      }
    }),
  );

export const debtorSchema = z.looseObject({
  code,
  name: text(60, 'expected a name'),
  cellphone: pattern(/^(\+?\d{7,15})?$/, CELLPHONE),
  email: pattern(/^([^\s@]+@[^\s@.]+(\.[^\s@.]+)+)?$/, EMAIL).check(z.maxLength(254, { error: EMAIL })),
  account: z.looseObject({ creditLimit: centsAtLeast0, onHold: bool }),
  loyalty: debtorLoyaltySchema,
});

export const contractSchema = z.looseObject({
  debtor: code,
  item: code,
  price: centsAtLeast0,
  excludeFromRebates: bool,
});

export const tenderSchema = z.looseObject({ code, name: text(40, 'expected a name'),
  kind: oneOf(TENDER_KINDS, `expected one of ${TENDER_KINDS.join(', ')}`), ledgerAccount: accountCode, useLoyaltyPlus: bool });

export const accountSchema = z.looseObject({
  code: accountCode,
  name: text(60, 'expected a name'),
  type: oneOf(ACCOUNT_TYPES, `expected one of ${ACCOUNT_TYPES.join(', ')}`),
});

const CRON = 'expected a cron expression such as "5 0 * * *" (minute hour day-of-month month day-of-week)';

/** Loyalty Setup; optional because stores from before it read the defaults (loyaltySettingsOf). */
const loyaltySettingsSchema = z.looseObject({
  tender: code,
  payoutAccounts: z.looseObject({ 'cash': accountCode, 'direct-deposit': accountCode, 'gift-voucher': accountCode }),
  adjustThreshold: centsAtLeast0,
  managerPinHash: z.string({ error: 'expected the manager PIN hash as text (empty when no PIN is set)' }),
  accrualSchedule: z.string({ error: CRON }).check(z.refine((v) => isCron(v), { error: CRON })),
});

const PORT = `expected a port from ${PORT_RANGE.min} to ${PORT_RANGE.max} (443 for HTTPS)`;
const TIMEOUT = `expected a whole number of seconds from ${TIMEOUT_RANGE.min} to ${TIMEOUT_RANGE.max}`;
const loyaltyPlusTestSchema = z.looseObject({
  at: pattern(/./, INSTANT).check(z.refine(isInstant, { error: INSTANT })), ok: bool, account: text(64),
  kind: z.optional(oneOf(FAILURE_KINDS, `expected one of ${FAILURE_KINDS.join(', ')}`)),
});
/** LoyaltyPlus Integration; optional because stores from before it read the defaults (loyaltyPlusSettingsOf). */
const loyaltyPlusSchema = z.looseObject({
  enabled: bool, url: text(200), port: wholeNumber(PORT, PORT_RANGE.min, PORT_RANGE.max),
  secretStart: text(200), secretEnd: text(200), partnerId: text(64), terminalId: text(64), apiId: text(64),
  timeoutSeconds: wholeNumber(TIMEOUT, TIMEOUT_RANGE.min, TIMEOUT_RANGE.max),
  tls: oneOf(TLS_VERSIONS, `expected ${TLS_VERSIONS.join(' or ')}`), caFile: text(1000),
  testResults: z.array(loyaltyPlusTestSchema, { error: 'expected a list of test results' }).check(z.maxLength(LOYALTY_PLUS_TESTS_KEPT, { error: `expected at most the last ${LOYALTY_PLUS_TESTS_KEPT} test results` })),
}).check(z.superRefine((lp, ctx) => {
  // An empty URL is how a service not set up yet looks; switched on, it needs an address.
  const problem = lp.url === '' ? (lp.enabled ? 'expected an https:// address: the service is enabled' : null) : loyaltyPlusUrlProblem(lp.url);
  if (problem !== null) ctx.addIssue({ code: 'custom', path: ['url'], message: problem });
}));

export const settingsSchema = z.looseObject({
  schemaVersion,
  storeId: z.string({ error: 'expected a store id' }).check(z.minLength(1, { error: 'expected a store id' })),
  company: z.looseObject({
    storeName: text(80),
    address: text(400),
    taxNumber: text(40),
    currencySymbol: text(8, 'expected a currency symbol'),
    currencyDecimals: wholeNumber('expected 0 to 4 decimals', 0, 4),
    timeZone: z.string({ error: 'expected an IANA time zone' }).check(z.refine(isTimeZone, { error: 'expected an IANA time zone such as Africa/Johannesburg' })),
    financialYearStartMonth: wholeNumber('expected a month from 1 to 12', 1, 12),
    cashRounding: z.union([z.literal(0), z.literal(5), z.literal(10)], { error: 'expected 0 (none), 5 or 10 cents' }),
  }),
  defaults2: z.looseObject({
    loyaltyProvider: oneOf(['none', 'built-in', 'loyalty-plus'], 'expected none, built-in or loyalty-plus'),
  }),
  ledger: z.looseObject({
    sales: accountCode,
    vatOutput: accountCode,
    cashRounding: accountCode,
    debtorsControl: accountCode,
    loyaltiesAccrued: accountCode,
    loyaltiesRedeemed: accountCode,
    cashOverShort: z.optional(accountCode),
  }),
  loyalty: z.optional(loyaltySettingsSchema), loyaltyPlus: z.optional(loyaltyPlusSchema),
  loyaltyPlusUploads: z.optional(uploadsSchema), goLive: z.optional(goLiveSchema),
});

export const itemsSchema = z
  .looseObject({ schemaVersion, items: z.array(itemSchema, { error: 'expected a list of items' }) })
  .check(
    z.superRefine((doc, ctx) => {
      unique(doc.items.map((i) => i.code), ctx, (i) => ['items', i, 'code'], 'item code');
      unique(doc.items.map((i) => i.barcode), ctx, (i) => ['items', i, 'barcode'], 'barcode');
    }),
  );

export const tendersSchema = z
  .looseObject({ schemaVersion, tenders: z.array(tenderSchema, { error: 'expected a list of tenders' }) })
  .check(z.superRefine((doc, ctx) => {
    unique(doc.tenders.map((t) => t.code), ctx, (i) => ['tenders', i, 'code'], 'tender code');
    for (const p of loyaltyPlusTenderProblems(doc.tenders)) ctx.addIssue({ code: 'custom', path: ['tenders', p.index, 'useLoyaltyPlus'], message: p.message });
  }));

export const accountsSchema = z
  .looseObject({ schemaVersion, accounts: z.array(accountSchema, { error: 'expected a list of ledger accounts' }) })
  .check(z.superRefine((doc, ctx) => unique(doc.accounts.map((a) => a.code), ctx, (i) => ['accounts', i, 'code'], 'account code')));

export const debtorsSchema = z
  .looseObject({ schemaVersion, debtors: z.array(debtorSchema, { error: 'expected a list of debtors' }) })
  .check(z.superRefine((doc, ctx) => unique(doc.debtors.map((d) => d.code), ctx, (i) => ['debtors', i, 'code'], 'debtor code')));

export const contractsSchema = z
  .looseObject({ schemaVersion, contracts: z.array(contractSchema, { error: 'expected a list of contracts' }) })
  .check(
    z.superRefine((doc, ctx) => {
      const seen = new Map<string, number>();
      doc.contracts.forEach((c, i) => {
        // Two contracts for one debtor and item would leave the till to guess which price applies.
        const key = JSON.stringify([c.debtor, c.item]);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, i);
        else ctx.addIssue({ code: 'custom', path: ['contracts', i, 'item'], message: `debtor ${c.debtor} already has a contract for item ${c.item} (entry ${first + 1})` });
      });
    }),
  );

export const DOCUMENT_SCHEMAS: Record<DocName, z.ZodMiniType> = {
  settings: settingsSchema, items: itemsSchema, tenders: tendersSchema, accounts: accountsSchema,
  debtors: debtorsSchema, contracts: contractsSchema, automation: automationSchema, operators: operatorsSchema,
};

const saleLineSchema = z.looseObject({
  id: wholeNumber('expected a line id', 1),
  itemCode: z.string(),
  barcode: z.string(),
  description: z.string(),
  qty: z.number({ error: 'expected a quantity' }).check(z.refine((q) => Number.isFinite(q), { error: 'expected a quantity' })),
  unitPrice: cents, taxRate: bp, discount: centsAtLeast0, voided: z.boolean(),
});

export const openSaleSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  till: z.string().check(z.minLength(1)),
  operator: z.string(),
  startedAt: z.string(),
  lines: z.array(saleLineSchema),
  tenders: z.array(z.looseObject({ tenderCode: z.string(), kind: z.string(), name: z.string(), amount: cents, authorisation: z.optional(z.string()) })),
  nextLineId: wholeNumber('expected a line id', 1),
  debtor: z.optional(z.string().check(z.minLength(1))),
  member: z.optional(z.looseObject({ number: z.string().check(z.minLength(1)), account: z.optional(z.string()) })),
  authorising: z.optional(z.array(z.looseObject({ key: z.string().check(z.minLength(1)), tenderCode: z.string(), account: z.string(), amount: cents, requestedAt: z.string() }))),
});

/** `['items', 3, 'price']` -> `items[3].price` */
export function fieldPath(p: readonly PropertyKey[]): string {
  let out = '';
  for (const part of p) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Throws StoreError INVALID naming `file` and the first bad field; returns nothing when valid. */
export function validateWith(schema: z.ZodMiniType, value: unknown, file: string): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  const issues = result.error.issues;
  const first = issues[0];
  if (first === undefined) throw new StoreError('INVALID', `${file}: not valid`, { file });
  const field = fieldPath(first.path);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const where = field === '' ? `${file}: ` : `${file}: ${field}: `;
  throw new StoreError('INVALID', `${where}${first.message}${more}`, field === '' ? { file } : { file, field });
}

export function validateDocument(name: DocName, value: unknown): void {
  validateWith(DOCUMENT_SCHEMAS[name], value, `${name}.json`);
}
