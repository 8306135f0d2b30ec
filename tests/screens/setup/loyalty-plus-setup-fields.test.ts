// The LoyaltyPlus Integration setup rules without Ink: the field table, the values Test uses, the
// changes written to a settings draft, and the Test's words for every failure kind.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDocuments } from '../../../src/store/index.js';
import { loyaltyPlusSettingsOf } from '../../../src/store/loyalty-plus-settings.js';
import { FLAG_ON } from '../../../src/screens/forms/field-types.js';
import { validateField } from '../../../src/screens/forms/validate-field.js';
import {
  applyLoyaltyPlus, LOYALTY_PLUS_KEYS as K, LoyaltyPlusFieldError, loyaltyPlusFields, loyaltyPlusValues, settingsFromValues,
} from '../../../src/screens/setup/module-parameters/loyalty-plus-fields.js';
import { refusal } from '../../../src/screens/setup/module-parameters/loyalty-plus-setup.js';
import { FAILURE_STEPS, outcomeText, scrubSecrets, testRecord } from '../../../src/screens/setup/module-parameters/loyalty-plus-test-text.js';
import { FAILURE_KINDS } from '../../../src/store/loyalty-plus-settings.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tillpoint-lp-fields-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const caFile = path.join(dir, 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\n');

const SECRET_START = 'RMICLP_TEST_7391_START';
const SECRET_END = 'RMICLP_TEST_8264_END';
const settings = () => defaultDocuments('UTC').settings;
const filled = (patch: Record<string, string> = {}) => ({
  ...loyaltyPlusValues(settings()),
  [K.enabled]: FLAG_ON, [K.url]: 'https://loyalty.example.com', [K.secretStart]: SECRET_START, [K.secretEnd]: SECRET_END,
  [K.partnerId]: 'P1', [K.terminalId]: 'T1', [K.apiId]: '992275499', ...patch,
});
const check = (key: string, value: string, all: Record<string, string> = filled()) => {
  const def = loyaltyPlusFields().find((f) => f.key === key)!;
  return validateField(def, value, { ...all, [key]: value });
};

describe('LoyaltyPlus Integration fields', () => {
  it('lists the setup fields in order, the secrets masked', () => {
    const defs = loyaltyPlusFields();
    expect(defs.map((d) => d.label)).toEqual([
      'Enable this Service', 'URL', 'Port', 'Secret Start', 'Secret End', 'Partner ID', 'Terminal ID', 'Timeout seconds', 'SSL Version', 'API ID', 'CA file',
    ]);
    expect(defs.filter((d) => d.kind === 'secret').map((d) => d.key)).toEqual([K.secretStart, K.secretEnd]);
    expect(defs.find((d) => d.key === K.tls)!.choices).toEqual([{ value: 'TLSv1.2', label: 'TLS 1.2' }, { value: 'TLSv1.3', label: 'TLS 1.3' }]);
  });

  it('opens a store from before it with the defaults', () => {
    expect(loyaltyPlusValues(settings())).toMatchObject({ [K.enabled]: 'no', [K.url]: '', [K.port]: '443', [K.timeout]: '6', [K.tls]: 'TLSv1.2', [K.caFile]: '' });
  });

  it.each([
    [K.url, 'http://x.example.com', 'URL: expected an https:// address such as https://loyalty.example.com'],
    [K.url, 'loyalty.example.com', 'URL: expected an https:// address'],
    [K.url, 'https://x.example.com/api', 'URL: expected the address only, without a path'],
    [K.url, 'https://x.example.com:8443', 'URL: expected no port in the address (Port is a field of its own)'],
    [K.url, '', 'URL is required while the service is enabled'],
    [K.port, '0', 'Port: 1 to 65535 (443 for HTTPS)'],
    [K.port, '65536', 'Port: 1 to 65535'],
    [K.port, '44.3', 'Port: enter a whole number'],
    [K.port, '', 'Port is required'],
    [K.timeout, '0', 'Timeout seconds: 1 to 60'],
    [K.timeout, '61', 'Timeout seconds: 1 to 60'],
    [K.secretEnd, '', 'Secret End is required while the service is enabled'],
    [K.partnerId, ' ', 'Partner ID is required while the service is enabled'],
    [K.caFile, path.join(dir, 'missing.pem'), `CA file: ${path.join(dir, 'missing.pem')} does not exist`],
    [K.caFile, dir, `CA file: ${dir} is not a file`],
  ])('refuses %s = %j', (key, value, message) => {
    expect(check(key, value)).toContain(message);
  });

  it.each([
    [K.url, 'https://loyalty.example.com/'],
    [K.url, ' https://127.0.0.1 '],
    [K.port, '1'],
    [K.timeout, '60'],
    [K.caFile, caFile],
    [K.caFile, ''],
  ])('takes %s = %j', (key, value) => {
    expect(check(key, value)).toBeNull();
  });

  it('lets a disabled service be saved half set up', () => {
    const off = filled({ [K.enabled]: 'no', [K.url]: '', [K.secretStart]: '', [K.partnerId]: '' });
    for (const key of [K.url, K.secretStart, K.partnerId]) expect(check(key, '', off)).toBeNull();
  });

  it('messages never carry a secret', () => {
    const long = `${SECRET_START}${'x'.repeat(200)}`;
    const message = check(K.secretStart, long);
    expect(message).toBe('Secret Start: at most 200 characters (got 222)');
  });
});

describe('settingsFromValues (what Test uses)', () => {
  it('takes every field as typed: secrets untrimmed, URL without a trailing /', () => {
    const base = loyaltyPlusSettingsOf(settings());
    const lp = settingsFromValues(filled({ [K.url]: 'https://loyalty.example.com/', [K.secretEnd]: ` ${SECRET_END}`, [K.port]: '8443', [K.tls]: 'TLSv1.3', [K.caFile]: caFile }), base, true);
    expect(lp).toMatchObject({ enabled: true, url: 'https://loyalty.example.com', port: 8443, secretEnd: ` ${SECRET_END}`, tls: 'TLSv1.3', caFile });
  });

  it('needs an address to test even while disabled, and refuses at the field', () => {
    const base = loyaltyPlusSettingsOf(settings());
    const values = filled({ [K.enabled]: 'no', [K.url]: '' });
    expect(() => settingsFromValues(values, base)).not.toThrow();
    const e = (() => { try { settingsFromValues(values, base, true); } catch (err) { return err; } return null; })();
    expect(e).toBeInstanceOf(LoyaltyPlusFieldError);
    expect((e as LoyaltyPlusFieldError).field).toBe(K.url);
  });
});

describe('applyLoyaltyPlus', () => {
  it('writes only the fields changed since the form opened, keeping Test results and others', () => {
    const opened = loyaltyPlusValues(settings());
    const draft = settings();
    // Meanwhile another terminal set the partner and a Test was recorded.
    draft.loyaltyPlus = { ...loyaltyPlusSettingsOf(draft), partnerId: 'OTHER', testResults: [{ at: '2026-03-01T10:00:00Z', ok: true, account: '1' }] };
    applyLoyaltyPlus(draft, { ...opened, [K.port]: '8443', [K.terminalId]: 'T9' }, opened);
    expect(draft.loyaltyPlus).toMatchObject({ port: 8443, terminalId: 'T9', partnerId: 'OTHER', enabled: false });
    expect(draft.loyaltyPlus.testResults).toHaveLength(1);
  });

  it('checks the whole result first and leaves the draft alone on a refusal', () => {
    const opened = loyaltyPlusValues(settings());
    const draft = settings();
    const before = structuredClone(draft);
    expect(() => applyLoyaltyPlus(draft, { ...opened, [K.enabled]: FLAG_ON, [K.port]: '8443' }, opened)).toThrow(LoyaltyPlusFieldError);
    expect(draft).toEqual(before);
  });

  it('maps a refusal to its field', () => {
    expect(refusal(new LoyaltyPlusFieldError(K.port, 'Port: 1 to 65535'))).toEqual({ ok: false, message: 'Port: 1 to 65535', field: K.port });
  });
});

describe('Test words', () => {
  it('names a step for every failure kind, with the message, secrets removed', () => {
    expect(Object.keys(FAILURE_STEPS).sort()).toEqual([...FAILURE_KINDS].sort());
    const steps = FAILURE_KINDS.map((kind) => outcomeText({ ok: false, kind, message: `boom ${SECRET_START}` }, [SECRET_START, SECRET_END]));
    expect(steps.map((s) => s.headline.replace('Test failed at: ', ''))).toEqual([
      'name lookup', 'connect', 'TLS', 'timeout', 'HTTP status', 'signature rejected', 'unknown account', 'refused', 'bad response', 'offline',
    ]);
    for (const s of steps) {
      expect(s.ok).toBe(false);
      expect(s.details.join(' ')).toContain('boom ***');
      expect(s.details.join(' ')).not.toContain(SECRET_START);
    }
  });

  it('shows the member found', () => {
    const t = outcomeText({ ok: true, member: { account: '4000123', card: '6009001', name: 'Thandi Mokoena', points: 1234, pointsValue: 1234 } }, []);
    expect(t).toEqual({ ok: true, headline: 'Test OK: Thandi Mokoena, 1234 points', details: ['Account 4000123, card 6009001: 1234 points (worth 12.34)'] });
  });

  it('scrubs every occurrence and ignores empty secrets', () => {
    expect(scrubSecrets('a SS b SS c', ['SS', ''])).toBe('a *** b *** c');
  });

  it('records when, which account and how, never the secrets', () => {
    const at = new Date('2026-03-01T10:00:00.000Z');
    expect(testRecord({ ok: false, kind: 'signature', message: SECRET_END }, '4000123', at)).toEqual({ at: '2026-03-01T10:00:00.000Z', ok: false, kind: 'signature', account: '4000123' });
    expect(testRecord(null, '4000123', at)).toEqual({ at: '2026-03-01T10:00:00.000Z', ok: false, account: '4000123' });
  });
});
