// The SFTP transport's contract (session.ts implements it over ssh2-sftp-client). Everything a
// caller needs: the uploads (one session per run) and the FTP Setup screen's Test.
import type { SftpFailureKind, SftpServer } from '../../store/uploads-settings.js';

export type { SftpFailureKind, SftpServer };

/** Each step a Test or a run goes through, for "failed at <step>" messages. */
export type SftpStep = 'resolve' | 'connect' | 'host-key' | 'login' | 'upload-path' | 'write' | 'rename' | 'remove' | 'read';

/**
 * A failure with its kind decided from error codes (ENOTFOUND, ECONNREFUSED, SFTP status codes,
 * ssh2's level "client-authentication"), never from message text. The message names the host and
 * the step and never carries the password or key material.
 */
export class SftpError extends Error {
  override name = 'SftpError';
  constructor(
    readonly kind: SftpFailureKind,
    readonly step: SftpStep,
    message: string,
    /** The server's host key fingerprint when it was seen (unknown or changed key). */
    readonly fingerprint?: string,
  ) {
    super(message);
  }
}

export interface SftpOptions {
  /** Deadline for connecting (resolve, TCP, handshake, login). Default 10 s. */
  connectTimeoutMs?: number;
  /** Deadline for each operation after login (a stat, one put, a rename). Default 30 s. */
  operationTimeoutMs?: number;
  /** SSH keepalive: a stalled server is noticed within interval * count. Defaults 3 s x 3. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
}

export interface RemoteStat {
  size: number;
}

/** One login; one operation at a time (PITFALLS: concurrent operations on one connection misbehave). */
export interface SftpSession {
  /** The fingerprint the server showed ("SHA256:..."), equal to the server's accepted hostKey. */
  readonly fingerprint: string;
  /** Size of a remote file, or null when there is none. Other failures throw SftpError. */
  stat(remotePath: string): Promise<RemoteStat | null>;
  /** True when the remote path is a folder. */
  isFolder(remotePath: string): Promise<boolean>;
  /** Writes the bytes to remotePath (replacing it), with put() only. */
  put(data: Buffer, remotePath: string): Promise<void>;
  /** posix-rename@openssh.com: replaces an existing target. */
  rename(from: string, to: string): Promise<void>;
  remove(remotePath: string): Promise<void>;
  /** Reads a remote file whole (verifying a batch already on the server); its size lengthens the deadline. */
  read(remotePath: string, expectedBytes?: number): Promise<Buffer>;
  /** Always resolves, within its own timeout. */
  end(): Promise<void>;
}

export type SftpTestAnswer =
  | { ok: true; fingerprint: string }
  | { ok: false; kind: SftpFailureKind; step: SftpStep; message: string; fingerprint?: string };
