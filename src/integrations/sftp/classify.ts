// Failure kinds from error codes, never from message text (texts change between versions and
// carry nothing we may show anyway). Where the codes come from:
//
// ssh2 (the raw errors, seen by a listener prepended on its Client before ssh2-sftp-client wraps
// them; the wrapping keeps `code` but drops `level`):
//   level 'client-socket' + code ENOTFOUND / EAI_AGAIN / EAI_NONAME / EAI_FAIL  -> name-lookup
//   level 'client-dns'                                                          -> name-lookup
//   level 'client-socket' + ECONNREFUSED / EHOSTUNREACH / ENETUNREACH /
//     ECONNRESET / EPIPE before login                                           -> connect
//   level 'client-socket' + ETIMEDOUT, level 'client-timeout' (readyTimeout,
//     "Keepalive timeout")                                                      -> timeout
//   level 'client-authentication' ("All configured authentication methods")     -> auth
//   a refusal by our hostVerifier is known from our own verdict, not the error  -> host-key-*
//
// ssh2-sftp-client 12 (the errors its methods reject with; its wrapper copies `code` over):
//   numeric `code` = the SFTP status from the server: 2 NO_SUCH_FILE -> path-missing,
//     3 PERMISSION_DENIED -> permission, 6 NO_CONNECTION / 7 CONNECTION_LOST -> transfer
//   'ENOENT' (stat() rewrites status 2 and 4 to it)                             -> path-missing
//   'EACCES'                                                                    -> permission
//   'ERR_NOT_CONNECTED' (no sftp channel left), 'ERR_GENERIC_CLIENT' ("Unexpected
//     end/close event", "No response from server"), ECONNRESET / EPIPE          -> transfer
//   anything else after login (e.g. status 4 FAILURE: disk full)                -> transfer
import type { SftpFailureKind } from './types.js';

export interface RawSshError {
  code?: unknown;
  level?: string;
}

const LOOKUP_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const CONNECT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'EADDRNOTAVAIL', 'ECONNABORTED']);
const SFTP_STATUS_NO_SUCH_FILE = 2;
const SFTP_STATUS_PERMISSION_DENIED = 3;

/** Why a connection attempt (resolve, TCP, handshake, login) failed. */
export function connectFailureKind(raw: RawSshError | undefined, wrapped: RawSshError | undefined): SftpFailureKind {
  const err = raw ?? wrapped;
  const code = typeof err?.code === 'string' ? err.code : '';
  if (err?.level === 'client-authentication') return 'auth';
  if (err?.level === 'client-dns' || LOOKUP_CODES.has(code)) return 'name-lookup';
  if (err?.level === 'client-timeout' || code === 'ETIMEDOUT') return 'timeout';
  if (CONNECT_CODES.has(code)) return 'connect';
  return 'connect';
}

const LOST_CODES = new Set<unknown>(['ERR_NOT_CONNECTED', 'ERR_GENERIC_CLIENT', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 6, 7]);

/** True when the library's code says the connection (not the server's file system) failed. */
export function isConnectionLost(wrapped: RawSshError | undefined): boolean {
  return LOST_CODES.has(wrapped?.code);
}

/** Why an operation after login failed. `raw` is an ssh2 error seen on the connection meanwhile. */
export function operationFailureKind(raw: RawSshError | undefined, wrapped: RawSshError | undefined): SftpFailureKind {
  if (raw?.level === 'client-timeout' || raw?.code === 'ETIMEDOUT') return 'timeout';
  if (raw) return 'transfer';
  const code = wrapped?.code;
  if (code === SFTP_STATUS_NO_SUCH_FILE || code === 'ENOENT' || code === 'ENOTDIR') return 'path-missing';
  if (code === SFTP_STATUS_PERMISSION_DENIED || code === 'EACCES' || code === 'EPERM') return 'permission';
  return 'transfer';
}

/** A short, secret-free tag for the message: the code, never the library's text. */
export function codeTag(err: RawSshError | undefined): string {
  if (!err) return '';
  if (typeof err.code === 'number') return ` (SFTP status ${err.code})`;
  if (typeof err.code === 'string' && /^[A-Z0-9_]+$/.test(err.code)) return ` (${err.code})`;
  if (err.level) return ` (${err.level})`;
  return '';
}
