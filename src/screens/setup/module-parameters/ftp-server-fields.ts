// One FTP server of LoyaltyPlus Loyalty Uploads as form fields: the field table, a server -> raw
// text, the server a form's values stand for (Test uses it unsaved), and the list changes written
// back under the store lock. The password is checked for presence and length only, so no message
// can ever carry it.
import { accessSync, constants, statSync } from 'node:fs';
import type { SettingsDoc } from '../../../store/documents-types.js';
import { SFTP_PORT_DEFAULT, uploadsSettingsOf, type SftpServer } from '../../../store/uploads-settings.js';
import { FieldError } from '../../forms/field-error.js';
import type { FieldDef, FormValues } from '../../forms/field-types.js';
import { FLAG_OFF, FLAG_ON } from '../../forms/field-types.js';
import { parseWholeNumber, validateField } from '../../forms/validate-field.js';

export const SERVER_KEYS = {
  name: 'name',
  protocol: 'protocol',
  host: 'host',
  port: 'port',
  username: 'username',
  password: 'password',
  privateKeyFile: 'privateKeyFile',
  hostKey: 'hostKey',
  hostKeyValue: 'hostKeyValue',
  forgetHostKey: 'forgetHostKey',
} as const;

const K = SERVER_KEYS;

export const PROTOCOL_LABEL = 'SFTP (FTP via SSH)';
const NEITHER = 'give a Password or a Private key file (one of the two is required)';

/** A refusal that belongs to one field of the server form. */
export class FtpServerFieldError extends FieldError {}

/** Why a private key file cannot be used, or null. Only its presence is checked here: Test and
 * the uploads read it, and say "key file" when it is not a key. */
export function keyFileProblem(file: string): string | null {
  try {
    if (!statSync(file).isFile()) return `Private key file: ${file} is not a file`;
    accessSync(file, constants.R_OK);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `Private key file: ${file} does not exist`;
    return `Private key file: ${file} cannot be read (${code ?? 'unknown error'})`;
  }
}

/**
 * What the two Host key rows say. They are notes: the key itself is kept by the form's screen,
 * and a fingerprint (50 columns) needs a row of its own beside the labels at 80 columns.
 */
export function hostKeyNotes(hostKey: string): FormValues {
  return hostKey === ''
    ? { [K.hostKey]: 'Host key: none accepted yet; F8 Test shows it', [K.hostKeyValue]: '' }
    : { [K.hostKey]: 'Host key accepted (SHA256 fingerprint):', [K.hostKeyValue]: hostKey };
}

const loginGiven = (all: FormValues) => (all[K.password] ?? '') !== '' || (all[K.privateKeyFile] ?? '').trim() !== '';

/**
 * The server form's fields. `others` are the account names already in the list (besides the one
 * edited), so a second "Loyalty Plus" is refused at the field. The Account Name is the list's key:
 * fixed once the server exists, like a tender's code. "Forget host key" is offered only where a
 * key was accepted before.
 */
export function serverFields(editing: SftpServer | null, others: readonly string[]): FieldDef[] {
  const defs: FieldDef[] = [
    {
      key: K.name, label: 'Account Name', kind: 'text', required: true, maxLength: 40, readOnly: editing !== null,
      validate: (v) => (others.includes(v.trim()) ? `Account Name: "${v.trim()}" is already in the list; give another name` : null),
    },
    { key: K.protocol, label: 'Transfer Protocol', kind: 'choice', choices: [{ value: 'SFTP', label: PROTOCOL_LABEL }] },
    {
      key: K.host, label: 'Host', kind: 'text', required: true, maxLength: 253,
      validate: (v) => (/\s/.test(v.trim()) ? 'Host: a host name or address without spaces, e.g. sftp.example.com' : null),
    },
    {
      key: K.port, label: 'Port', kind: 'number', required: true,
      validate: (v) => {
        const n = parseWholeNumber(v);
        return n !== null && n >= 1 && n <= 65535 ? null : 'Port: 1 to 65535 (22 for SFTP)';
      },
    },
    { key: K.username, label: 'Username', kind: 'text', required: true, maxLength: 64 },
    // Never trimmed: the password is used as issued. "One of the two" is checked by Accept and
    // Test (checkServer), not on leaving a field: that would trap the operator between the two.
    { key: K.password, label: 'Password', kind: 'secret', maxLength: 200 },
    {
      key: K.privateKeyFile, label: 'Private key file', kind: 'text', maxLength: 1000,
      validate: (v) => (v.trim() === '' ? null : keyFileProblem(v.trim())),
    },
    { key: K.hostKey, label: 'Host key', kind: 'text', readOnly: true, note: true },
    { key: K.hostKeyValue, label: 'Host key', kind: 'text', readOnly: true, note: true },
  ];
  if (editing !== null && editing.hostKey !== '') defs.push({ key: K.forgetHostKey, label: 'Forget host key', kind: 'flag' });
  return defs;
}

export function serverValues(server: SftpServer | null): FormValues {
  return {
    [K.name]: server?.name ?? '',
    [K.protocol]: 'SFTP',
    [K.host]: server?.host ?? '',
    [K.port]: String(server?.port ?? SFTP_PORT_DEFAULT),
    [K.username]: server?.username ?? '',
    [K.password]: server?.password ?? '',
    [K.privateKeyFile]: server?.privateKeyFile ?? '',
    ...hostKeyNotes(server?.hostKey ?? ''),
    [K.forgetHostKey]: FLAG_OFF,
  };
}

export const forgetting = (values: FormValues): boolean => values[K.forgetHostKey] === FLAG_ON;

/** Throws FtpServerFieldError at the first field of `values` the form's rules refuse. */
export function checkServer(values: FormValues, editing: SftpServer | null, others: readonly string[]): void {
  for (const def of serverFields(editing, others)) {
    if (def.readOnly === true) continue;
    const message = validateField(def, values[def.key] ?? '', values);
    if (message !== null) throw new FtpServerFieldError(def.key, message);
  }
  if (!loginGiven(values)) throw new FtpServerFieldError(K.password, `Password: ${NEITHER}`);
}

/** The server the form's values stand for, with `hostKey` (kept by the screen, not a field). */
export function serverFromValues(values: FormValues, editing: SftpServer | null, others: readonly string[], hostKey: string): SftpServer {
  checkServer(values, editing, others);
  return {
    name: editing?.name ?? (values[K.name] ?? '').trim(),
    protocol: 'SFTP',
    host: (values[K.host] ?? '').trim(),
    port: Number((values[K.port] ?? '').trim()),
    username: (values[K.username] ?? '').trim(),
    password: values[K.password] ?? '',
    privateKeyFile: (values[K.privateKeyFile] ?? '').trim(),
    hostKey,
  };
}

/** Account names in the list, without the one being edited. */
export function otherNames(doc: SettingsDoc, editing: SftpServer | null): string[] {
  return uploadsSettingsOf(doc).servers.map((s) => s.name).filter((n) => n !== editing?.name);
}

/**
 * Adds or replaces a server in a freshly re-read settings draft. The name is checked again here:
 * another terminal may have added the same account since the form opened.
 */
export function applyServer(draft: SettingsDoc, server: SftpServer, editing: SftpServer | null): void {
  const u = uploadsSettingsOf(draft);
  const at = editing === null ? -1 : u.servers.findIndex((s) => s.name === editing.name);
  if (editing === null && u.servers.some((s) => s.name === server.name)) {
    throw new FtpServerFieldError(K.name, `Account Name: "${server.name}" is already in the list; give another name`);
  }
  if (editing !== null && at < 0) throw new Error(`FTP server ${editing.name} is no longer in the list (deleted elsewhere); Esc and add it again`);
  if (at < 0) u.servers.push(server);
  else u.servers[at] = server;
  draft.loyaltyPlusUploads = u;
}

/**
 * Deletes a server from a re-read draft. The account the uploads use is refused, with what to do:
 * silently clearing it would stop the uploads with no one having asked for that.
 */
export function deleteServer(draft: SettingsDoc, name: string): void {
  const u = uploadsSettingsOf(draft);
  if (u.account === name) {
    throw new Error(`Not deleted: ${name} is the Account Name the uploads use; choose another account on FTP Setup and Accept first`);
  }
  u.servers = u.servers.filter((s) => s.name !== name);
  draft.loyaltyPlusUploads = u;
}

/** Where settings.json keeps each field, so a schema refusal lands at its field. */
export function serverFieldOfPath(path: string): string | undefined {
  const m = /^loyaltyPlusUploads\.servers\.\d+\.(\w+)$/.exec(path) ?? /^loyaltyPlusUploads\.servers\[\d+\]\.(\w+)$/.exec(path);
  const field = m?.[1];
  return field !== undefined && field in K ? field : undefined;
}
