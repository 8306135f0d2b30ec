// The LoyaltyPlus Integration setup as form fields: the field table, settings -> raw text, the
// settings a form's values stand for (Test uses them unsaved), and the changes written back.
// Secrets are checked for presence and length only, so no message can ever carry one.
import { FieldError } from '../../forms/field-error.js';
import { accessSync, constants, statSync } from 'node:fs';
import type { SettingsDoc } from '../../../store/documents-types.js';
import {
  loyaltyPlusSettingsOf, loyaltyPlusUrlProblem, PORT_RANGE, TIMEOUT_RANGE, URL_EXAMPLE, type LoyaltyPlusSettings, type LoyaltyPlusTls,
} from '../../../store/loyalty-plus-settings.js';
import type { FieldDef, FormValues } from '../../forms/field-types.js';
import { FLAG_OFF, FLAG_ON } from '../../forms/field-types.js';
import { parseWholeNumber, validateField } from '../../forms/validate-field.js';

export const LOYALTY_PLUS_KEYS = {
  enabled: 'enabled',
  url: 'url',
  port: 'port',
  secretStart: 'secretStart',
  secretEnd: 'secretEnd',
  partnerId: 'partnerId',
  terminalId: 'terminalId',
  timeout: 'timeoutSeconds',
  tls: 'tls',
  apiId: 'apiId',
  caFile: 'caFile',
} as const;

const K = LOYALTY_PLUS_KEYS;

/** Where settings.json keeps each field, so a refusal by the schema lands at its field. */
export const STORE_FIELD_PATHS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(K).map((k) => [`loyaltyPlus.${k}`, k]),
);

/** A refusal that belongs to one field of the form (Accept shows it there). */
export class LoyaltyPlusFieldError extends FieldError {}

const TLS_CHOICES: readonly { value: LoyaltyPlusTls; label: string }[] = [
  { value: 'TLSv1.2', label: 'TLS 1.2' },
  { value: 'TLSv1.3', label: 'TLS 1.3' },
];

const enabledIn = (all: FormValues) => all[K.enabled] === FLAG_ON;

/** A trailing / is what a browser's address bar adds; the service's paths start with /v1. */
export function normalizeUrl(text: string): string {
  return text.trim().replace(/\/$/, '');
}

/** Why the CA file cannot be used, or null; the client reads it on every connection. */
export function caFileProblem(file: string): string | null {
  try {
    if (!statSync(file).isFile()) return `CA file: ${file} is not a file (give a PEM file, or leave empty for the system roots)`;
    accessSync(file, constants.R_OK);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `CA file: ${file} does not exist (leave empty for the system roots)`;
    return `CA file: ${file} cannot be read (${code ?? 'unknown error'})`;
  }
}

/** Needed only once the service is switched on: a service being set up may be saved half done. */
function neededWhenEnabled(label: string, value: string, all: FormValues): string | null {
  return value.trim() === '' && enabledIn(all) ? `${label} is required while the service is enabled` : null;
}

function inRange(label: string, value: string, range: { min: number; max: number }, hint = ''): string | null {
  const n = parseWholeNumber(value);
  return n !== null && n >= range.min && n <= range.max ? null : `${label}: ${range.min} to ${range.max}${hint}`;
}

function idField(key: string, label: string): FieldDef {
  return { key, label, kind: 'text', maxLength: 64, validate: (v, all) => neededWhenEnabled(label, v, all) };
}

function secretField(key: string, label: string): FieldDef {
  // Never trimmed nor echoed: the two halves are the signing key as issued.
  return { key, label, kind: 'secret', maxLength: 200, validate: (v, all) => neededWhenEnabled(label, v, all) };
}

export function loyaltyPlusFields(): FieldDef[] {
  return [
    { key: K.enabled, label: 'Enable this Service', kind: 'flag' },
    {
      key: K.url, label: 'URL', kind: 'text', maxLength: 200,
      validate: (v, all) => {
        const url = normalizeUrl(v);
        if (url === '') return enabledIn(all) ? `URL is required while the service is enabled (e.g. ${URL_EXAMPLE})` : null;
        const problem = loyaltyPlusUrlProblem(url);
        return problem === null ? null : `URL: ${problem}`;
      },
    },
    { key: K.port, label: 'Port', kind: 'number', required: true, validate: (v) => inRange('Port', v, PORT_RANGE, ' (443 for HTTPS)') },
    secretField(K.secretStart, 'Secret Start'),
    secretField(K.secretEnd, 'Secret End'),
    idField(K.partnerId, 'Partner ID'),
    idField(K.terminalId, 'Terminal ID'),
    { key: K.timeout, label: 'Timeout seconds', kind: 'number', required: true, validate: (v) => inRange('Timeout seconds', v, TIMEOUT_RANGE) },
    { key: K.tls, label: 'SSL Version', kind: 'choice', choices: TLS_CHOICES },
    idField(K.apiId, 'API ID'),
    {
      key: K.caFile, label: 'CA file', kind: 'text', maxLength: 1000,
      validate: (v) => (v.trim() === '' ? null : caFileProblem(v.trim())),
    },
  ];
}

export function loyaltyPlusValues(doc: SettingsDoc): FormValues {
  const lp = loyaltyPlusSettingsOf(doc);
  return {
    [K.enabled]: lp.enabled ? FLAG_ON : FLAG_OFF,
    [K.url]: lp.url,
    [K.port]: String(lp.port),
    [K.secretStart]: lp.secretStart,
    [K.secretEnd]: lp.secretEnd,
    [K.partnerId]: lp.partnerId,
    [K.terminalId]: lp.terminalId,
    [K.timeout]: String(lp.timeoutSeconds),
    [K.tls]: lp.tls,
    [K.apiId]: lp.apiId,
    [K.caFile]: lp.caFile,
  };
}

/** The keys whose raw text differs from what the form opened with. */
export function changedKeys(values: FormValues, opened: FormValues): string[] {
  return Object.values(K).filter((k) => (values[k] ?? '') !== (opened[k] ?? ''));
}

/** Writes one field's raw text into the settings as the store keeps it. */
function setField(lp: LoyaltyPlusSettings, key: string, raw: string): void {
  const t = raw.trim();
  switch (key) {
    case K.enabled: lp.enabled = raw === FLAG_ON; break;
    case K.url: lp.url = normalizeUrl(raw); break;
    case K.port: lp.port = Number(t); break;
    case K.secretStart: lp.secretStart = raw; break;
    case K.secretEnd: lp.secretEnd = raw; break;
    case K.partnerId: lp.partnerId = t; break;
    case K.terminalId: lp.terminalId = t; break;
    case K.timeout: lp.timeoutSeconds = Number(t); break;
    case K.tls: lp.tls = raw as LoyaltyPlusTls; break;
    case K.apiId: lp.apiId = t; break;
    case K.caFile: lp.caFile = t; break;
  }
}

/** Throws LoyaltyPlusFieldError at the first field of `values` the form's rules refuse. */
export function checkAll(values: FormValues): void {
  for (const def of loyaltyPlusFields()) {
    const message = validateField(def, values[def.key] ?? '', values);
    if (message !== null) throw new LoyaltyPlusFieldError(def.key, message);
  }
}

/**
 * The settings the form's values stand for, on top of `base` (what is stored: its Test results
 * are kept). Every field is checked first; Test also needs an address, even while disabled.
 */
export function settingsFromValues(values: FormValues, base: LoyaltyPlusSettings, forTest = false): LoyaltyPlusSettings {
  checkAll(values);
  if (forTest && normalizeUrl(values[K.url] ?? '') === '') throw new LoyaltyPlusFieldError(K.url, `URL: give the service's address to test it (e.g. ${URL_EXAMPLE})`);
  const lp: LoyaltyPlusSettings = { ...base, testResults: [...base.testResults] };
  for (const key of Object.values(K)) setField(lp, key, values[key] ?? '');
  return lp;
}

/**
 * Applies the form to a freshly re-read settings draft: only the fields changed since the form
 * opened are written, so another terminal's edit to any other field (and the Test results
 * recorded meanwhile) survive. The whole result is checked before the draft is touched, so a
 * refusal leaves nothing half-applied.
 */
export function applyLoyaltyPlus(draft: SettingsDoc, values: FormValues, opened: FormValues): void {
  const lp = loyaltyPlusSettingsOf(draft);
  const stored = loyaltyPlusValues(draft);
  const merged: FormValues = { ...stored };
  for (const k of changedKeys(values, opened)) merged[k] = values[k] ?? '';
  checkAll(merged);
  for (const k of changedKeys(values, opened)) setField(lp, k, values[k] ?? '');
  draft.loyaltyPlus = lp;
}
