// The LoyaltyPlus Integration web service (Utilities > Setup > Module Parameters > Services >
// Web Services): where the service is, the two secret halves and IDs that sign each request, and
// the last Test results. Optional in settings.json: stores from before it read the defaults.
import type { FailureKind, LoyaltyPlusConfig } from '../integrations/loyaltyplus/types.js';
import type { SettingsDoc } from './documents-types.js';

export type LoyaltyPlusTls = 'TLSv1.2' | 'TLSv1.3';
export const TLS_VERSIONS: readonly LoyaltyPlusTls[] = ['TLSv1.2', 'TLSv1.3'];

// A record rather than a list, so a FailureKind added to the client's contract fails to compile here
// instead of being refused by the schema at run time.
const KINDS: Record<FailureKind, true> = {
  'name-lookup': true, 'connect': true, 'tls': true, 'timeout': true, 'http-status': true,
  'signature': true, 'unknown-account': true, 'refused': true, 'bad-response': true, 'offline': true,
};
export const FAILURE_KINDS = Object.keys(KINDS) as FailureKind[];

/** One press of Test: when, with which account, and how it went (never the secrets). */
export interface LoyaltyPlusTestResult {
  at: string;
  ok: boolean;
  kind?: FailureKind;
  account: string;
}

export interface LoyaltyPlusSettings {
  enabled: boolean;
  /** https://host without a path; '' only while the service is disabled. */
  url: string;
  port: number;
  secretStart: string;
  secretEnd: string;
  partnerId: string;
  terminalId: string;
  apiId: string;
  timeoutSeconds: number;
  /** The lowest TLS version accepted. */
  tls: LoyaltyPlusTls;
  /** PEM file of an extra CA; '' for the system roots. */
  caFile: string;
  /** Oldest first, at most LOYALTY_PLUS_TESTS_KEPT. */
  testResults: LoyaltyPlusTestResult[];
}

export const LOYALTY_PLUS_TESTS_KEPT = 20;
export const PORT_RANGE = { min: 1, max: 65535 } as const;
export const TIMEOUT_RANGE = { min: 1, max: 60 } as const;

export const DEFAULT_LOYALTY_PLUS_SETTINGS: Readonly<LoyaltyPlusSettings> = {
  enabled: false,
  url: '',
  port: 443,
  secretStart: '',
  secretEnd: '',
  partnerId: '',
  terminalId: '',
  apiId: '',
  timeoutSeconds: 6,
  tls: 'TLSv1.2',
  caFile: '',
  testResults: [],
};

/** A copy with the defaults filled, safe to change and write back. */
export function loyaltyPlusSettingsOf(settings: SettingsDoc): LoyaltyPlusSettings {
  const s = settings.loyaltyPlus;
  return { ...DEFAULT_LOYALTY_PLUS_SETTINGS, ...s, testResults: (s?.testResults ?? []).map((r) => ({ ...r })) };
}

/** The same settings with one more Test result, keeping the newest LOYALTY_PLUS_TESTS_KEPT. */
export function withTestResult(lp: LoyaltyPlusSettings, result: LoyaltyPlusTestResult): LoyaltyPlusSettings {
  return { ...lp, testResults: [...lp.testResults, result].slice(-LOYALTY_PLUS_TESTS_KEPT) };
}

/** What the client needs (the Test results stay behind). Takes the settings document or the
 * LoyaltyPlus settings themselves (the setup screen tests values not yet saved). */
export function toClientConfig(from: SettingsDoc | LoyaltyPlusSettings): LoyaltyPlusConfig {
  const lp = 'schemaVersion' in from ? loyaltyPlusSettingsOf(from) : from;
  return {
    url: lp.url, port: lp.port, secretStart: lp.secretStart, secretEnd: lp.secretEnd, partnerId: lp.partnerId,
    terminalId: lp.terminalId, apiId: lp.apiId, timeoutSeconds: lp.timeoutSeconds, tls: lp.tls, caFile: lp.caFile,
  };
}

export const URL_EXAMPLE = 'https://loyalty.example.com';

/**
 * Why a URL is not a bare https:// origin, or null. The path is the protocol's (/v1/...) and the
 * port is its own field, so either one in the URL would be a second, conflicting source of truth.
 */
export function loyaltyPlusUrlProblem(url: string): string | null {
  const expected = `expected an https:// address such as ${URL_EXAMPLE}`;
  if (!/^https:\/\//i.test(url)) return expected;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return expected;
  }
  if (u.hostname === '') return expected;
  if (u.port !== '' || /^https:\/\/[^/?#]*:\d*$/i.test(url)) return 'expected no port in the address (Port is a field of its own)';
  if (u.username !== '' || u.password !== '') return 'expected no user name or password in the address';
  if (url.toLowerCase() !== u.origin.toLowerCase()) return `expected the address only, without a path, query or trailing / (${URL_EXAMPLE})`;
  return null;
}
