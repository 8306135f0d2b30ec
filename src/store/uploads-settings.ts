// LoyaltyPlus Loyalty Uploads (Utilities > Setup > Module Parameters > Services): the FTP Servers
// list, the chosen account and Upload Path, and the last Test results (for the go-live checklist).
// Optional in settings.json: stores from before it read the defaults. The password lives here,
// beside the web-service secrets, in the owner-only settings.json and nowhere else.
import type { SettingsDoc } from './documents-types.js';

/** Why a Test (or an upload) failed; one kind per step, decided by error codes, never by text. */
export type SftpFailureKind =
  | 'name-lookup' | 'connect' | 'timeout' | 'host-key-unknown' | 'host-key-changed' | 'auth'
  | 'path-missing' | 'permission' | 'transfer' | 'key-file';

const KINDS: Record<SftpFailureKind, true> = {
  'name-lookup': true, 'connect': true, 'timeout': true, 'host-key-unknown': true, 'host-key-changed': true,
  'auth': true, 'path-missing': true, 'permission': true, 'transfer': true, 'key-file': true,
};
export const SFTP_FAILURE_KINDS = Object.keys(KINDS) as SftpFailureKind[];

export interface SftpServer {
  /** Account Name: the list's key, e.g. "Loyalty Plus". */
  name: string;
  protocol: 'SFTP';
  host: string;
  port: number;
  username: string;
  /** '' when a private key file is used. */
  password: string;
  /** Path of an OpenSSH private key file; '' when the password is used. */
  privateKeyFile: string;
  /** The accepted host key, OpenSSH style ("SHA256:base64"); '' until the operator accepts one. */
  hostKey: string;
}

export interface SftpTestResult {
  at: string;
  ok: boolean;
  kind?: SftpFailureKind;
  /** The account name tested. */
  account: string;
}

export interface UploadsSettings {
  servers: SftpServer[];
  /** The chosen account's name; '' when none is chosen. */
  account: string;
  /** Remote folder the files go into. */
  uploadPath: string;
  /** Oldest first, at most SFTP_TESTS_KEPT. */
  testResults: SftpTestResult[];
}

export const SFTP_TESTS_KEPT = 20;
export const SFTP_PORT_DEFAULT = 22;

export const DEFAULT_UPLOADS_SETTINGS: Readonly<UploadsSettings> = {
  servers: [],
  account: '',
  uploadPath: '/upload',
  testResults: [],
};

/** A copy with the defaults filled, safe to change and write back. */
export function uploadsSettingsOf(settings: SettingsDoc): UploadsSettings {
  const s = settings.loyaltyPlusUploads;
  return {
    ...DEFAULT_UPLOADS_SETTINGS, ...s,
    servers: (s?.servers ?? []).map((v) => ({ ...v })),
    testResults: (s?.testResults ?? []).map((r) => ({ ...r })),
  };
}

/** The chosen account, or null when none is chosen or it was deleted from the list. */
export function chosenServer(u: UploadsSettings): SftpServer | null {
  return u.servers.find((s) => s.name === u.account) ?? null;
}

export function withSftpTestResult(u: UploadsSettings, result: SftpTestResult): UploadsSettings {
  return { ...u, testResults: [...u.testResults, result].slice(-SFTP_TESTS_KEPT) };
}

/** Why an upload path is not an absolute remote folder, or null. */
export function uploadPathProblem(p: string): string | null {
  if (!p.startsWith('/')) return 'expected an absolute remote folder such as /upload';
  if (/[\0\n\r]/.test(p) || p.split('/').some((part) => part === '..')) return 'expected a folder without .. or control characters';
  return null;
}
