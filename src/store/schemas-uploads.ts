// zod schemas of the Loyalty Uploads settings, the go-live ticks and automation.json (kept apart
// from schemas.ts so each file stays readable).
import * as z from 'zod/mini';
import { validate as isCron } from 'node-cron';
import { instantMs } from '../engine/loyalty/time-zone.js';
import { AUTOMATION_ACTIONS, GO_LIVE_ITEMS } from './automation-types.js';
import { SFTP_FAILURE_KINDS, SFTP_TESTS_KEPT, uploadPathProblem } from './uploads-settings.js';

const INSTANT = 'expected an ISO date-time with an offset, e.g. 2026-03-31T22:00:00Z';
const CRON = 'expected a cron expression such as "*/15 * * * *" (minute hour day-of-month month day-of-week)';
const PORT = 'expected a port from 1 to 65535 (22 for SFTP)';
const bool = z.boolean({ error: 'expected true or false' });
const isInstant = (v: string): boolean => {
  try {
    return Number.isFinite(instantMs(v));
  } catch {
    return false;
  }
};
const instant = z.string({ error: INSTANT }).check(z.refine(isInstant, { error: INSTANT }));
const text = (max: number, required?: string) => {
  const tooLong = `expected text of at most ${max} characters`;
  return z.string({ error: tooLong }).check(z.maxLength(max, { error: tooLong }), ...(required ? [z.minLength(1, { error: required })] : []));
};
const oneOf = <T extends string>(values: readonly T[], error: string) =>
  z.string({ error }).check(z.refine((v) => (values as readonly string[]).includes(v), { error }));
const unique = <T>(key: (v: T) => string, what: string, field: string) =>
  z.superRefine((list: T[], ctx) => {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      const k = key(v);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i, field], message: `${what} "${k}" is there twice` });
      seen.add(k);
    });
  });

const sftpServerSchema = z.looseObject({
  name: text(40, 'expected an account name'),
  protocol: z.literal('SFTP', { error: 'expected SFTP (FTP via SSH)' }),
  host: text(253, 'expected a host name or address'),
  port: z.int({ error: PORT }).check(z.minimum(1, { error: PORT }), z.maximum(65535, { error: PORT })),
  username: text(64, 'expected a user name'),
  password: text(200),
  privateKeyFile: text(1000),
  hostKey: z.string({ error: 'expected a host key fingerprint such as SHA256:... (empty until accepted)' })
    .check(z.regex(/^(SHA256:[A-Za-z0-9+/]{43})?$/, { error: 'expected a host key fingerprint such as SHA256:... (empty until accepted)' })),
}).check(z.refine((s) => s.password !== '' || s.privateKeyFile !== '', { error: 'expected a password or a private key file', path: ['password'] }));

const sftpTestSchema = z.looseObject({
  at: instant, ok: bool, account: text(40),
  kind: z.optional(oneOf(SFTP_FAILURE_KINDS, `expected one of ${SFTP_FAILURE_KINDS.join(', ')}`)),
});

export const uploadsSchema = z.looseObject({
  servers: z.array(sftpServerSchema, { error: 'expected a list of FTP servers' }).check(unique((s: { name: string }) => s.name, 'account', 'name')),
  account: text(40),
  uploadPath: z.string({ error: 'expected an upload path' }).check(z.refine((p) => uploadPathProblem(p) === null, { error: 'expected an absolute remote folder such as /upload' })),
  testResults: z.array(sftpTestSchema).check(z.maxLength(SFTP_TESTS_KEPT, { error: `expected at most the last ${SFTP_TESTS_KEPT} test results` })),
}).check(z.refine((u) => u.account === '' || u.servers.some((s) => s.name === u.account), { error: 'expected an account from the FTP Servers list', path: ['account'] }));

export const goLiveSchema = z.looseObject({
  ticks: z.array(z.looseObject({
    item: oneOf(GO_LIVE_ITEMS, `expected one of ${GO_LIVE_ITEMS.join(', ')}`), by: text(32, 'expected an operator'), at: instant,
  })),
});

const eventSchema = z.looseObject({
  name: z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'expected a name of 1-64 letters, digits, dots, dashes or underscores' })),
  action: oneOf(AUTOMATION_ACTIONS, `expected one of ${AUTOMATION_ACTIONS.join(', ')}`),
  cron: z.string({ error: CRON }).check(z.refine((v) => isCron(v), { error: CRON })),
  enabled: bool,
  createdAt: instant,
});

export const automationSchema = z.looseObject({
  schemaVersion: z.int(),
  events: z.array(eventSchema).check(unique((e: { name: string }) => e.name, 'event', 'name')),
});
