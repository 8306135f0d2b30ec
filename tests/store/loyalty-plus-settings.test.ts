// settings.json loyaltyPlus (LoyaltyPlus Integration): optional, each refusal names its field, and
// the helpers fill defaults, keep the last 20 Test results and hand the client its config.
import { describe, expect, it } from 'vitest';
import { defaultDocuments } from '../../src/store/index.js';
import {
  DEFAULT_LOYALTY_PLUS_SETTINGS, loyaltyPlusSettingsOf, loyaltyPlusUrlProblem, toClientConfig, withTestResult, type LoyaltyPlusSettings,
} from '../../src/store/loyalty-plus-settings.js';
import { validateDocument } from '../../src/store/schemas.js';
import { storeErrorOf } from './helpers.js';

const settingsWith = (loyaltyPlus: unknown) => ({ ...defaultDocuments('UTC').settings, loyaltyPlus });
const valid = (): LoyaltyPlusSettings => ({
  ...DEFAULT_LOYALTY_PLUS_SETTINGS, enabled: true, url: 'https://loyalty.example.com', secretStart: 'S_START', secretEnd: 'S_END',
  partnerId: 'P1', terminalId: 'T1', apiId: '992275499', testResults: [],
});
const result = (i: number) => ({ at: `2026-03-01T10:00:${String(i % 60).padStart(2, '0')}Z`, ok: i % 2 === 0, account: `40001${i}`, ...(i % 2 ? { kind: 'timeout' as const } : {}) });

describe('settings.json loyaltyPlus', () => {
  it('is optional: a store from before it reads the defaults (disabled, port 443, 6 s, TLS 1.2)', () => {
    const settings = defaultDocuments('UTC').settings;
    expect(() => validateDocument('settings', settings)).not.toThrow();
    expect(loyaltyPlusSettingsOf(settings)).toEqual(DEFAULT_LOYALTY_PLUS_SETTINGS);
    expect(DEFAULT_LOYALTY_PLUS_SETTINGS).toMatchObject({ enabled: false, url: '', port: 443, timeoutSeconds: 6, tls: 'TLSv1.2', caFile: '' });
  });

  it.each([
    ['a full setup', {}],
    ['the defaults (disabled, no URL)', { ...DEFAULT_LOYALTY_PLUS_SETTINGS }],
    ['a disabled service with a URL', { enabled: false }],
    ['TLS 1.3, port 1, timeout 60', { tls: 'TLSv1.3', port: 1, timeoutSeconds: 60 }],
    ['port 65535, timeout 1', { port: 65535, timeoutSeconds: 1 }],
    ['20 test results', { testResults: Array.from({ length: 20 }, (_, i) => result(i)) }],
    ['an upper-case host', { url: 'https://Loyalty.Example.COM' }],
  ])('takes %s', (_what, patch) => {
    expect(() => validateDocument('settings', settingsWith({ ...valid(), ...patch }))).not.toThrow();
  });

  it('keeps fields a later version adds (looseObject)', () => {
    expect(() => validateDocument('settings', settingsWith({ ...valid(), later: true }))).not.toThrow();
  });

  it.each([
    ['an enabled service without a URL', { url: '' }, 'loyaltyPlus.url: expected an https:// address: the service is enabled'],
    ['http', { url: 'http://loyalty.example.com' }, 'loyaltyPlus.url: expected an https:// address'],
    ['a path', { url: 'https://loyalty.example.com/v1' }, 'loyaltyPlus.url: expected the address only, without a path'],
    ['a trailing /', { url: 'https://loyalty.example.com/' }, 'loyaltyPlus.url: expected the address only'],
    ['a query', { url: 'https://loyalty.example.com?x=1' }, 'loyaltyPlus.url: expected the address only'],
    ['a port in the URL', { url: 'https://loyalty.example.com:8443' }, 'loyaltyPlus.url: expected no port in the address'],
    ['a user in the URL', { url: 'https://me@loyalty.example.com' }, 'loyaltyPlus.url: expected no user name or password'],
    ['port 0', { port: 0 }, 'loyaltyPlus.port: expected a port from 1 to 65535'],
    ['port 65536', { port: 65536 }, 'loyaltyPlus.port: expected a port from 1 to 65535'],
    ['port as text', { port: '443' }, 'loyaltyPlus.port: expected a port'],
    ['timeout 0', { timeoutSeconds: 0 }, 'loyaltyPlus.timeoutSeconds: expected a whole number of seconds from 1 to 60'],
    ['timeout 61', { timeoutSeconds: 61 }, 'loyaltyPlus.timeoutSeconds: expected a whole number of seconds from 1 to 60'],
    ['TLS 1.0', { tls: 'TLSv1' }, 'loyaltyPlus.tls: expected TLSv1.2 or TLSv1.3'],
    ['enabled as text', { enabled: 'yes' }, 'loyaltyPlus.enabled: expected true or false'],
    ['a secret that is not text', { secretEnd: 42 }, 'loyaltyPlus.secretEnd: expected text'],
    ['no CA file field', { caFile: undefined }, 'loyaltyPlus.caFile: expected text'],
    ['21 test results', { testResults: Array.from({ length: 21 }, (_, i) => result(i)) }, 'loyaltyPlus.testResults: expected at most the last 20 test results'],
    ['a test result without an offset', { testResults: [{ ...result(0), at: '2026-03-01 10:00' }] }, 'loyaltyPlus.testResults[0].at: expected an ISO date-time'],
    ['a test result of an unknown kind', { testResults: [{ ...result(1), kind: 'dns' }] }, 'loyaltyPlus.testResults[0].kind: expected one of name-lookup, connect, tls'],
  ])('refuses %s, naming the field', (_what, patch, message) => {
    const e = storeErrorOf(() => validateDocument('settings', settingsWith({ ...valid(), ...patch })));
    expect(e.code).toBe('INVALID');
    expect(e.message).toContain(`settings.json: ${message}`);
  });

  it('never names a secret in a refusal', () => {
    const e = storeErrorOf(() => validateDocument('settings', settingsWith({ ...valid(), secretStart: 'x'.repeat(201) })));
    expect(e.message).toContain('loyaltyPlus.secretStart: expected text of at most 200 characters');
    expect(e.message).not.toContain('xxxx');
  });
});

describe('loyalty-plus-settings helpers', () => {
  it('loyaltyPlusSettingsOf fills what an older file lacks and returns a copy', () => {
    const settings = settingsWith({ enabled: false, url: '', testResults: [result(0)] }) as ReturnType<typeof defaultDocuments>['settings'];
    const lp = loyaltyPlusSettingsOf(settings);
    expect(lp).toMatchObject({ port: 443, timeoutSeconds: 6, tls: 'TLSv1.2' });
    lp.testResults[0]!.account = 'changed';
    expect(settings.loyaltyPlus!.testResults[0]!.account).toBe('400010');
  });

  it('withTestResult keeps the newest 20, oldest first', () => {
    let lp = valid();
    for (let i = 0; i < 25; i += 1) lp = withTestResult(lp, result(i));
    expect(lp.testResults).toHaveLength(20);
    expect(lp.testResults[0]!.account).toBe('400015');
    expect(lp.testResults[19]!.account).toBe('4000124');
  });

  it('toClientConfig takes the settings document or the LoyaltyPlus settings', () => {
    const lp = { ...valid(), testResults: [result(1)] };
    const expected = {
      url: 'https://loyalty.example.com', port: 443, secretStart: 'S_START', secretEnd: 'S_END', partnerId: 'P1', terminalId: 'T1',
      apiId: '992275499', timeoutSeconds: 6, tls: 'TLSv1.2', caFile: '',
    };
    expect(toClientConfig(lp)).toEqual(expected);
    expect(toClientConfig(settingsWith(lp) as ReturnType<typeof defaultDocuments>['settings'])).toEqual(expected);
  });

  it.each([
    ['https://loyalty.example.com', null],
    ['https://127.0.0.1', null],
    ['ftp://loyalty.example.com', 'https://'],
    ['https://', 'https://'],
    ['https://host:', 'no port'],
    ['https://host#x', 'without a path'],
  ])('loyaltyPlusUrlProblem(%s)', (url, problem) => {
    const got = loyaltyPlusUrlProblem(url);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toContain(problem);
  });
});
